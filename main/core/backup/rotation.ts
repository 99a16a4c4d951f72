/**
 * Which backups to keep: the newest of each of the last 7 days, of the last 4 ISO weeks and of the
 * last 12 months that have one (grandfather-father-son), plus the newest one whatever its age.
 * A station that takes one backup a day then keeps about 7 + 3 + 11 files, reaching back a year,
 * on a USB stick that does not fill up. Pure, so the rule is tested without files.
 */

export interface BackupStamp {
  name: string;
  /** When it was taken (UTC). */
  takenAt: Date;
}

export const KEEP = { daily: 7, weekly: 4, monthly: 12 } as const;

/** The station's own calendar (Vietnam, UTC+7, no daylight saving) decides what "a day" is. */
function vnParts(d: Date): { day: string; week: string; month: string } {
  const local = new Date(d.getTime() + 7 * 3600_000);
  const day = local.toISOString().slice(0, 10);
  const month = day.slice(0, 7);
  // ISO week: the week's Thursday names its year; weeks count from the one holding 4 January.
  const t = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  t.setUTCDate(t.getUTCDate() - ((t.getUTCDay() + 6) % 7) + 3);
  const jan4 = new Date(Date.UTC(t.getUTCFullYear(), 0, 4));
  const week =
    1 + Math.round(((t.getTime() - jan4.getTime()) / 86_400_000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
  return { day, week: `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`, month };
}

/** The names to keep; every other backup may be deleted. */
export function backupsToKeep(backups: readonly BackupStamp[]): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
  const keep = new Set<string>();
  if (newestFirst[0]) keep.add(newestFirst[0].name);
  for (const [period, count] of [
    ['day', KEEP.daily],
    ['week', KEEP.weekly],
    ['month', KEEP.monthly],
  ] as const) {
    const seen = new Set<string>();
    for (const b of newestFirst) {
      const key = vnParts(b.takenAt)[period];
      if (seen.has(key)) continue;
      if (seen.size === count) break;
      seen.add(key);
      keep.add(b.name);
    }
  }
  return keep;
}
