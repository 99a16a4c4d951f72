/**
 * Pregnancy arithmetic and the antenatal schedule (issue 14, point 2), as pure functions on ISO
 * dates (see dates.ts: whole calendar days, no time zones).
 *
 * - Expected delivery (Naegele): the last menstrual period (LMP) + 280 days. Counted in days, not
 *   "+9 months +7 days", so 29 Feb and month ends need no special case and the answer agrees with
 *   the obstetric wheel (LMP 2024-05-31 → 2025-03-07).
 * - Gestational age: whole weeks and days since the LMP ("12 tuần 3 ngày").
 * - Month of pregnancy ("tháng thai", 1–10, 831 C.3): completed calendar months since the LMP + 1,
 *   the way the nurse counts it on the tetanus row.
 * - The antenatal schedule: Vietnam's national guideline on reproductive-health services asks for
 *   at least four antenatal visits — one in the first trimester, one in the second, two in the
 *   third — which this counts as four windows with a target week each (12, 22, 32, 36). The next
 *   visit is due at the earlier of the appointment the nurse gave and the next window's target.
 */
import { addDays, completedMonths, daysBetween, isIsoDate } from './dates.ts';

/** Naegele's rule: 40 weeks from the first day of the last period. */
export const TERM_DAYS = 280;
/** Past 44 weeks an open episode cannot still be a pregnancy: it ended and was not recorded. */
export const MAX_OPEN_DAYS = 44 * 7;
/** The ages (whole years) at which a pregnancy is accepted at all. */
export const PREGNANCY_AGE = { min: 10, max: 55 } as const;

export function eddFromLmp(lmp: string): string | undefined {
  return addDays(lmp, TERM_DAYS);
}

export interface GestationalAge {
  weeks: number;
  days: number;
  /** Days since the LMP. */
  totalDays: number;
}

/** Gestational age on a day, or undefined for a bad date or a day before the LMP. */
export function gestationalAge(lmp: string, on: string): GestationalAge | undefined {
  const d = daysBetween(lmp, on);
  if (d === undefined || d < 0) return undefined;
  return { weeks: Math.floor(d / 7), days: d % 7, totalDays: d };
}

export function gestationText(totalDays: number): string {
  const w = Math.floor(totalDays / 7);
  const d = totalDays % 7;
  return d ? `${w} tuần ${d} ngày` : `${w} tuần`;
}

/** "Tháng thai" on a day (1–10; past ten months still 10), or undefined before the LMP. */
export function pregnancyMonth(lmp: string, on: string): number | undefined {
  const m = completedMonths(lmp, on);
  return m === undefined ? undefined : Math.min(10, m + 1);
}

/** Trimester by completed weeks: 1 to 13 weeks 6 days, 2 to 27 weeks 6 days, then 3. */
export function trimester(totalDays: number): 1 | 2 | 3 {
  if (totalDays < 14 * 7) return 1;
  if (totalDays < 28 * 7) return 2;
  return 3;
}

/** The four antenatal visits: each window in completed weeks [from, to] and the week aimed for. */
export const ANTENATAL_VISITS = [
  { n: 1, fromWeek: 0, toWeek: 13, targetWeek: 12 },
  { n: 2, fromWeek: 14, toWeek: 27, targetWeek: 22 },
  { n: 3, fromWeek: 28, toWeek: 35, targetWeek: 32 },
  { n: 4, fromWeek: 36, toWeek: 42, targetWeek: 36 },
] as const;

export interface AntenatalDue {
  /** The day the next visit is due. */
  dueOn: string;
  /** Why: the appointment given at the last visit, the schedule's next window, or past the due date. */
  reason: 'appointment' | 'schedule' | 'past-term';
  /** The schedule's visit (1–4) this would be, when it comes from the schedule. */
  visit: number | null;
  /** Days after `dueOn` (0 when due today, negative when still ahead). */
  daysLate: number;
}

/**
 * When an open pregnancy's next antenatal visit is due, or null when none is left (the four
 * windows covered or passed and no appointment). Past 42 weeks the reminder is to record how it
 * ended ('past-term', due from the day 42 weeks are reached).
 */
export function antenatalDue(
  p: { lmp: string; visits: readonly string[]; appointment: string | null },
  asOf: string,
): AntenatalDue | null {
  if (!isIsoDate(p.lmp) || !isIsoDate(asOf)) return null;
  const late = (dueOn: string) => daysBetween(dueOn, asOf) ?? 0;
  const pastTerm = addDays(p.lmp, 42 * 7) as string;
  if (asOf >= pastTerm)
    return { dueOn: pastTerm, reason: 'past-term', visit: null, daysLate: late(pastTerm) };
  const lastVisit = [...p.visits].sort().at(-1) ?? null;
  const appointment =
    p.appointment && isIsoDate(p.appointment) && (!lastVisit || p.appointment > lastVisit)
      ? p.appointment
      : null;
  const weekOf = (day: string) => Math.floor((daysBetween(p.lmp, day) ?? -1) / 7);
  const covered = (from: number, to: number) =>
    p.visits.some((v) => {
      const w = weekOf(v);
      return w >= from && w <= to;
    });
  let scheduled: { dueOn: string; visit: number } | null = null;
  for (const slot of ANTENATAL_VISITS) {
    if (covered(slot.fromWeek, slot.toWeek)) continue;
    // A window already over (she came late, or not at all) is missed: the next one counts.
    const windowEnd = addDays(p.lmp, slot.toWeek * 7 + 6) as string;
    if (windowEnd < asOf) continue;
    // A visit already made in this window's weeks before its target? Then covered above; a visit
    // after the last one in the window cannot be earlier than the window's start.
    const target = addDays(p.lmp, slot.targetWeek * 7) as string;
    const start = addDays(p.lmp, slot.fromWeek * 7) as string;
    const dueOn = lastVisit && target <= lastVisit ? maxOf(start, lastVisit) : target;
    scheduled = { dueOn, visit: slot.n };
    break;
  }
  if (appointment && (!scheduled || appointment <= scheduled.dueOn))
    return { dueOn: appointment, reason: 'appointment', visit: null, daysLate: late(appointment) };
  if (scheduled)
    return {
      dueOn: scheduled.dueOn,
      reason: 'schedule',
      visit: scheduled.visit,
      daysLate: late(scheduled.dueOn),
    };
  return null;
}

const maxOf = (a: string, b: string) => (a >= b ? a : b);

/** A reason an entry cannot be saved, naming the input field it is about. */
export interface PregnancyIssue {
  field: string;
  message: string;
}

const vn = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * What makes a pregnancy episode impossible: a man, a woman outside 10–55 years, an LMP in the
 * future or (while open) more than 44 weeks ago, an expected delivery date outside 36–44 weeks of
 * the LMP (an ultrasound may move it, not by months), para not below gravida.
 */
export function pregnancyIssues(
  p: {
    sex: 'M' | 'F';
    ageYears: number;
    lmp: string;
    edd: string;
    gravida: number | null;
    para: number | null;
    open: boolean;
  },
  asOf: string,
): PregnancyIssue[] {
  const out: PregnancyIssue[] = [];
  if (p.sex !== 'F') out.push({ field: 'sex', message: 'Người này là nam: không ghi nhận thai kỳ.' });
  else if (p.ageYears < PREGNANCY_AGE.min || p.ageYears > PREGNANCY_AGE.max)
    out.push({
      field: 'sex',
      message: `Người này ${p.ageYears} tuổi: chỉ ghi nhận thai kỳ cho phụ nữ từ ${PREGNANCY_AGE.min} đến ${PREGNANCY_AGE.max} tuổi.`,
    });
  const age = daysBetween(p.lmp, asOf);
  if (age === undefined)
    out.push({ field: 'lmp', message: 'Ngày đầu kỳ kinh cuối không phải là ngày có thật.' });
  else if (age < 0)
    out.push({ field: 'lmp', message: `Ngày đầu kỳ kinh cuối ${vn(p.lmp)} ở sau ngày hôm nay.` });
  else if (p.open && age > MAX_OPEN_DAYS)
    out.push({
      field: 'lmp',
      message: `Ngày đầu kỳ kinh cuối ${vn(p.lmp)} cách hôm nay hơn 44 tuần: thai kỳ đã kết thúc — ghi kết quả thai kỳ, hoặc sửa ngày.`,
    });
  const span = daysBetween(p.lmp, p.edd);
  if (age !== undefined && (span === undefined || span < 36 * 7 || span > 44 * 7))
    out.push({
      field: 'edd',
      message: `Ngày dự sinh ${isIsoDate(p.edd) ? vn(p.edd) : ''} phải cách ngày đầu kỳ kinh cuối từ 36 đến 44 tuần (theo công thức: ${vn(eddFromLmp(p.lmp) as string)}).`,
    });
  if (p.gravida !== null && p.para !== null && p.para >= p.gravida)
    out.push({
      field: 'para',
      message: `Số lần đẻ (${p.para}) phải nhỏ hơn số lần có thai (${p.gravida}, kể cả lần này).`,
    });
  return out;
}

/**
 * Fundal height in cm is about the gestational week from 20 to 36 weeks; more than 4 cm off needs a
 * second look (a slip of the tape, or a fetus too small or too large: both worth confirming).
 */
export function fundalHeightOff(cm: number, totalDays: number): boolean {
  const w = Math.floor(totalDays / 7);
  if (w < 20 || w > 36) return false;
  return Math.abs(cm - w) > 4;
}
