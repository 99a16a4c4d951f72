/** What the backup worker is given and what it answers (worker.ts, take.ts, restore.ts). */

export interface BackupWorkerStart {
  task?: 'copy';
  /** The station database. */
  file: string;
  /** Its raw 32-byte SQLCipher key as bytes (never argv or env), null when not encrypted; wiped once opened. */
  key: Uint8Array | null;
  /** Where to write the copy (a temporary name beside the final one). */
  out: string;
}

/** Check a backup about to be restored (inspect.ts), on a copy of it. */
export interface BackupWorkerInspect {
  task: 'inspect';
  file: string;
  key: Uint8Array | null;
  /** The app's schema steps, in order: a backup with others is newer than the app. */
  known: string[];
}

export interface BackupCounts {
  persons: number;
  visits: number;
  immunizations: number;
  auditEntries: number;
}

export type BackupWorkerAnswer =
  | { ok: true; integrity: 'ok'; counts: BackupCounts; schemaVersion: number }
  | { ok: false; stage: 'copy' | 'check'; message: string };

export type InspectProblem =
  'not-database' | 'wrong-key' | 'unencrypted' | 'corrupt' | 'not-station' | 'too-new';

/** What a backup about to be restored holds (inspect.ts). */
export interface BackupContents {
  /** Schema steps applied in the backup (the app's own count is MIGRATIONS.length). */
  schemaVersion: number;
  /** The station code inside it, or null before the first-run setup. */
  station: string | null;
  counts: BackupCounts;
}

export type InspectAnswer =
  { ok: true; contents: BackupContents } | { ok: false; problem: InspectProblem; detail: string };
