import type { PersonSummary } from '#contract/ops/persons.ts';
import type { CoreContext } from '../context.ts';
import { ageOn, todayIn } from './age.ts';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from './person-row.ts';

/** Summaries for a set of person ids (or internal pks), in the order given. */
export function summariesByIds(ctx: CoreContext, ids: readonly string[]): PersonSummary[] {
  if (ids.length === 0) return [];
  const rows = ctx.store
    .prepare(
      `SELECT ${SUMMARY_COLUMNS} FROM persons p LEFT JOIN households h ON h.id = p.household_id
       WHERE p.id IN (${ids.map(() => '?').join(',')})`,
    )
    .all(...ids) as SummaryRow[];
  const day = todayIn(ctx.clock);
  const byId = new Map(rows.map((r) => [r.id, toSummary(r, ageOn(r.birth_date, day))]));
  return ids.map((id) => byId.get(id)).filter((s): s is PersonSummary => s !== undefined);
}

export function summariesByPks(ctx: CoreContext, pks: readonly number[]): PersonSummary[] {
  if (pks.length === 0) return [];
  const rows = ctx.store
    .prepare(
      `SELECT p.pk, ${SUMMARY_COLUMNS} FROM persons p LEFT JOIN households h ON h.id = p.household_id
       WHERE p.pk IN (${pks.map(() => '?').join(',')})`,
    )
    .all(...pks) as (SummaryRow & { pk: number })[];
  const day = todayIn(ctx.clock);
  const byPk = new Map(rows.map((r) => [r.pk, toSummary(r, ageOn(r.birth_date, day))]));
  return pks.map((pk) => byPk.get(pk)).filter((s): s is PersonSummary => s !== undefined);
}
