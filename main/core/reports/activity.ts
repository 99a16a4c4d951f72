/**
 * What happened in a period: residents whose record changed (part B saved, a dose recorded, an exam
 * signed or amended), and month by month the number of changes, exams signed and doses given. Each
 * source is read by its time index (0018), never by a scan of visits.
 *
 * Which residents changed: for a period that reaches the newest change (the dashboard's usual one,
 * this year up to today), those whose latest change (`record_changed`, 0027, kept by triggers) falls
 * on or after its first day — a range of one small index. A period that ended before a later change
 * is counted from the three sources, distinct. The two agree except on a change later taken back
 * (a dose deleted): the kept latest change still counts it, the sources no longer hold it.
 *
 * Why the distinct residents are counted without a join to persons: a period of a busy year holds
 * hundreds of thousands of changes; joining each to persons for its status took seconds. The count
 * leaves out the few residents who are not active (a small list SQLite keeps in memory) instead.
 */
import type { CoreContext } from '../context.ts';
import {
  CHANGES_SQL,
  dayStartUtc,
  periodMonths,
  periodUtc,
  type Scope,
  villageParam,
  villageSql,
} from './scope.ts';
import { villageTrends } from './village-trends.ts';

/** The residents not active (moved, deceased): a few hundred, listed from the report index. */
const NOT_ACTIVE_SQL = `SELECT p.id FROM persons p INDEXED BY persons_report WHERE p.status <> 'active'`;

/** The scope's active residents among `ids`: the scope's others are few (moved, deceased) or one village. */
function activeInScope(ctx: CoreContext, scope: Scope, ids: Set<string>): string[] {
  if (scope.village !== undefined) {
    const inVillage = ctx.store
      .prepare(
        `SELECT p.id FROM persons p INDEXED BY persons_report WHERE p.status = 'active'${villageSql(scope)}`,
      )
      .pluck()
      .all(villageParam(scope)) as string[];
    return inVillage.filter((id) => ids.has(id));
  }
  const others = new Set(ctx.store.prepare(NOT_ACTIVE_SQL).pluck().all() as string[]);
  // A merge moves every change to the survivor, so each id here is a resident's.
  return [...ids].filter((id) => !others.has(id));
}

/** Nothing changed on or after the period's end: each resident's latest change answers for it. */
function reachesNewestChange(ctx: CoreContext, t1: string): boolean {
  const newest = ctx.store.prepare('SELECT max(changed_at) FROM record_changed').pluck().get() as
    string | null;
  return newest === null || newest < t1;
}

/** Active residents in the scope whose part B, C or D changed in the period. */
export function updatedCount(ctx: CoreContext, scope: Scope): number {
  const period = periodUtc(scope);
  if (reachesNewestChange(ctx, period.t1)) {
    if (scope.village !== undefined)
      return ctx.store
        .prepare(
          `SELECT count(*) FROM persons p INDEXED BY persons_report JOIN record_changed c ON c.person_id = p.id
           WHERE p.status = 'active'${villageSql(scope)} AND c.changed_at >= @t0 AND c.changed_at < @t1`,
        )
        .pluck()
        .get({ ...period, ...villageParam(scope) }) as number;
    // All changed residents less the few not active among them, found from their side: the list of
    // the not active (a walk of the whole report index) took longer than the count itself.
    return ctx.store
      .prepare(
        `SELECT (SELECT count(*) FROM record_changed INDEXED BY record_changed_at
                 WHERE changed_at >= @t0 AND changed_at < @t1)
              - (SELECT count(*) FROM persons p INDEXED BY persons_active_last_visit
                 JOIN record_changed c ON c.person_id = p.id
                 WHERE (p.status < 'active' OR p.status > 'active') AND c.changed_at >= @t0 AND c.changed_at < @t1)`,
      )
      .pluck()
      .get(period) as number;
  }
  if (scope.village !== undefined)
    // One village: its residents probed by their own indexes, not the whole commune's changes.
    return ctx.store
      .prepare(
        `SELECT count(*) FROM persons p INDEXED BY persons_report WHERE p.status = 'active'${villageSql(scope)} AND (
           EXISTS (SELECT 1 FROM person_history h WHERE h.person_id = p.id AND h.updated_at >= @t0 AND h.updated_at < @t1)
           OR EXISTS (SELECT 1 FROM immunizations i INDEXED BY immunizations_person
                      WHERE i.person_id = p.id AND i.recorded_at >= @t0 AND i.recorded_at < @t1)
           OR EXISTS (SELECT 1 FROM visits v INDEXED BY visits_person
                      WHERE v.person_id = p.id AND v.status = 'signed' AND v.updated_at >= @t0 AND v.updated_at < @t1))`,
      )
      .pluck()
      .get({ ...periodUtc(scope), ...villageParam(scope) }) as number;
  // The whole commune: the changed residents counted by SQLite (a distinct count over the three time
  // indexes), leaving out the few who are not active. It gives the list's length (updatedRows) without
  // handing every change's id to JavaScript.
  return ctx.store
    .prepare(
      `SELECT count(DISTINCT person_id) FROM (${CHANGES_SQL}) WHERE person_id NOT IN (${NOT_ACTIVE_SQL})`,
    )
    .pluck()
    .get(period) as number;
}

/** Those residents and the day of their latest change, for the list behind the figure. */
export function updatedRows(ctx: CoreContext, scope: Scope): { id: string; at: string }[] {
  const period = periodUtc(scope);
  const latest = new Map<string, string>();
  const changes = reachesNewestChange(ctx, period.t1)
    ? `SELECT person_id, changed_at FROM record_changed WHERE changed_at >= @t0 AND changed_at < @t1`
    : `SELECT person_id, at FROM (${CHANGES_SQL})`;
  for (const [id, at] of ctx.store.prepare(changes).raw().all(period) as [string, string][]) {
    const seen = latest.get(id);
    if (!seen || at > seen) latest.set(id, at);
  }
  return activeInScope(ctx, scope, new Set(latest.keys())).map((id) => ({ id, at: latest.get(id) ?? '' }));
}

export interface TrendPoint {
  month: string;
  updated: number;
  examined: number;
  doses: number;
}

/**
 * Per month of the period (at most the last 24): changes to records (part B saves, doses recorded,
 * exams signed or amended), exams signed (by their day), doses given. Counted as index ranges per
 * month, so no per-row date arithmetic; a village's are counted by village-trends.ts.
 */
export function trends(ctx: CoreContext, scope: Scope): TrendPoint[] {
  // One village: one pass per source (village-trends.ts), its residents listed once per source.
  if (scope.village !== undefined) return villageTrends(ctx, { ...scope, village: scope.village });
  const months = periodMonths(scope.from, scope.to);
  const changes = ctx.store.prepare(
    `SELECT (SELECT count(*) FROM person_history h WHERE h.updated_at >= @t0 AND h.updated_at < @t1)
          + (SELECT count(*) FROM immunizations i INDEXED BY immunizations_recorded WHERE i.recorded_at >= @t0 AND i.recorded_at < @t1)
          + (SELECT count(*) FROM visits v INDEXED BY visits_signed_updated WHERE v.status = 'signed' AND v.updated_at >= @t0 AND v.updated_at < @t1)`,
  );
  const exams = ctx.store.prepare(
    `SELECT count(*) FROM visits v INDEXED BY visits_signed_on
     WHERE v.status = 'signed' AND v.visit_on >= @d0 AND v.visit_on <= @d1`,
  );
  const doses = ctx.store.prepare(
    `SELECT count(*) FROM immunizations i INDEXED BY immunizations_given
     WHERE i.given_on >= @d0 AND i.given_on <= @d1`,
  );
  return months.map((month) => {
    const first = month === scope.from.slice(0, 7) ? scope.from : `${month}-01`;
    const end = lastDay(month);
    const last = end > scope.to ? scope.to : end;
    const next = new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const days = { d0: first, d1: last };
    return {
      month,
      updated: changes.pluck().get({ t0: dayStartUtc(first), t1: dayStartUtc(next) }) as number,
      examined: exams.pluck().get(days) as number,
      doses: doses.pluck().get(days) as number,
    };
  });
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
