import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../errors.ts';

export type SqliteDatabase = Database.Database;

export interface OpenSqliteOptions {
  /** A path, or ':memory:'. */
  file: string;
  /** 32-byte raw key. With a key the file is SQLCipher-4 encrypted, WAL included. */
  key?: Buffer | null;
  readonly?: boolean;
  /** Refuse to create a new file (CLI commands that must act on an existing station database). */
  mustExist?: boolean;
  busyTimeoutMs?: number;
}

/**
 * Opens the station database with the settings every connection must have: encryption first (it
 * must be the first statement), then WAL, foreign keys, synchronous=FULL (a power cut at a commune
 * station must not lose a saved visit) and a busy timeout for the CLI running beside the app.
 */
export function openSqlite(options: OpenSqliteOptions): SqliteDatabase {
  let db: SqliteDatabase;
  try {
    db = new Database(options.file, {
      readonly: options.readonly ?? false,
      fileMustExist: options.mustExist ?? false,
    });
  } catch (e) {
    throw new AppError('NOT_FOUND', {
      message: 'Không tìm thấy tệp cơ sở dữ liệu.',
      logMessage: `cannot open database file ${options.file}`,
      cause: e,
    });
  }
  try {
    if (options.key) {
      if (options.key.length !== 32) throw new Error('database key must be 32 bytes');
      db.pragma(`cipher='sqlcipher'`);
      db.pragma('legacy=4');
      db.pragma(`key="x'${options.key.toString('hex')}'"`);
    }
    // Reading the schema is what fails (SQLITE_NOTADB) when the key is wrong or missing.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    db.close();
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') {
      throw new AppError('DB_KEY_INVALID', {
        logMessage: `database ${options.file} cannot be read with the given key`,
        cause: e,
      });
    }
    throw e;
  }
  if (options.file !== ':memory:' && !options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  db.pragma('temp_store = MEMORY');
  // 96 MB of decrypted pages (allocated as used): "Hôm nay" on 100,000 residents reads the
  // registers, the due list and the people it names; at 32 MB every visit to it decrypted the
  // same pages again (200 ms → 57 ms on the bench). The reports dashboard reads ~70 MB of indexes
  // on a station that uploads (a delivery per resident): at 64 MB each open decrypted most of them
  // again (synced first open 460 ms → 300 ms at 96 MB). An old PC with 4 GB has that to spare.
  db.pragma('cache_size = -96000');
  return db;
}
