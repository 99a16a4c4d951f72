/**
 * Is the PC's clock plausible? Every visit date, audit entry and upload carries this clock's time.
 * A PC whose clock battery died wakes up in 2000 or 2009; one set back by hand writes entries
 * that sort before the ones already there, and an upload stamped in the past or the future is
 * refused or misfiled upstream. Compared with the newest time the station has already written.
 */
import type { StartupCheck } from '#contract/ops/system.ts';
import type { Store } from '../../db/store.ts';
import { ok, TEXT, timeInWords } from './messages.ts';

/** Behind the newest entry by more than this is not clock drift (minutes of NTP correction are). */
export const CLOCK_BEHIND_TOLERANCE_MS = 5 * 60_000;
/** Ahead of the newest entry by more than this is suspicious (a station closed for a year is not). */
export const CLOCK_AHEAD_LIMIT_MS = 2 * 366 * 24 * 3_600_000;
/** No station ran this app before this day: a clock before it has been reset. */
export const EARLIEST_PLAUSIBLE = '2025-01-01T00:00:00.000Z';

/** The newest time written by this station: the latest of the last thousand audit entries. */
export function newestRecordedTime(store: Store): string | null {
  const row = store.raw
    .prepare('SELECT max(at) AS at FROM (SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1000)')
    .get() as { at: string | null } | undefined;
  return row?.at ?? null;
}

export function checkClock(now: Date, newest: string | null): StartupCheck {
  const shown = `Ngày giờ trên máy: ${timeInWords(now.toISOString())}.`;
  if (now.toISOString() < EARLIEST_PLAUSIBLE)
    return { id: 'clock', level: 'warning', ...TEXT.clockReset, message: shown, path: null };
  if (newest) {
    const gap = now.getTime() - Date.parse(newest);
    if (gap < -CLOCK_BEHIND_TOLERANCE_MS)
      return {
        id: 'clock',
        level: 'warning',
        ...TEXT.clockBehind,
        message: `${shown} Dữ liệu mới nhất của trạm đã được ghi lúc ${timeInWords(newest)}, tức là sau thời điểm "hiện tại" của máy.`,
        path: null,
      };
    if (gap > CLOCK_AHEAD_LIMIT_MS)
      return {
        id: 'clock',
        level: 'warning',
        ...TEXT.clockAhead,
        message: `${shown} Dữ liệu mới nhất của trạm được ghi lúc ${timeInWords(newest)}, cách đây hơn hai năm.`,
        path: null,
      };
  }
  return ok('clock', `Ngày giờ trên máy: ${timeInWords(now.toISOString())}`);
}
