/** What the backup worker is given and what it answers (worker.ts, take.ts). */

export interface BackupWorkerStart {
  /** The station database. */
  file: string;
  /** Its raw 32-byte SQLCipher key as bytes (never argv or env), null when not encrypted; wiped once opened. */
  key: Uint8Array | null;
  /** Where to write the copy (a temporary name beside the final one). */
  out: string;
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
