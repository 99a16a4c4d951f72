/**
 * Pregnancies and family planning for the demo commune (issue 14, point 8), in the proportions a
 * Vietnamese commune shows (crude birth rate about 15‰, so roughly 5 % of women of 18–44 pregnant at
 * any time; contraceptive use about two thirds of women of 20–49, the IUD the commonest method):
 *
 * - an open pregnancy for ~4.5 % of women of 18–44, with the antenatal visits of the schedule's
 *   windows already passed (most attended), an appointment after the last one;
 * - a pregnancy ended in the last two years for ~11 % of them: mostly births (at the hospital or
 *   the station, normal or caesarean, 2.5–4 kg), some miscarriages and abortions;
 * - a family-planning method for ~65 % of the other women of 20–49 (IUD, pill, condom, injection,
 *   sterilisation, implant, traditional), with a start date and the next check-up.
 *
 * Deterministic like the rest of the seed; written through the record's seed statements (never
 * marked for upload).
 */
import type { CoreContext } from '../context.ts';
import { seedMaternal } from '../record/repo/pregnancies.ts';
import { addDays, completedMonths } from '../record/rules/dates.ts';
import { ANTENATAL_VISITS, eddFromLmp } from '../record/rules/pregnancy.ts';
import { Random } from './random.ts';

export interface MaternalCounts {
  pregnancies: number;
  antenatalVisits: number;
  familyPlanning: number;
}

/** Method shares among users (MICS-like); weights, not exact. */
const METHODS: [string, number][] = [
  ['iud', 40],
  ['pill', 18],
  ['condom', 15],
  ['injection', 5],
  ['sterilisation', 5],
  ['implant', 2],
  ['other', 15],
];
/** Where and how the babies were born (most in hospital; a third by caesarean, as in Vietnam). */
const PLACES: [string, number][] = [
  ['hospital', 70],
  ['station', 25],
  ['home', 5],
];
const MODES: [string, number][] = [
  ['normal', 65],
  ['caesarean', 30],
  ['assisted', 5],
];
/** Months to the next check-up after starting a method. */
const FOLLOW_UP_MONTHS: Record<string, number | null> = {
  iud: 12,
  pill: 3,
  condom: null,
  injection: 3,
  sterilisation: null,
  implant: 12,
  other: null,
};

export function seedMaternalHealth(ctx: CoreContext, o: { seed: string; asOf: string }): MaternalCounts {
  const rng = new Random(`hssk-maternal:${o.seed}`);
  const asOfYear = Number(o.asOf.slice(0, 4));
  const women = ctx.store
    .prepare(
      `SELECT id, birth_year FROM persons WHERE status = 'active' AND sex = 'F' AND birth_year BETWEEN ? AND ? ORDER BY pk`,
    )
    .all(asOfYear - 49, asOfYear - 15) as { id: string; birth_year: number }[];
  const nurse = ctx.store
    .prepare(`SELECT id FROM users WHERE role = 'clinician' ORDER BY username LIMIT 1`)
    .pluck()
    .get() as string | undefined;
  const at = `${o.asOf}T08:00:00.000Z`;
  const w = seedMaternal(ctx.store);
  const counts: MaternalCounts = { pregnancies: 0, antenatalVisits: 0, familyPlanning: 0 };
  const day = (offset: number) => addDays(o.asOf, offset) as string;

  ctx.store.tx(() => {
    for (const p of women) {
      const age = asOfYear - p.birth_year;
      const r = rng.float();
      if (age >= 18 && age <= 44 && r < 0.045) {
        // Open: 2 to 40 weeks along today.
        const lmp = day(-rng.int(14, 280));
        const id = rng.uuid();
        const gravida = rng.int(1, 4);
        w.pregnancy({
          id,
          person_id: p.id,
          lmp,
          edd: eddFromLmp(lmp) as string,
          gravida,
          para: gravida - 1,
          created_at: at,
          created_by: nurse ?? null,
          updated_at: at,
        });
        counts.pregnancies++;
        const visits: string[] = [];
        for (const slot of ANTENATAL_VISITS) {
          const on = addDays(lmp, slot.targetWeek * 7 + rng.int(-7, 7)) as string;
          if (on >= o.asOf || !rng.chance(0.85)) continue;
          visits.push(on);
        }
        visits.forEach((on, i) => {
          const gestDays = Math.round((Date.parse(on) - Date.parse(lmp)) / 86_400_000);
          const next = i === visits.length - 1 ? addDays(on, rng.int(21, 42)) : null;
          w.visit({
            id: rng.uuid(),
            pregnancy_id: id,
            person_id: p.id,
            visit_on: on,
            gest_days: gestDays,
            weight_kg: Math.round(rng.normal(48 + gestDays / 30, 5) * 10) / 10,
            systolic: Math.round(rng.normal(110, 10)),
            diastolic: Math.round(rng.normal(70, 7)),
            fundal_height_cm: gestDays >= 140 ? Math.round(gestDays / 7 + rng.normal(0, 1.5)) : null,
            iron_folic: rng.chance(0.8) ? 1 : 0,
            next_visit_on: next ?? null,
            recorded_at: `${on}T02:00:00.000Z`,
            recorded_by: nurse ?? null,
          });
          counts.antenatalVisits++;
        });
        continue;
      }
      if (age >= 18 && age <= 44 && r < 0.155) {
        // Ended within the last two years.
        const lmp = day(-rng.int(300, 730));
        const kind = rng.weighted(
          [
            ['live-birth', 88],
            ['stillbirth', 1],
            ['miscarriage', 8],
            ['abortion', 3],
          ] as const,
          (x) => x[1],
        )[0];
        const birth = kind === 'live-birth' || kind === 'stillbirth';
        const endedOn = addDays(lmp, birth ? rng.int(259, 290) : rng.int(42, 130)) as string;
        const gravida = rng.int(1, 4);
        w.pregnancy({
          id: rng.uuid(),
          person_id: p.id,
          lmp,
          edd: eddFromLmp(lmp) as string,
          gravida,
          para: gravida - 1,
          outcome: kind,
          ended_on: endedOn,
          delivery_place: birth ? rng.weighted(PLACES, (x) => x[1])[0] : '',
          delivery_mode: birth ? rng.weighted(MODES, (x) => x[1])[0] : '',
          baby_weight_g: birth ? Math.round(rng.normal(3100, 400) / 10) * 10 : null,
          created_at: `${lmp}T03:00:00.000Z`,
          created_by: nurse ?? null,
          updated_at: at,
        });
        counts.pregnancies++;
        continue;
      }
      if (age >= 20 && rng.chance(0.65)) {
        const method = rng.weighted(METHODS, (x) => x[1])[0];
        const startedOn = day(-rng.int(30, 3650));
        const every = FOLLOW_UP_MONTHS[method];
        // The next check-up: the first one due after today's month, on the method's rhythm.
        let followUp: string | null = null;
        if (every) {
          const months = completedMonths(startedOn, o.asOf) ?? 0;
          const n = Math.floor(months / every) + 1;
          followUp = addDays(startedOn, Math.round(n * every * 30.44)) as string;
        }
        w.method({
          id: rng.uuid(),
          person_id: p.id,
          method,
          method_text: method === 'other' ? rng.pick(['Tính vòng kinh', 'Xuất tinh ngoài âm đạo']) : '',
          started_on: startedOn,
          follow_up_on: followUp,
          created_at: `${startedOn}T03:00:00.000Z`,
          updated_at: at,
          updated_by: nurse ?? null,
        });
        counts.familyPlanning++;
      }
    }
  });
  return counts;
}
