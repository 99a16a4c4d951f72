/**
 * Changing the database key (`hssk db rekey`, Quản trị → Sao lưu → Đổi khóa). Two things hold a
 * key, the database file and the key file, and a crash may come between writing the one and the
 * other; the order makes every moment openable:
 *
 *   1. the new key is written (protected, fsynced) to `<db>.key.new`; the key file is untouched;
 *   2. PRAGMA rekey re-encrypts every page — one SQLite transaction: before it commits the file
 *      opens with the old key, after it with the new one;
 *   3. `<db>.key.new` is renamed over `<db>.key` and the folder fsynced.
 *
 * A start that finds `<db>.key.new` (a crash after 1 or 2) keeps whichever key opens the file
 * (`settlePendingRekey`, called before the key file is read). The audit trail's MAC secret is kept
 * inside the database (audit_secret, 0023), so re-encrypting leaves every MAC valid.
 *
 * Backups taken before a rekey stay encrypted with the old key: they open with the old recovery
 * key (README "Backups"), not with the station's new key.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../errors.ts';
import { keyFileFor } from '../paths.ts';
import { fsyncFolder, readKeyFile, writeKeyFile, type KeyProtector } from './keystore.ts';
import { openSqlite, type SqliteDatabase } from './sqlite.ts';
import type { Store } from './store.ts';

export const pendingKeyFileFor = (dbFile: string): string => `${keyFileFor(dbFile)}.new`;

export type RekeyStep = 'pending-written' | 'rekeyed';

/**
 * Re-encrypts an open database with a new random key and makes the key file hold it. Returns the
 * new key (the caller shows it once as the recovery key, then wipes it). `afterStep` lets the
 * crash test stop the process between the steps.
 */
export function rekeyDatabase(
  sqlite: SqliteDatabase,
  dbFile: string,
  protector: KeyProtector,
  afterStep?: (step: RekeyStep) => void,
): Buffer {
  const key = randomBytes(32);
  const pending = pendingKeyFileFor(dbFile);
  writeKeyFile(pending, key, protector);
  afterStep?.('pending-written');
  try {
    // A short WAL first: the rekey rewrites every page through it.
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.pragma(`rekey="x'${key.toString('hex')}'"`);
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    // Nothing committed: the file still opens with the old key, which the key file still holds.
    rmSync(pending, { force: true });
    key.fill(0);
    throw new AppError('INTERNAL', {
      message: 'Không đổi được khóa cơ sở dữ liệu; khóa cũ vẫn dùng được. Hãy thử lại.',
      logMessage: 'PRAGMA rekey failed',
      cause: e,
    });
  }
  afterStep?.('rekeyed');
  renameSync(pending, keyFileFor(dbFile));
  fsyncFolder(dirname(dbFile));
  return key;
}

function opensWith(dbFile: string, key: Buffer): boolean {
  try {
    openSqlite({ file: dbFile, key, mustExist: true }).close();
    return true;
  } catch {
    return false;
  }
}

/**
 * Finishes or undoes a rekey a crash cut short: the pending key is kept if it opens the file (the
 * rekey committed), dropped otherwise (it did not; the key file still holds the right key).
 */
export function settlePendingRekey(dbFile: string, protector: KeyProtector): 'none' | 'finished' | 'undone' {
  const pending = pendingKeyFileFor(dbFile);
  if (!existsSync(pending)) return 'none';
  let key: Buffer | null;
  try {
    key = readKeyFile(pending, protector);
  } catch {
    // Cut short while it was being written: the rekey cannot have started.
    key = null;
  }
  if (key && existsSync(dbFile) && opensWith(dbFile, key)) {
    renameSync(pending, keyFileFor(dbFile));
    fsyncFolder(dirname(dbFile));
    key.fill(0);
    return 'finished';
  }
  key?.fill(0);
  rmSync(pending, { force: true });
  return 'undone';
}

/** What a rekey of an open database needs: its file, the protector its key file uses, who to tell. */
export interface RekeyTarget {
  readonly file: string;
  readonly protector: KeyProtector;
  /** The host's other users of the key (backup, import and integrity workers) take the new one. */
  readonly onRekeyed: (key: Buffer) => void;
}

const targets = new WeakMap<Store, RekeyTarget>();

/** The host that opened the database from its key file allows a rekey (app.ts); HSSK_DB_KEY does not. */
export function allowRekey(store: Store, target: RekeyTarget): void {
  targets.set(store, target);
}

/** Re-keys the database a store is open on; the connection goes on with the new key. */
export function rekeyOpenDatabase(store: Store, afterStep?: (step: RekeyStep) => void): Buffer {
  const target = targets.get(store);
  if (!target)
    throw new AppError('CONFLICT', {
      message:
        'Không đổi khóa được cho cơ sở dữ liệu này: nó chưa được mã hóa, hoặc khóa được đặt bằng biến HSSK_DB_KEY chứ không phải tệp khóa.',
      logMessage: 'rekey asked of a database without a key file (unencrypted, in memory, or HSSK_DB_KEY)',
    });
  if (store.raw.inTransaction) throw new AppError('BUSY', { logMessage: 'rekey asked inside a transaction' });
  const key = rekeyDatabase(store.raw, target.file, target.protector, afterStep);
  target.onRekeyed(key);
  return key;
}
