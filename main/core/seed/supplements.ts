/**
 * The demo commune's vitamin A and deworming doses (issue 14 point 8). Both are given on the
 * programme's campaign days, 1 June and 1 December (Viện Dinh dưỡng's "Ngày vi chất dinh
 * dưỡng"): vitamin A to children 6–59 months (most of them under three, fewer after, as the
 * national campaign targets 6–36 months), deworming from 24 months. Through the record's seed
 * writer: not marked for upload. Deterministic like the rest of the seed.
 */
import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../context.ts';
import { addMonths } from '../record/rules/dates.ts';
import { SUPPLEMENT_PROGRAMMES } from '../record/rules/supplements.ts';
import { seedSupplements } from '../record/repo/supplements.ts';
import { Random } from './random.ts';

/** Campaign days from `from` to `to` (ISO days), in order. */
function campaignDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++)
    for (const d of [`${y}-06-01`, `${y}-12-01`]) if (d >= from && d <= to) out.push(d);
  return out;
}

export function seedChildSupplements(ctx: CoreContext, o: { seed: string; asOf: string }): number {
  const rng = new Random(`hssk-supplements:${o.seed}`);
  const earliest = addMonths(o.asOf, -15 * 12)!;
  const children = ctx.store
    .prepare(
      `SELECT id, birth_date FROM persons WHERE status = 'active' AND length(birth_date) = 10 AND birth_date > ? ORDER BY pk`,
    )
    .all(earliest) as { id: string; birth_date: string }[];
  const insert = seedSupplements(ctx.store);
  const recordedAt = `${o.asOf}T08:00:00.000Z`;
  let count = 0;
  ctx.store.tx(() => {
    for (const c of children) {
      const va = SUPPLEMENT_PROGRAMMES.vitamin_a;
      const vaUntil = addMonths(c.birth_date, va.untilMonths)!;
      for (const day of campaignDays(addMonths(c.birth_date, va.fromMonths)!, o.asOf)) {
        if (day >= vaUntil) break;
        const young = day < addMonths(c.birth_date, 36)!;
        if (!rng.chance(young ? 0.85 : 0.5)) continue;
        const dose = day < addMonths(c.birth_date, 12)! ? '100.000 IU' : '200.000 IU';
        insert({
          id: randomUUID(),
          personId: c.id,
          kind: 'vitamin_a',
          givenOn: day,
          dose,
          place: 'Trạm y tế',
          recordedAt,
        });
        count += 1;
      }
      for (const day of campaignDays(
        addMonths(c.birth_date, SUPPLEMENT_PROGRAMMES.deworming.fromMonths)!,
        o.asOf,
      )) {
        if (!rng.chance(0.6)) continue;
        insert({
          id: randomUUID(),
          personId: c.id,
          kind: 'deworming',
          givenOn: day,
          dose: 'Albendazol 400 mg',
          place: 'Trạm y tế',
          recordedAt,
        });
        count += 1;
      }
    }
  });
  return count;
}
