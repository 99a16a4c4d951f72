/**
 * A backup before the schema changes: when the app (a new version) opens a station database that
 * has migrations to run, the database is copied first, as it is, into the data folder's
 * `backups/` (reason `migration`). If a step then goes wrong in a way its transaction cannot undo
 * (a bug in a data migration that commits), the station's data from the minute before is there.
 * A database not yet set up has nothing to lose and is not copied.
 */
import { dirname, join } from 'node:path';
import type { SqliteDatabase } from '../db/sqlite.ts';
import type { Logger } from '../log.ts';
import type { BackupSource } from './source.ts';
import { takeBackupNow, type BackupTaken } from './take.ts';

export function backupBeforeMigration(
  from: SqliteDatabase,
  source: BackupSource,
  o: { pending: readonly string[]; appVersion: string; now: Date; log: Logger },
): BackupTaken | null {
  const station = from.prepare('SELECT code FROM station LIMIT 1').pluck().get() as string | undefined;
  if (!station) return null;
  try {
    const taken = takeBackupNow(from, source, {
      dir: join(dirname(source.file), 'backups'),
      reason: 'migration',
      station,
      appVersion: o.appVersion,
      now: o.now,
      log: o.log,
    });
    o.log.info('backup taken before migrating', { pending: o.pending.length, file: taken.file });
    return taken;
  } catch (e) {
    // Refusing to start would keep a station from working over a full disk; the migration runs
    // in its own transactions, and the failure is in the log for the district IT staff.
    o.log.error('backup before migration failed; migrating without it', { error: String(e) });
    return null;
  }
}
