/**
 * The station's dashboard for a period and a village: record coverage against the plan's targets
 * (divided by the official population the station entered for the year, else by the active
 * registry — and it says which), activity in the period, care owed as of today, and the residents
 * by age. Every figure has its list in worklists.ts, built from the same functions. The figures are
 * kept until the next write (dashboard-cache.ts).
 */
import type { z } from 'zod';
import { COVERAGE_TARGETS, type Dashboard } from '#contract/ops/reports.ts';
import type { CoreContext } from '../context.ts';
import { todayIn } from '../registry/age.ts';
import { trends, updatedCount } from './activity.ts';
import { ncdRows, under1Cohort, vaccineCounts } from './care.ts';
import { cachedFigures } from './dashboard-cache.ts';
import { childrenGrowth } from './growth-status.ts';
import { populationOf } from './repo/population.ts';
import { ageGroups, villageCounts, villagesOf } from './residents.ts';
import { checkPeriod, type Scope } from './scope.ts';
import { acknowledgedCount, enabledUpstreams, failedCount } from './upload.ts';

export function scopeOf(ctx: CoreContext, input: { from: string; to: string; village?: string }): Scope {
  checkPeriod(input.from, input.to);
  return { from: input.from, to: input.to, village: input.village, asOf: todayIn(ctx.clock) };
}

export function dashboard(
  ctx: CoreContext,
  input: { from: string; to: string; village?: string },
): z.input<typeof Dashboard> {
  const scope = scopeOf(ctx, input);
  const key = JSON.stringify([scope.from, scope.to, scope.village ?? null, scope.asOf]);
  return cachedFigures(ctx.store, key, () => computeDashboard(ctx, scope));
}

function computeDashboard(ctx: CoreContext, scope: Scope): z.input<typeof Dashboard> {
  const groups = villageCounts(ctx, scope);
  const active = groups.filter((g) => g.status === 'active');
  const sum = (list: typeof groups, f: (g: (typeof groups)[number]) => number) =>
    list.reduce((n, g) => n + f(g), 0);
  const registry = sum(active, (g) => g.count);
  const withRecord = sum(active, (g) => g.withRecord);
  const year = Number(scope.to.slice(0, 4));
  const official = populationOf(ctx.store, year);
  // The official figure is the whole commune's: a village is divided by its own registry.
  const source = official !== null && scope.village === undefined ? 'official' : 'registry';
  const denominator = source === 'official' ? (official ?? 0) : registry;
  const byVillage = new Map<string, { active: number; withRecord: number }>();
  for (const g of active) {
    const v = byVillage.get(g.village) ?? { active: 0, withRecord: 0 };
    v.active += g.count;
    v.withRecord += g.withRecord;
    byVillage.set(g.village, v);
  }
  const collator = new Intl.Collator('vi');
  const examined12m = sum(active, (g) => g.examined12m);
  const ncd = ncdRows(ctx, scope);
  const growth = childrenGrowth(ctx, scope);
  const cohort = under1Cohort(ctx, scope);
  const upstreams = enabledUpstreams(ctx);
  return {
    from: scope.from,
    to: scope.to,
    asOf: scope.asOf,
    village: scope.village ?? null,
    villages: villagesOf(ctx),
    population: { registry, official, year, source, denominator },
    coverage: {
      withRecord,
      rate: denominator > 0 ? withRecord / denominator : null,
      targets: [...COVERAGE_TARGETS],
    },
    byVillage: [...byVillage]
      .map(([village, v]) => ({ village, ...v }))
      .sort((a, b) => collator.compare(a.village, b.village)),
    updated: updatedCount(ctx, scope),
    examined12m,
    notExamined: registry - examined12m,
    upstream: {
      configured: upstreams.length > 0,
      acknowledged: acknowledgedCount(ctx, scope),
      failed: failedCount(ctx, scope),
    },
    ncd: (['hypertension', 'diabetes'] as const).map((register) => {
      const on = ncd.filter((r) => r.register === register);
      return {
        register,
        managed: on.length,
        followed3m: on.filter((r) => r.followed3m).length,
        overdue: on.filter((r) => r.overdueSince !== null).length,
      };
    }),
    vaccines: {
      ...vaccineCounts(ctx, scope),
      cohort: cohort.length,
      fullyImmunised: cohort.filter((c) => c.missing.length === 0).length,
    },
    growth: {
      under5: growth.length,
      measured: growth.filter((c) => c.measuredOn !== null).length,
      below2sd: growth.filter((c) => c.below.some((b) => b.indicator !== 'wflh')).length,
      malnourished: growth.filter((c) => c.below.length > 0).length,
    },
    ages: ageGroups(ctx, scope),
    moved: sum(groups, (g) => (g.status === 'moved' ? g.count : 0)),
    deceased: sum(groups, (g) => (g.status === 'deceased' ? g.count : 0)),
    trends: trends(ctx, scope),
  };
}
