/**
 * The monthly trends of one village (activity.ts `trends` with a village chosen): the same counts,
 * read in one pass per source over the whole charted span and put in their month here.
 *
 * Why not a count per month as for the whole commune: each of those statements rebuilt the
 * village's list of residents for its `IN` (5 statements × every month), which cost more than the
 * counting. Here the list is built once per source and only the village's rows (a few thousand)
 * come back.
 */
import type { CoreContext } from '../context.ts';
import { dayStartUtc, periodMonths, type Scope } from './scope.ts';

export interface MonthCounts {
  month: string;
  updated: number;
  examined: number;
  doses: number;
}

export function villageTrends(ctx: CoreContext, scope: Scope & { village: string }): MonthCounts[] {
  const months = periodMonths(scope.from, scope.to);
  if (months.length === 0) return [];
  // The charted span: from the first charted month's first day (or the period's start) to its end.
  const first = months[0] === scope.from.slice(0, 7) ? scope.from : `${months[0]}-01`;
  const next = new Date(Date.parse(`${scope.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const [t0, t1, d0, d1, village] = [dayStartUtc(first), dayStartUtc(next), first, scope.to, scope.village];
  const ids = `SELECT p.id FROM persons p INDEXED BY persons_report WHERE p.village = @village`;
  const pluck = (sql: string, params: Record<string, string>) =>
    ctx.store.prepare(sql).pluck().all(params) as string[];
  const changed = [
    ...pluck(
      `SELECT h.updated_at FROM person_history h WHERE h.updated_at >= @t0 AND h.updated_at < @t1 AND h.person_id IN (${ids})`,
      { t0, t1, village },
    ),
    ...pluck(
      `SELECT i.recorded_at FROM immunizations i INDEXED BY immunizations_recorded
       WHERE i.recorded_at >= @t0 AND i.recorded_at < @t1 AND i.person_id IN (${ids})`,
      { t0, t1, village },
    ),
    ...pluck(
      `SELECT v.updated_at FROM visits v INDEXED BY visits_signed_updated
       WHERE v.status = 'signed' AND v.updated_at >= @t0 AND v.updated_at < @t1 AND v.person_id IN (${ids})`,
      { t0, t1, village },
    ),
  ];
  const examinedOn = pluck(
    `SELECT v.visit_on FROM visits v INDEXED BY visits_signed_on
     WHERE v.status = 'signed' AND v.visit_on >= @d0 AND v.visit_on <= @d1 AND v.person_id IN (${ids})`,
    { d0, d1, village },
  );
  const givenOn = pluck(
    `SELECT i.given_on FROM immunizations i INDEXED BY immunizations_given
     WHERE i.given_on >= @d0 AND i.given_on <= @d1 AND i.person_id IN (${ids})`,
    { d0, d1, village },
  );
  const out = months.map((month) => ({ month, updated: 0, examined: 0, doses: 0 }));
  const at = new Map(months.map((m, i) => [m, i]));
  // A change belongs to the month whose station-time start it follows (UTC bounds, as scope.ts).
  const starts = months.map((m, i) => (i === 0 ? t0 : dayStartUtc(`${m}-01`)));
  for (const t of changed) {
    let i = starts.length - 1;
    while (i > 0 && t < starts[i]) i -= 1;
    out[i].updated += 1;
  }
  for (const day of examinedOn) {
    const i = at.get(day.slice(0, 7));
    if (i !== undefined) out[i].examined += 1;
  }
  for (const day of givenOn) {
    const i = at.get(day.slice(0, 7));
    if (i !== undefined) out[i].doses += 1;
  }
  return out;
}
