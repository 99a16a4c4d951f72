/**
 * What happened in a period: residents whose record changed (part B saved, a dose recorded, an exam
 * signed or amended), residents examined, doses given — in total and month by month. Each source is
 * read by its time index (0018), never by a scan of visits.
 */
import type { CoreContext } from '../context.ts';
import { CHANGES_SQL, periodMonths, periodUtc, type Scope, villageParam, villageSql } from './scope.ts';

/** Active residents in the scope whose part B, C or D changed in the period. */
export function updatedCount(ctx: CoreContext, scope: Scope): number {
  return ctx.store
    .prepare(
      `SELECT count(DISTINCT c.person_id) FROM (${CHANGES_SQL}) c
       JOIN persons p ON p.id = c.person_id WHERE p.status = 'active'${villageSql(scope)}`,
    )
    .pluck()
    .get({ ...periodUtc(scope), ...villageParam(scope) }) as number;
}

/** The ids (and latest change) of those residents, for the list behind the figure. */
export function updatedRows(ctx: CoreContext, scope: Scope): { id: string; at: string }[] {
  return ctx.store
    .prepare(
      `SELECT c.person_id AS id, max(c.at) AS at FROM (${CHANGES_SQL}) c
       JOIN persons p ON p.id = c.person_id WHERE p.status = 'active'${villageSql(scope)} GROUP BY c.person_id`,
    )
    .all({ ...periodUtc(scope), ...villageParam(scope) }) as { id: string; at: string }[];
}

export interface TrendPoint {
  month: string;
  updated: number;
  examined: number;
  doses: number;
}

export function trends(ctx: CoreContext, scope: Scope): TrendPoint[] {
  const months = periodMonths(scope.from, scope.to);
  if (months.length === 0) return [];
  // A period longer than the chart: its last months.
  const from = months[0] === scope.from.slice(0, 7) ? scope.from : `${months[0]}-01`;
  const trendScope = { ...scope, from };
  const v = villageParam(scope);
  const join = (alias: string) =>
    scope.village !== undefined ? ` JOIN persons p ON p.id = ${alias}.person_id` : '';
  const where = villageSql(scope);
  const byMonth = (rows: { month: string; n: number }[]) => new Map(rows.map((r) => [r.month, r.n]));
  const updated = byMonth(
    ctx.store
      .prepare(
        `SELECT strftime('%Y-%m', x.at, '+7 hours') AS month, count(DISTINCT x.person_id) AS n
         FROM (${CHANGES_SQL}) x${join('x')} WHERE 1 = 1${where} GROUP BY month`,
      )
      .all({ ...periodUtc(trendScope), ...v }) as { month: string; n: number }[],
  );
  const examined = byMonth(
    ctx.store
      .prepare(
        `SELECT substr(v.visit_on, 1, 7) AS month, count(DISTINCT v.person_id) AS n
         FROM visits v INDEXED BY visits_signed_on${join('v')}
         WHERE v.status = 'signed' AND v.visit_on >= @from AND v.visit_on <= @to${where} GROUP BY month`,
      )
      .all({ from, to: scope.to, ...v }) as { month: string; n: number }[],
  );
  const doses = byMonth(
    ctx.store
      .prepare(
        `SELECT substr(i.given_on, 1, 7) AS month, count(*) AS n
         FROM immunizations i INDEXED BY immunizations_given${join('i')}
         WHERE i.given_on >= @from AND i.given_on <= @to${where} GROUP BY month`,
      )
      .all({ from, to: scope.to, ...v }) as { month: string; n: number }[],
  );
  return months.map((month) => ({
    month,
    updated: updated.get(month) ?? 0,
    examined: examined.get(month) ?? 0,
    doses: doses.get(month) ?? 0,
  }));
}
