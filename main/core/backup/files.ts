/**
 * Backup files on disk: `hssk-<station>-<yyyymmdd-hhmmss>-<reason>.db` (UTC time, so names sort
 * by age) with a small `.json` beside it saying what it holds (counts only — no names, no numbers).
 * Only files with this shape are ever listed or deleted, so a backup folder on a USB stick can hold
 * other things safely.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupCounts } from './protocol.ts';

export const BACKUP_REASONS = ['manual', 'daily', 'exit', 'migration'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

const NAME = /^hssk-([0-9A-Za-z]{1,10})-(\d{8})-(\d{6})-(manual|daily|exit|migration)\.db$/;

export interface BackupManifest {
  file: string;
  takenAt: string;
  reason: BackupReason;
  station: string;
  appVersion: string;
  schemaVersion: number;
  bytes: number;
  integrity: 'ok';
  counts: BackupCounts;
}

export function backupFileName(station: string, at: Date, reason: BackupReason): string {
  const s = at.toISOString();
  return `hssk-${station}-${s.slice(0, 10).replaceAll('-', '')}-${s.slice(11, 19).replaceAll(':', '')}-${reason}.db`;
}

export interface ListedBackup {
  name: string;
  path: string;
  takenAt: Date;
  reason: BackupReason;
  station: string;
}

export function parseBackupName(name: string): Omit<ListedBackup, 'path'> | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, station, d, t, reason] = m as unknown as [string, string, string, string, BackupReason];
  const takenAt = new Date(
    `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}Z`,
  );
  return Number.isNaN(takenAt.getTime()) ? null : { name, takenAt, reason, station };
}

/** The backups in a folder, newest first (a folder that does not exist has none). */
export function listBackups(dir: string): ListedBackup[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((n) => {
      const parsed = parseBackupName(n);
      return parsed ? { ...parsed, path: join(dir, n) } : null;
    })
    .filter((b): b is ListedBackup => b !== null)
    .sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

export const manifestPathFor = (backupPath: string): string => backupPath.replace(/\.db$/, '.json');

export function readManifest(backupPath: string): BackupManifest | null {
  try {
    return JSON.parse(readFileSync(manifestPathFor(backupPath), 'utf8')) as BackupManifest;
  } catch {
    return null;
  }
}
