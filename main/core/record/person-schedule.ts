/**
 * A person's doses as recorded, and the programme schedule they give (the one function every
 * reader of part C uses: the record, the checks on a new dose, the due list).
 */
import type { DoseRecord } from '#contract/ops/record.ts';
import type { CoreContext } from '../context.ts';
import { ageOn, todayIn } from '../registry/age.ts';
import { activeCatalogue, regionalVaccines, vaccineByCode } from './catalogue.ts';
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

/** The person's programme schedule with the given doses (null when there is none to compute). */
export function scheduleOf(
  ctx: CoreContext,
  person: { birthDate: string; sex: 'M' | 'F' },
  doses: readonly { vaccineCode: string; givenOn: string; pregnancyMonth: number | null }[],
): Schedule | null {
  const asOf = todayIn(ctx.clock);
  const age = ageOn(person.birthDate, asOf);
  const catalogue = activeCatalogue(ctx);
  const groups: VaccineGroup[] = [];
  if (age < 15 && person.birthDate.length === 10) groups.push(1);
  if (doses.some((d) => catalogue.find((c) => c.code === d.vaccineCode)?.group === 2)) groups.push(2);
  if (person.sex === 'F' && doses.some((d) => catalogue.find((c) => c.code === d.vaccineCode)?.group === 3))
    groups.push(3);
  if (groups.length === 0) return null;
  const schedule = computeSchedule(
    person.birthDate.length === 10 ? person.birthDate : null,
    doses.map((d) => ({ code: d.vaccineCode, date: d.givenOn, pregnancyMonth: d.pregnancyMonth })),
    { asOf, sex: person.sex, groups, regionalVaccines: regionalVaccines(ctx), catalogue },
  );
  return schedule.ok ? schedule : null;
}
