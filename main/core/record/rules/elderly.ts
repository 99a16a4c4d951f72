/**
 * Người cao tuổi: Luật Người cao tuổi 2009 (Luật số 39/2009/QH12), Điều 2: "Người cao tuổi được
 * quy định trong Luật này là công dân Việt Nam từ đủ 60 tuổi trở lên". Điều 12 gives them health
 * care at the commune station, with a yearly check-up (khám sức khỏe định kỳ) at least once a year;
 * so a resident of 60 and over with no exam in the last 12 months is due for one.
 */
import { addMonths, completedMonths } from './dates.ts';

export const ELDERLY_FROM_YEARS = 60;

/** Whether a person born on `birthDate` (full date, or a year only) is 60 or over on `today`. */
export function isElderly(birthDate: string, today: string): boolean {
  if (birthDate.length === 10) {
    const months = completedMonths(birthDate, today);
    return months !== undefined && months >= ELDERLY_FROM_YEARS * 12;
  }
  // A year only: counted from the year, as the resident list's age bands do.
  const year = Number(birthDate.slice(0, 4));
  return Number.isInteger(year) && Number(today.slice(0, 4)) - year >= ELDERLY_FROM_YEARS;
}

/** An exam on or after this day counts as "in the last 12 months". */
export const annualExamSince = (today: string): string => addMonths(today, -12)!;

/**
 * Whether an elderly resident is due for the yearly exam, and the line "Hôm nay" shows for them.
 * `lastVisitOn` is the day of their last signed exam, null for never.
 */
export function annualExamDue(
  birthDate: string,
  lastVisitOn: string | null,
  today: string,
): { due: false } | { due: true; note: string } {
  if (!isElderly(birthDate, today)) return { due: false };
  if (lastVisitOn === null) return { due: true, note: 'Người cao tuổi: chưa khám sức khỏe lần nào' };
  if (lastVisitOn >= annualExamSince(today)) return { due: false };
  const [y, m, d] = lastVisitOn.split('-');
  return { due: true, note: `Người cao tuổi: khám sức khỏe định kỳ hằng năm (lần cuối ${d}/${m}/${y})` };
}
