/**
 * A person's doses as recorded, and the programme schedule they give (the one function every
 * reader of part C uses: the record, the checks on a new dose, the due list).
 */
import type { DoseRecord } from '#contract/ops/record.ts';
import { vnDay } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { ageOn, todayIn } from '../registry/age.ts';
import { stationCatalogue, vaccineByCode } from './catalogue.ts';
import { currentPregnancy, type CurrentPregnancy } from './rules/immunization-pregnancy.ts';
import { computeSchedule, type Schedule } from './rules/schedule.ts';
import type { VaccineGroup } from './rules/vaccines.ts';

interface DoseRow {
  id: string;
  vaccine_code: string;
  given_on: string;
  place: string;
  reaction: string;
  next_on: string | null;
  pregnancy_month: number | null;
  batch: string;
  recorded_by: string | null;
}

export function listDoses(ctx: CoreContext, personId: string): DoseRecord[] {
  const rows = ctx.store
    .prepare('SELECT * FROM immunizations WHERE person_id = ? ORDER BY given_on, vaccine_code')
    .all(personId) as DoseRow[];
  return rows.map((r) => ({
    id: r.id,
    vaccineCode: r.vaccine_code,
    vaccineName: vaccineByCode(ctx, r.vaccine_code)?.name ?? r.vaccine_code,
    givenOn: r.given_on,
    place: r.place,
    reaction: r.reaction,
    nextOn: r.next_on,
    pregnancyMonth: r.pregnancy_month,
    batch: r.batch,
    recordedBy: r.recorded_by,
  }));
}

/** The ages at which a woman's tetanus-in-pregnancy doses are looked for without a recorded dose. */
const CHILDBEARING = { from: 15, to: 49 };

/** Part B "Kỳ có thai cuối cùng" (free text), read only for women of childbearing age. */
function lastPregnancyText(ctx: CoreContext, personId: string): string {
  const v = ctx.store
    .prepare(
      `SELECT json_extract(data, '$.reproductive.lastPregnancy') FROM person_history WHERE person_id = ?`,
    )
    .pluck()
    .get(personId);
  return typeof v === 'string' ? v : '';
}

/** Her pregnancy episodes (issue 14): an open one makes her tetanus dose due. */
function episodesOf(ctx: CoreContext, personId: string) {
  const rows = ctx.store
    .prepare('SELECT lmp, created_at, ended_on FROM pregnancies WHERE person_id = ?')
    .all(personId) as { lmp: string; created_at: string; ended_on: string | null }[];
  // Recorded on the station's calendar day (created_at is UTC).
  return rows.map((r) => ({ lmp: r.lmp, recordedOn: vnDay(new Date(r.created_at)), endedOn: r.ended_on }));
}

/**
 * The person's programme schedule with the given doses (null when there is none to compute):
 * children get the TCMR schedule; a woman gets her tetanus doses (UV1–UV5) once one is recorded or
 * once the record shows her pregnant (a dose's month of pregnancy, part B's last pregnancy: see
 * rules/immunization-pregnancy.ts); doses outside the programme once one is recorded.
 */
export function scheduleOf(
  ctx: CoreContext,
  person: { id?: string; birthDate: string; sex: 'M' | 'F' },
  doses: readonly { vaccineCode: string; givenOn: string; pregnancyMonth: number | null }[],
): Schedule | null {
  const asOf = todayIn(ctx.clock);
  const age = ageOn(person.birthDate, asOf);
  const station = stationCatalogue(ctx);
  const groupOf = new Map(station.doses.map((d) => [d.code, d.group]));
  const groups: VaccineGroup[] = [];
  if (age < 15 && person.birthDate.length === 10) groups.push(1);
  if (doses.some((d) => groupOf.get(d.vaccineCode) === 2)) groups.push(2);
  let pregnancy: CurrentPregnancy | null = null;
  if (person.sex === 'F') {
    if (age >= CHILDBEARING.from && age <= CHILDBEARING.to)
      pregnancy = currentPregnancy(
        {
          doses: doses.map((d) => ({ date: d.givenOn, pregnancyMonth: d.pregnancyMonth })),
          lastPregnancy: person.id ? lastPregnancyText(ctx, person.id) : '',
          episodes: person.id ? episodesOf(ctx, person.id) : [],
        },
        asOf,
      );
    if (pregnancy || doses.some((d) => groupOf.get(d.vaccineCode) === 3)) groups.push(3);
  }
  if (groups.length === 0) return null;
  const schedule = computeSchedule(
    person.birthDate.length === 10 ? person.birthDate : null,
    doses.map((d) => ({ code: d.vaccineCode, date: d.givenOn, pregnancyMonth: d.pregnancyMonth })),
    {
      asOf,
      sex: person.sex,
      groups,
      regionalVaccines: station.regional,
      catalogue: station.doses,
      retired: station.retired,
      pregnancy,
    },
  );
  return schedule.ok ? schedule : null;
}
