/**
 * The one writer of `backup_settings` (one row; absent until first saved: the defaults apply).
 */
import type { Store } from '../../db/store.ts';

export interface BackupSettingsRow {
  folder: string | null;
  dailyTime: string;
  enabled: boolean;
  lastDailyAt: string | null;
}

export const DEFAULT_DAILY_TIME = '17:30';

export function readBackupSettings(store: Store): BackupSettingsRow & { saved: boolean } {
  const row = store
    .prepare('SELECT folder, daily_time, enabled, last_daily_at FROM backup_settings WHERE id = 1')
    .get() as
    { folder: string | null; daily_time: string; enabled: number; last_daily_at: string | null } | undefined;
  if (!row)
    return { folder: null, dailyTime: DEFAULT_DAILY_TIME, enabled: true, lastDailyAt: null, saved: false };
  return {
    folder: row.folder,
    dailyTime: row.daily_time,
    enabled: row.enabled === 1,
    lastDailyAt: row.last_daily_at,
    saved: true,
  };
}

export function saveBackupSettings(
  store: Store,
  s: { folder: string | null; dailyTime: string; enabled: boolean },
  at: string,
): void {
  store
    .prepare(
      `INSERT INTO backup_settings (id, folder, daily_time, enabled, updated_at) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET folder = excluded.folder, daily_time = excluded.daily_time,
         enabled = excluded.enabled, updated_at = excluded.updated_at`,
    )
    .run(s.folder, s.dailyTime, s.enabled ? 1 : 0, at);
}

/** The daily backup was taken (or made up) at `at`. */
export function markDailyTaken(store: Store, at: string): void {
  store
    .prepare(
      `INSERT INTO backup_settings (id, last_daily_at) VALUES (1, ?)
       ON CONFLICT (id) DO UPDATE SET last_daily_at = excluded.last_daily_at`,
    )
    .run(at);
}
