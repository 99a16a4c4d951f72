/**
 * Calendar arithmetic on ISO dates (yyyy-mm-dd) as whole days, without time zones: a date of birth or
 * a visit date is a calendar day in Vietnam, and adding hours to a Date would drift across DST rules
 * of the machine it runs on. Internally a day is its number since 1970-01-01 (UTC).
 */
const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An amount of calendar time. Months and years are calendar months; days and weeks are exact days. */
export interface Span {
  readonly years?: number;
  readonly months?: number;
  readonly weeks?: number;
  readonly days?: number;
}

/** Day number of a real calendar date, or undefined for anything else (including 2025-02-30). */
export function dayNumber(iso: string): number | undefined {
  if (typeof iso !== 'string') return undefined;
  const m = ISO.exec(iso);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined;
  return t / DAY_MS;
}

export const isIsoDate = (s: unknown): s is string => typeof s === 'string' && dayNumber(s) !== undefined;

export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

const daysInMonth = (y: number, monthIndex: number) => new Date(Date.UTC(y, monthIndex + 1, 0)).getUTCDate();

/**
 * Adds calendar months, keeping the day of the month and clamping it to the month's last day:
 * 31 Jan + 1 month = 28 Feb (29 Feb in a leap year), 29 Feb 2024 + 12 months = 28 Feb 2025.
 * Always add the whole span to the original date (born 31 Jan + 3 months = 30 Apr), never month by
 * month, or a clamped day would carry into later months (31 Jan → 28 Feb → 28 Mar).
 */
export function addMonths(iso: string, months: number): string | undefined {
  const n = dayNumber(iso);
  if (n === undefined || !Number.isInteger(months)) return undefined;
  const [y, mo, d] = iso.split('-').map(Number);
  const total = y * 12 + (mo - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12;
  const day = Math.min(d, daysInMonth(ty, tm));
  return fromDayNumber(Date.UTC(ty, tm, day) / DAY_MS);
}

export function addDays(iso: string, days: number): string | undefined {
  const n = dayNumber(iso);
  if (n === undefined || !Number.isInteger(days)) return undefined;
  return fromDayNumber(n + days);
}

/** Adds a span: calendar months (years × 12 + months) first, then exact days (weeks × 7 + days). */
export function addSpan(iso: string, span: Span): string | undefined {
  const months = (span.years ?? 0) * 12 + (span.months ?? 0);
  const days = (span.weeks ?? 0) * 7 + (span.days ?? 0);
  const afterMonths = addMonths(iso, months);
  // Most spans are whole months (follow-ups, doses): no second pass through the calendar.
  if (afterMonths === undefined || days === 0) return afterMonths;
  return addDays(afterMonths, days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier), or undefined for a bad date. */
export function daysBetween(from: string, to: string): number | undefined {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === undefined || b === undefined ? undefined : b - a;
}

/** Completed calendar months from `from` to `to` (born 31 Jan: 1 month old on 28/29 Feb). */
export function completedMonths(from: string, to: string): number | undefined {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === undefined || b === undefined || b < a) return undefined;
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  let months = (ty - fy) * 12 + (tm - fm);
  // addMonths clamps, so "has the monthly anniversary come yet" is exactly this comparison.
  if ((addMonths(from, months) ?? to) > to) months -= 1;
  return months;
}

export const maxDate = (a: string, b: string): string => (a >= b ? a : b);
