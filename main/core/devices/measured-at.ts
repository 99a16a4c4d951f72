/**
 * Monitors that download their memory report when a reading was *taken*, by their own clock, in
 * local wall-clock time. The nurse must confirm a reading that is old (yesterday's, another
 * patient's) or that comes from a device whose clock is wrong.
 */

/** Vietnam has one zone, UTC+7, and no daylight saving. */
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;

/** 'yyyy-mm-ddTHH:MM:SS' from the parts a device sends; null when they do not name a real moment. */
export function deviceLocalTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second = 0,
): string | null {
  if (![year, month, day, hour, minute, second].every(Number.isInteger)) return null;
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    hour < 0 ||
    minute < 0 ||
    second < 0
  )
    return null;
  const t = new Date(Date.UTC(year, month - 1, day));
  if (t.getUTCFullYear() !== year || t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day) return null;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${year}-${p(month)}-${p(day)}T${p(hour)}:${p(minute)}:${p(second)}`;
}

/** The wall-clock time a device set to Vietnam time shows at `ms` ('yyyy-mm-ddTHH:MM:SS'): the inverse of deviceTimeToEpoch. */
export function vietnamWallClock(ms: number, utcOffsetMinutes = VIETNAM_UTC_OFFSET_MINUTES): string {
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 19);
}

/** Epoch ms of a device wall-clock time, given the zone the device clock was set in. */
export function deviceTimeToEpoch(
  measuredAt: string,
  utcOffsetMinutes = VIETNAM_UTC_OFFSET_MINUTES,
): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(measuredAt);
  if (!m) return null;
  const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], m[6] ? +m[6] : 0);
  return utc - utcOffsetMinutes * 60_000;
}

export interface ReadingAge {
  /** Minutes between the measurement and its arrival (negative: the device clock is ahead). */
  ageMinutes: number | null;
  stale: boolean;
  /** More than `futureToleranceMinutes` ahead of the PC: the device clock is wrong. */
  clockAhead: boolean;
}

/**
 * Whether a downloaded reading needs the nurse's confirmation. A missing or unreadable time, a
 * time older than `maxAgeMinutes`, or a time in the future (a wrong device clock) all count as stale.
 */
export function assessReadingAge(
  measuredAt: string | undefined,
  receivedAt: number | Date,
  maxAgeMinutes: number,
  options: { utcOffsetMinutes?: number; futureToleranceMinutes?: number } = {},
): ReadingAge {
  const received = typeof receivedAt === 'number' ? receivedAt : receivedAt.getTime();
  const measured = measuredAt ? deviceTimeToEpoch(measuredAt, options.utcOffsetMinutes) : null;
  if (measured === null) return { ageMinutes: null, stale: true, clockAhead: false };
  const ageMinutes = (received - measured) / 60_000;
  const clockAhead = ageMinutes < -(options.futureToleranceMinutes ?? 5);
  return { ageMinutes, stale: clockAhead || ageMinutes > maxAgeMinutes, clockAhead };
}

export function isStaleReading(
  measuredAt: string | undefined,
  receivedAt: number | Date,
  maxAgeMinutes: number,
  utcOffsetMinutes = VIETNAM_UTC_OFFSET_MINUTES,
): boolean {
  return assessReadingAge(measuredAt, receivedAt, maxAgeMinutes, { utcOffsetMinutes }).stale;
}
