import { openSqlite, type SqliteDatabase } from './sqlite.ts';

/**
 * The read-only connection of a worker that reads the station's records one by one (batch printing,
 * upload payloads). The key arrives as bytes in workerData and is wiped once the database is open.
 * Each record is read once, so a small page cache: the app connection's 64 MB would only add
 * decrypted pages to the job's memory.
 */
export function openWorkerReader(file: string, key: Uint8Array | null): SqliteDatabase {
  let db: SqliteDatabase;
  try {
    db = openSqlite({
      file,
      key: key ? Buffer.from(key.buffer, key.byteOffset, key.byteLength) : null,
      mustExist: true,
    });
  } finally {
    key?.fill(0);
  }
  db.pragma('query_only = 1');
  db.pragma('cache_size = -8000');
  return db;
}
