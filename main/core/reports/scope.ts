/**
 * The dates a report works with. A period is inclusive days in station time (Asia/Ho_Chi_Minh,
 * UTC+7 all year); part B/C/D changes are stamped in UTC, so the period's days become UTC bounds.
 * Figures "as of now" (examined in 12 months, overdue, ages) use the station's today.
 */
import { AppError } from '../errors.ts';
import { addSpan } from '../record/rules/dates.ts';

export interface Scope {
  from: string;
  to: string;
  village: string | undefined;
  /** The station's today. */
  asOf: string;
}

/** At most this many months are charted (the last ones of a longer period). */
export const TREND_MONTHS = 24;

export function checkPeriod(from: string, to: string): void {
  if (from > to)
    throw new AppError('INVALID_INPUT', {
      message: '«Từ ngày» phải trước hoặc bằng «Đến ngày».',
      details: { issues: [{ path: ['from'], message: '«Từ ngày» phải trước hoặc bằng «Đến ngày».' }] },
    });
}

/** `day` moved by whole months (negative: back), clamped to the month's end. */
export function shiftMonths(day: string, months: number): string {
  return addSpan(day, { months }) ?? day;
}

/** The first UTC instant of a station day (00:00 at UTC+7). */
export function dayStartUtc(day: string): string {
  return new Date(`${day}T00:00:00+07:00`).toISOString();
}

/** The period as UTC bounds [start, end) for timestamps. */
export function periodUtc(s: Pick<Scope, 'from' | 'to'>): { t0: string; t1: string } {
  const next = new Date(Date.parse(`${s.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { t0: dayStartUtc(s.from), t1: dayStartUtc(next) };
}

/** The last day of the month of `day`. */
export function monthEnd(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The months charted for a period: yyyy-mm, oldest first, at most TREND_MONTHS. */
export function periodMonths(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = to.split('-').map(Number);
  const first = from.slice(0, 7);
  while (out.length < TREND_MONTHS) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key < first) break;
    out.unshift(key);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

/**
 * The SQL for a resident's age group as of a day (0 under 6, 1 pupils 6–17, 2 working age 18–59,
 * 3 aged 60 and over), as registry/age.ts counts years: a full birth date has had its birthday once
 * the day reaches it; a year-only birth counts whole years. Params @c6 @c18 @c60 (the days 6, 18
 * and 60 years back) and @y6 @y18 @y60 (the years).
 */
export const AGE_GROUP_SQL = `CASE WHEN length(birth_date) = 4 THEN
    (CASE WHEN birth_year > @y6 THEN 0 WHEN birth_year > @y18 THEN 1 WHEN birth_year > @y60 THEN 2 ELSE 3 END)
  ELSE (CASE WHEN birth_date > @c6 THEN 0 WHEN birth_date > @c18 THEN 1 WHEN birth_date > @c60 THEN 2 ELSE 3 END) END`;

export function ageParams(asOf: string): Record<string, string | number> {
  const y = Number(asOf.slice(0, 4));
  return {
    c6: shiftMonths(asOf, -72),
    c18: shiftMonths(asOf, -216),
    c60: shiftMonths(asOf, -720),
    y6: y - 6,
    y18: y - 18,
    y60: y - 60,
  };
}

/** A resident "has a record" once something of parts B, C or D is in it (part A alone is the roster). */
export const HAS_RECORD_SQL = `CASE WHEN p.last_visit_on IS NOT NULL THEN 1
  WHEN EXISTS (SELECT 1 FROM person_history h WHERE h.person_id = p.id) THEN 1
  WHEN EXISTS (SELECT 1 FROM immunizations i WHERE i.person_id = p.id) THEN 1 ELSE 0 END`;

/** What of parts B, C, D changed in [@t0, @t1): one row per change, with its time. */
export const CHANGES_SQL = `SELECT person_id, updated_at AS at FROM person_history WHERE updated_at >= @t0 AND updated_at < @t1
  UNION ALL SELECT person_id, recorded_at FROM immunizations WHERE recorded_at >= @t0 AND recorded_at < @t1
  UNION ALL SELECT person_id, updated_at FROM visits WHERE status = 'signed' AND updated_at >= @t0 AND updated_at < @t1`;

/** `AND p.village = @village` when a village is chosen. */
export const villageSql = (s: { village?: string }, alias = 'p'): string =>
  s.village !== undefined ? ` AND ${alias}.village = @village` : '';
export const villageParam = (s: { village?: string }): Record<string, string> =>
  s.village !== undefined ? { village: s.village } : {};
