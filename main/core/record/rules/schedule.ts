/**
 * The immunisation schedule of one person: for every dose in the catalogue, when it is due and
 * where it stands on a given day (given / due / overdue / not yet due / too late).
 *
 * - A dose scheduled by age is due at birth + its recommended age, but never before the previous
 *   dose of its series + the spacing after it (the previous dose's given date, or its own due date
 *   while it has not been given). Ages are calendar months added to the date of birth in one step
 *   (dates.ts), so a child born on 31 January is two months old on 31 March and one month old on
 *   28 February (29 in a leap year).
 * - A dose scheduled only by spacing (Japanese encephalitis 2–3, UV2–UV5, later doses outside the
 *   programme) is due that long after the previous dose; the first dose of a series with no age
 *   (UV1 in pregnancy, vaccines outside the programme) is "unscheduled" until given.
 * - "Due" lasts from the due date until `overdueAfter` (one month by default, the rhythm of the
 *   monthly immunisation day at the station); after that the dose is overdue. From the dose's age
 *   limit on, it is too late.
 * - Given doses are checked against the minimum age, minimum spacing and age limit, and reported as
 *   issues; they never change the statuses of other doses beyond moving their due dates.
 */
import { isoToVn } from '#contract/dates.ts';
import type { Sex } from '#contract/schemas/common.ts';
import { addSpan, isIsoDate, maxDate, type Span } from './dates.ts';
import { problem, type Problem } from './result.ts';
import { VACCINE_CATALOGUE, type VaccineDose, type VaccineGroup } from './vaccines.ts';

export interface GivenDose {
  /** Catalogue code of the dose, e.g. "DPT-VGB-HIB-1". */
  code: string;
  /** yyyy-mm-dd */
  date: string;
  /** Month of pregnancy at the dose (group 3). */
  pregnancyMonth?: number | null;
}

export type DoseStatus = 'given' | 'due' | 'overdue' | 'waiting' | 'not-yet-due' | 'too-late' | 'unscheduled';

export const DOSE_STATUS_LABELS: Readonly<Record<DoseStatus, string>> = {
  given: 'Đã tiêm',
  due: 'Đến hạn',
  overdue: 'Quá hạn',
  waiting: 'Chờ mũi trước',
  'not-yet-due': 'Chưa đến hạn',
  'too-late': 'Quá tuổi tiêm',
  unscheduled: 'Chưa có lịch',
};

export interface DoseIssue {
  code:
    | 'given-before-birth'
    | 'given-in-future'
    | 'given-before-min-age'
    | 'given-before-min-interval'
    | 'given-after-age-limit'
    | 'previous-dose-missing'
    | 'given-more-than-once'
    | 'invalid-pregnancy-month';
  message: string;
}

export interface ScheduledDose {
  code: string;
  vaccine: string;
  name: string;
  group: VaccineGroup;
  dose: number;
  status: DoseStatus;
  label: string;
  givenOn?: string;
  pregnancyMonth?: number;
  /** When the dose should be given (absent when unscheduled). */
  dueDate?: string;
  /** The earliest valid day by minimum age and spacing. */
  earliestDate?: string;
  /** The dose becomes overdue on this day. */
  overdueFrom?: string;
  /** The dose is no longer given from this day. */
  tooLateFrom?: string;
  /** The earliest previous dose of the series that has not been given yet. */
  waitingFor?: string;
  issues: DoseIssue[];
}

export interface ScheduleOptions {
  /** The day the statuses are computed for (yyyy-mm-dd), usually today in Vietnam. */
  asOf: string;
  /** Needed for sex-specific doses (HPV in TCMR, tetanus in pregnancy); unknown → those are left out. */
  sex?: Sex | null;
  /** Default [1]: the TCMR child schedule. */
  groups?: readonly VaccineGroup[];
  /** Roadmap vaccines the province has (catalogue `vaccine` codes such as "ROTA", "PCV", "HPV-TCMR"). */
  regionalVaccines?: readonly string[];
  /** How long a dose stays "due" before it is "overdue". Default one month. */
  overdueAfter?: Span;
  /** Default VACCINE_CATALOGUE; a station may pass an edited copy. */
  catalogue?: readonly VaccineDose[];
  /** Retired doses (catalogue codes): kept in the schedule once given, never offered again. */
  retired?: readonly string[];
  /**
   * A pregnancy the record knows of (group 3): the next tetanus dose is due from the day it was
   * known, UV1 included, and never before the spacing after her previous dose.
   */
  pregnancy?: { knownOn: string } | null;
}

export interface Schedule {
  ok: true;
  asOf: string;
  doses: ScheduledDose[];
  /** Given doses whose code is not in the catalogue (kept so nothing is silently dropped). */
  unknownCodes: string[];
}

interface Timing {
  /** Due date, or the given date once given: what the next dose of the series counts from. */
  anchor?: string;
  dueDate?: string;
  earliestDate?: string;
}

const MONTH: Span = { months: 1 };

/**
 * Computes the schedule. `birthDate` must be a full date for group 1 (scheduling by age); for
 * groups 2 and 3 alone it may be null or year-only, and then age checks are skipped.
 */
export function computeSchedule(
  birthDate: string | null | undefined,
  given: readonly GivenDose[],
  options: ScheduleOptions,
): Schedule | Problem {
  const asOf = options?.asOf;
  if (!isIsoDate(asOf)) return problem('invalid-date', 'Ngày tính lịch không hợp lệ.');
  const groups = options.groups ?? [1];
  const dob = isIsoDate(birthDate) ? birthDate : undefined;
  if (!dob && groups.includes(1)) {
    return typeof birthDate === 'string' && /^\d{4}$/.test(birthDate)
      ? problem('birth-date-partial', 'Chỉ biết năm sinh: cần ngày sinh đầy đủ để tính lịch tiêm chủng.')
      : problem('missing-birth-date', 'Cần ngày sinh (ngày/tháng/năm) để tính lịch tiêm chủng.');
  }
  if (dob && dob > asOf) return problem('as-of-before-birth', 'Ngày tính lịch trước ngày sinh.');
  const catalogue = options.catalogue ?? VACCINE_CATALOGUE;
  const byCode = new Map(catalogue.map((d) => [d.code, d]));
  const overdueAfter = options.overdueAfter ?? MONTH;

  // Given doses by code, earliest first; duplicates are reported on the dose.
  const givenByCode = new Map<string, GivenDose[]>();
  const unknownCodes: string[] = [];
  for (const g of Array.isArray(given) ? given : []) {
    if (!g || typeof g.code !== 'string' || !isIsoDate(g.date)) continue;
    if (!byCode.has(g.code)) {
      if (!unknownCodes.includes(g.code)) unknownCodes.push(g.code);
      continue;
    }
    const list = givenByCode.get(g.code) ?? [];
    list.push(g);
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    givenByCode.set(g.code, list);
  }
  const givenOn = (code: string) => givenByCode.get(code)?.[0]?.date;

  const regional = new Set(options.regionalVaccines ?? []);
  const retired = new Set(options.retired ?? []);
  const pregnantFrom = isIsoDate(options.pregnancy?.knownOn) ? options.pregnancy.knownOn : undefined;
  const included = catalogue.filter(
    (d) =>
      givenByCode.has(d.code) ||
      (groups.includes(d.group) &&
        !retired.has(d.code) &&
        (!d.rollout || regional.has(d.vaccine)) &&
        (!d.sex || d.sex === options.sex)),
  );

  const at = (span: Span | undefined) => (span && dob ? addSpan(dob, span) : undefined);
  const timings = new Map<string, Timing>();
  const timing = (d: VaccineDose, depth = 0): Timing => {
    const known = timings.get(d.code);
    if (known) return known;
    const prev = d.after ? byCode.get(d.after.code) : undefined;
    // depth guards against a catalogue whose `after` links form a loop.
    const prevTiming = prev && depth < 20 ? timing(prev, depth + 1) : undefined;
    const prevGiven = prev ? givenOn(prev.code) : undefined;
    const spacing = d.after ? longer(d.after.minInterval, d.after.recommendedInterval) : undefined;
    let dueDate = at(d.recommendedAge);
    if (d.after && prevTiming?.anchor) {
      const afterPrev = addSpan(prevTiming.anchor, spacing as Span);
      dueDate = dueDate && afterPrev ? maxDate(dueDate, afterPrev) : (afterPrev ?? dueDate);
    } else if (d.after && !d.recommendedAge) {
      dueDate = undefined; // previous dose unscheduled: so is this one
    }
    // Tetanus in pregnancy: the dose she needs now is due from the day the pregnancy is known
    // (UV1 has no age; a later dose keeps its spacing after her last one, given in any pregnancy).
    if (d.group === 3 && pregnantFrom && !givenOn(d.code) && (!d.after || prevGiven)) {
      dueDate = dueDate ? maxDate(dueDate, pregnantFrom) : pregnantFrom;
    }
    const minByAge = at(d.minAge);
    const minByPrev = d.after && prevGiven ? addSpan(prevGiven, d.after.minInterval) : undefined;
    const earliestDate = minByAge && minByPrev ? maxDate(minByAge, minByPrev) : (minByAge ?? minByPrev);
    const t: Timing = { anchor: givenOn(d.code) ?? dueDate, dueDate, earliestDate };
    timings.set(d.code, t);
    return t;
  };

  const doses = included.map((d): ScheduledDose => {
    const { dueDate, earliestDate } = timing(d);
    const records = givenByCode.get(d.code) ?? [];
    const first = records[0];
    const tooLateFrom = at(d.tooLateFromAge);
    const overdueFrom = dueDate ? addSpan(dueDate, overdueAfter) : undefined;
    const waitingFor = first ? undefined : firstMissingBefore(d, byCode, givenOn);
    const issues = first
      ? givenIssues(d, first, records.length, { dob, asOf, tooLateFrom, byCode, givenOn })
      : [];
    let status: DoseStatus;
    if (first) status = 'given';
    else if (tooLateFrom && asOf >= tooLateFrom) status = 'too-late';
    else if (!dueDate) status = 'unscheduled';
    else if (asOf < dueDate) status = 'not-yet-due';
    // An earlier dose of the series is still missing: this one cannot be given before it.
    else if (waitingFor) status = 'waiting';
    else if (overdueFrom && asOf >= overdueFrom) status = 'overdue';
    else status = 'due';
    const pregnancyMonth = first?.pregnancyMonth;
    return {
      code: d.code,
      vaccine: d.vaccine,
      name: d.name,
      group: d.group,
      dose: d.dose,
      status,
      label: DOSE_STATUS_LABELS[status],
      ...(first ? { givenOn: first.date } : {}),
      ...(typeof pregnancyMonth === 'number' ? { pregnancyMonth } : {}),
      ...(dueDate ? { dueDate } : {}),
      ...(earliestDate ? { earliestDate } : {}),
      ...(overdueFrom ? { overdueFrom } : {}),
      ...(tooLateFrom ? { tooLateFrom } : {}),
      ...(waitingFor ? { waitingFor } : {}),
      issues,
    };
  });
  return { ok: true, asOf, doses, unknownCodes };
}

/** The longer of a minimum and a recommended spacing (compared on a fixed reference date). */
function longer(min: Span, recommended?: Span): Span {
  if (!recommended) return min;
  const ref = '2001-01-01';
  return (addSpan(ref, recommended) ?? ref) > (addSpan(ref, min) ?? ref) ? recommended : min;
}

function firstMissingBefore(
  d: VaccineDose,
  byCode: Map<string, VaccineDose>,
  givenOn: (code: string) => string | undefined,
): string | undefined {
  let missing: string | undefined;
  let prev = d.after ? byCode.get(d.after.code) : undefined;
  for (let guard = 0; prev && guard < 20; guard++) {
    if (!givenOn(prev.code)) missing = prev.code;
    prev = prev.after ? byCode.get(prev.after.code) : undefined;
  }
  return missing;
}

interface CheckContext {
  dob?: string;
  asOf: string;
  tooLateFrom?: string;
  byCode: Map<string, VaccineDose>;
  givenOn: (code: string) => string | undefined;
}

function givenIssues(d: VaccineDose, g: GivenDose, count: number, c: CheckContext): DoseIssue[] {
  const issues: DoseIssue[] = [];
  const add = (code: DoseIssue['code'], message: string) => issues.push({ code, message });
  if (c.dob && g.date < c.dob) add('given-before-birth', 'Ngày tiêm trước ngày sinh.');
  if (g.date > c.asOf) add('given-in-future', 'Ngày tiêm sau ngày hiện tại.');
  const minAge = d.minAge && c.dob ? addSpan(c.dob, d.minAge) : undefined;
  if (minAge && g.date < minAge)
    add('given-before-min-age', `Tiêm trước tuổi tối thiểu (sớm nhất từ ngày ${isoToVn(minAge)}).`);
  if (c.tooLateFrom && g.date >= c.tooLateFrom)
    add('given-after-age-limit', 'Tiêm khi đã quá tuổi của mũi này.');
  if (d.after) {
    const prevDate = c.givenOn(d.after.code);
    if (!prevDate)
      add(
        'previous-dose-missing',
        `Chưa ghi nhận mũi trước (${c.byCode.get(d.after.code)?.name ?? d.after.code}).`,
      );
    else {
      const min = addSpan(prevDate, d.after.minInterval);
      if (min && g.date < min)
        add(
          'given-before-min-interval',
          `Tiêm sớm hơn khoảng cách tối thiểu sau mũi trước (sớm nhất từ ngày ${isoToVn(min)}).`,
        );
    }
  }
  if (count > 1) add('given-more-than-once', 'Mũi này được ghi nhận nhiều lần: giữ ngày sớm nhất.');
  const pm = g.pregnancyMonth;
  if (d.group === 3 && pm !== undefined && pm !== null && !(Number.isInteger(pm) && pm >= 1 && pm <= 10)) {
    add('invalid-pregnancy-month', 'Tháng thai phải từ 1 đến 10.');
  }
  return issues;
}

/**
 * The next appointment ("ngày hẹn tiêm"): the earliest day on which a dose that can be given is due
 * (an overdue dose counts from `asOf`), with every dose due that day. Doses waiting for an earlier
 * dose of their series are left out: the earlier dose is the appointment.
 */
export function nextAppointment(schedule: Schedule): { date: string; codes: string[] } | undefined {
  const open = schedule.doses.filter(
    (d) =>
      (d.status === 'due' || d.status === 'overdue' || d.status === 'not-yet-due') &&
      !d.waitingFor &&
      d.dueDate,
  );
  if (open.length === 0) return undefined;
  const dateOf = (d: ScheduledDose) => maxDate(d.dueDate as string, schedule.asOf);
  const date = open.map(dateOf).reduce((a, b) => (a < b ? a : b));
  return { date, codes: open.filter((d) => dateOf(d) === date).map((d) => d.code) };
}
