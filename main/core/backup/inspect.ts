/**
 * What a backup file holds, and whether it may be restored: it opens with the key, passes
 * `PRAGMA integrity_check`, is a station database, and was written by this version of the app or
 * an older one (a newer one has schema steps this code does not know and is refused, as the app
 * refuses such a database at start). Run by the backup worker on a copy beside the station
 * database (restore.ts), because checking a 100,000-resident file takes seconds.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { openSqlite, type SqliteDatabase } from '../db/sqlite.ts';
import type { InspectAnswer } from './protocol.ts';

const PLAINTEXT_HEADER = 'SQLite format 3\u0000';
/** SQLCipher 4 pages; a file of another size was never a whole encrypted database. */
const PAGE = 4096;

function header(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

const count = (db: SqliteDatabase, table: string): number =>
  db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

export function inspectDatabaseFile(
  file: string,
  key: Buffer | null,
  known: readonly string[],
): InspectAnswer {
  const size = statSync(file).size;
  const plain = header(file) === PLAINTEXT_HEADER;
  if (key && plain) return { ok: false, problem: 'unencrypted', detail: 'plaintext SQLite file' };
  if (!plain && (size < PAGE || size % PAGE !== 0))
    return { ok: false, problem: 'not-database', detail: `${size} bytes, not whole pages` };
  let db: SqliteDatabase;
  try {
    db = openSqlite({ file, key: plain ? null : key, mustExist: true });
  } catch (e) {
    // An encrypted file that the key does not open looks exactly like random bytes.
    return { ok: false, problem: plain ? 'not-database' : 'wrong-key', detail: (e as Error).message };
  }
  try {
    const integrity = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
    if (integrity.length !== 1 || integrity[0] !== 'ok')
      return { ok: false, problem: 'corrupt', detail: integrity.slice(0, 3).join('; ') };
    const tables = new Set(
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[],
    );
    if (!['schema_migrations', 'persons', 'visits', 'station', 'audit_log'].every((t) => tables.has(t)))
      return { ok: false, problem: 'not-station', detail: 'station tables missing' };
    const applied = db.prepare('SELECT name FROM schema_migrations ORDER BY rowid').pluck().all() as string[];
    const unknown = applied.filter((n) => !known.includes(n));
    if (unknown.length > 0 || applied.length > known.length)
      return { ok: false, problem: 'too-new', detail: `unknown steps: ${unknown.join(', ')}` };
    const station = db.prepare('SELECT code FROM station LIMIT 1').pluck().get() as string | undefined;
    return {
      ok: true,
      contents: {
        schemaVersion: applied.length,
        station: station ?? null,
        counts: {
          persons: count(db, 'persons'),
          visits: count(db, 'visits'),
          immunizations: tables.has('immunizations') ? count(db, 'immunizations') : 0,
          auditEntries: count(db, 'audit_log'),
        },
      },
    };
  } catch (e) {
    // A damaged page fails its SQLCipher HMAC when read: SQLITE_CORRUPT / NOTADB mid-file.
    return { ok: false, problem: 'corrupt', detail: (e as Error).message };
  } finally {
    db.close();
  }
}
