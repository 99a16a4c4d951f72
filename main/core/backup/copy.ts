/**
 * The copy itself: `VACUUM INTO` a new file (encrypted with the same key, compacted, consistent as
 * of one read transaction while the app goes on writing through WAL), then the copy is opened and
 * checked — `PRAGMA integrity_check` and the row counts. Run by the backup worker (worker.ts) for
 * backups taken while the app is in use, and on the calling thread before a migration, when the
 * app is still starting and nothing else is waiting.
 */
import { openSqlite, type SqliteDatabase } from '../db/sqlite.ts';
import type { BackupCounts, BackupWorkerAnswer } from './protocol.ts';

function count(db: SqliteDatabase, table: string): number {
  return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

export function copyAndCheck(options: {
  file: string;
  key: Buffer | null;
  out: string;
  /** An open connection to copy from (before a migration); otherwise one is opened on `file`. */
  from?: SqliteDatabase;
}): BackupWorkerAnswer {
  const { key, out } = options;
  try {
    const source = options.from ?? openSqlite({ file: options.file, key, mustExist: true });
    try {
      // The path is ours (the data folder or the configured backup folder), bound as a parameter.
      source.prepare('VACUUM INTO ?').run(out);
    } finally {
      if (!options.from) source.close();
    }
  } catch (e) {
    return { ok: false, stage: 'copy', message: (e as Error).message };
  }
  try {
    const copy = openSqlite({ file: out, key, readonly: true, mustExist: true });
    try {
      const integrity = copy.prepare('PRAGMA integrity_check').pluck().all() as string[];
      if (integrity.length !== 1 || integrity[0] !== 'ok')
        return { ok: false, stage: 'check', message: `integrity_check: ${integrity.slice(0, 3).join('; ')}` };
      const counts: BackupCounts = {
        persons: count(copy, 'persons'),
        visits: count(copy, 'visits'),
        immunizations: count(copy, 'immunizations'),
        auditEntries: count(copy, 'audit_log'),
      };
      return { ok: true, integrity: 'ok', counts, schemaVersion: count(copy, 'schema_migrations') };
    } finally {
      copy.close();
    }
  } catch (e) {
    return { ok: false, stage: 'check', message: (e as Error).message };
  }
}
