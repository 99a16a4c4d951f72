/**
 * Part B.7 as the 831 form and the provincial XML print it, filled from the structured records of
 * issue 14 where they exist: "Biện pháp tránh thai đang dùng" is the method in use (its Vietnamese
 * label, or the words of "other") and "Kỳ có thai cuối cùng" the month of the last pregnancy's LMP
 * (mm/yyyy). Without them part B's own free text stands, as typed.
 */
import { FP_METHODS, type FpMethod } from '#contract/ops/pregnancy.ts';
import { PartB, type PartB as PartBData } from '#contract/ops/record.ts';
import type { CoreContext } from '../context.ts';

export function partBWithMaternal(
  ctx: CoreContext,
  personId: string,
  history: PartBData | null,
): PartBData | null {
  const method = ctx.store
    .prepare(
      `SELECT method, method_text FROM family_planning WHERE person_id = ? AND ended_on IS NULL
       ORDER BY coalesce(started_on, created_at) DESC LIMIT 1`,
    )
    .get(personId) as { method: FpMethod; method_text: string } | undefined;
  const lmp = ctx.store
    .prepare('SELECT max(lmp) FROM pregnancies WHERE person_id = ?')
    .pluck()
    .get(personId) as string | null;
  if (!method && !lmp) return history;
  const base = history ?? PartB.parse({});
  const contraception = method
    ? method.method === 'other' && method.method_text
      ? method.method_text
      : FP_METHODS[method.method]
    : base.reproductive.contraception;
  const lastPregnancy = lmp ? `${lmp.slice(5, 7)}/${lmp.slice(0, 4)}` : base.reproductive.lastPregnancy;
  return { ...base, reproductive: { ...base.reproductive, contraception, lastPregnancy } };
}
