/**
 * Free space on the data folder's volume. A full disk does not announce itself: SQLite's writes fail
 * one by one ("database or disk is full"), a backup stops half-way. A warning well before that
 * gives the station time to clean up.
 */
import { statfsSync } from 'node:fs';
import type { StartupCheck } from '#contract/ops/system.ts';
import { GiB, MiB, ok, sizeInWords, TEXT } from './messages.ts';

export interface DiskThresholds {
  /** Below this, a warning (default 1 GB). */
  warnBytes: number;
  /** Below this, the stronger warning (default 200 MB). */
  criticalBytes: number;
}

export const DEFAULT_DISK_THRESHOLDS: DiskThresholds = { warnBytes: GiB, criticalBytes: 200 * MiB };

/** Bytes an unprivileged process may still write on the volume holding `dir`. */
export function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return Number(s.bavail) * Number(s.bsize);
}

export function checkDiskSpace(
  dir: string,
  thresholds: DiskThresholds = DEFAULT_DISK_THRESHOLDS,
  measure: (dir: string) => number = freeBytes,
): StartupCheck {
  let free: number;
  try {
    free = measure(dir);
  } catch {
    return { id: 'disk', level: 'warning', ...TEXT.diskUnknown, path: dir };
  }
  const left = `Ổ đĩa chứa thư mục dữ liệu chỉ còn trống ${sizeInWords(free)}.`;
  if (free < thresholds.criticalBytes)
    return { id: 'disk', level: 'warning', ...TEXT.diskCritical, message: left, path: dir };
  if (free < thresholds.warnBytes)
    return { id: 'disk', level: 'warning', ...TEXT.diskLow, message: left, path: dir };
  return ok('disk', `Ổ đĩa còn trống ${sizeInWords(free)}`, dir);
}
