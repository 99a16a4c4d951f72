/**
 * A woman's maternal-health section as the record shows it (issue 14): her pregnancies with their
 * antenatal visits, where each open one stands today (gestational age, month, trimester, the next
 * visit due), and her family-planning methods.
 */
import { isoToVn } from '#contract/dates.ts';
import type { AntenatalRecord, FpRecord, MaternalRecord, PregnancyRecord } from '#contract/ops/pregnancy.ts';
import type { CoreContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { ageOn, todayIn } from '../registry/age.ts';
import { findPersonRow } from '../registry/persons.ts';
import {
  ANTENATAL_VISITS,
  antenatalDue,
  gestationalAge,
  gestationText,
  PREGNANCY_AGE,
  pregnancyMonth,
  trimester,
  type AntenatalDue,
} from './rules/pregnancy.ts';
import type { Selectable } from 'kysely';

type PregnancyRow = Selectable<Database['pregnancies']>;
type AntenatalRow = Selectable<Database['antenatal_visits']>;
type FpRow = Selectable<Database['family_planning']>;

/** Who may have a pregnancy recorded: a woman of 10–55 on the day. */
export function pregnancyEligibility(
  person: { sex: 'M' | 'F'; birth_date: string },
  today: string,
): { ok: boolean; message: string } {
  if (person.sex !== 'F') return { ok: false, message: 'Người này là nam: không ghi nhận thai kỳ.' };
  const age = ageOn(person.birth_date, today);
  if (age < PREGNANCY_AGE.min || age > PREGNANCY_AGE.max)
    return {
      ok: false,
      message: `Người này ${age} tuổi: chỉ ghi nhận thai kỳ cho phụ nữ từ ${PREGNANCY_AGE.min} đến ${PREGNANCY_AGE.max} tuổi.`,
    };
  return { ok: true, message: '' };
}

/** The next visit due, in words for the record and for "Hôm nay". */
export function dueLabel(d: AntenatalDue): string {
  const when =
    d.daysLate > 0 ? `quá hạn ${d.daysLate} ngày (từ ${isoToVn(d.dueOn)})` : `ngày ${isoToVn(d.dueOn)}`;
  if (d.reason === 'past-term') return `Đã quá 42 tuần: ghi kết quả thai kỳ (${when})`;
  if (d.reason === 'appointment') return `Hẹn khám thai ${when}`;
  const slot = ANTENATAL_VISITS.find((s) => s.n === d.visit);
  return `Khám thai lần ${d.visit}${slot ? ` (${slot.targetWeek} tuần)` : ''}: ${when}`;
}

export function antenatalRecord(r: AntenatalRow): AntenatalRecord {
  return {
    id: r.id,
    visitOn: r.visit_on,
    gestDays: r.gest_days,
    gestation: gestationText(r.gest_days),
    weightKg: r.weight_kg,
    systolic: r.systolic,
    diastolic: r.diastolic,
    fundalHeightCm: r.fundal_height_cm,
    riskSigns: JSON.parse(r.risk_signs) as string[],
    riskNote: r.risk_note,
    ironFolic: r.iron_folic === 1,
    tetanusDose: r.tetanus_dose_id,
    nextVisitOn: r.next_visit_on,
    note: r.note,
  };
}

/** When an open episode's next visit is due, from its visits (oldest first) and their last appointment. */
export function dueOf(
  lmp: string,
  visits: readonly { visit_on: string; next_visit_on: string | null }[],
  today: string,
) {
  const last = visits.at(-1);
  return antenatalDue(
    { lmp, visits: visits.map((v) => v.visit_on), appointment: last?.next_visit_on ?? null },
    today,
  );
}

function pregnancyRecord(p: PregnancyRow, visits: AntenatalRow[], today: string): PregnancyRecord {
  const open = p.outcome === null;
  const at = open ? today : (p.ended_on ?? today);
  const ga = gestationalAge(p.lmp, at);
  const due = open ? dueOf(p.lmp, visits, today) : null;
  return {
    id: p.id,
    lmp: p.lmp,
    edd: p.edd,
    gravida: p.gravida,
    para: p.para,
    open,
    gestation: ga ? gestationText(ga.totalDays) : '',
    month: ga ? (pregnancyMonth(p.lmp, at) ?? null) : null,
    trimester: ga ? trimester(ga.totalDays) : null,
    due: due ? { ...due, label: dueLabel(due) } : null,
    outcome: p.outcome,
    endedOn: p.ended_on,
    place: p.delivery_place,
    mode: p.delivery_mode,
    babyWeightG: p.baby_weight_g,
    outcomeNote: p.outcome_note,
    visits: visits.map(antenatalRecord),
  };
}

function fpRecord(r: FpRow): FpRecord {
  return {
    id: r.id,
    method: r.method as FpRecord['method'],
    methodText: r.method_text,
    startedOn: r.started_on,
    followUpOn: r.follow_up_on,
    endedOn: r.ended_on,
    source: r.source,
  };
}

export function loadMaternal(ctx: CoreContext, personId: string): MaternalRecord {
  const person = findPersonRow(ctx, personId);
  if (!person) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy người này.' });
  const today = todayIn(ctx.clock);
  const pregnancies = ctx.store
    .prepare('SELECT * FROM pregnancies WHERE person_id = ? ORDER BY lmp DESC')
    .all(personId) as PregnancyRow[];
  const visits = ctx.store
    .prepare('SELECT * FROM antenatal_visits WHERE person_id = ? ORDER BY visit_on, recorded_at')
    .all(personId) as AntenatalRow[];
  const methods = ctx.store
    .prepare(
      `SELECT * FROM family_planning WHERE person_id = ?
       ORDER BY ended_on IS NOT NULL, coalesce(started_on, created_at) DESC`,
    )
    .all(personId) as FpRow[];
  return {
    personId,
    eligible: pregnancyEligibility(person, today),
    pregnancies: pregnancies.map((p) =>
      pregnancyRecord(
        p,
        visits.filter((v) => v.pregnancy_id === p.id),
        today,
      ),
    ),
    familyPlanning: methods.map(fpRecord),
  };
}
