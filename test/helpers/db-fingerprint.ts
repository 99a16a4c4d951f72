import { createHash } from 'node:crypto';
import type { SqliteDatabase } from '../../main/core/db/sqlite.ts';

export interface Fingerprint {
  /** Rows per table. */
  counts: Record<string, number>;
  /** sha256 over every row of every table, table by table. */
  hash: string;
  /** sha256 of each table's rows. */
  tables: Record<string, string>;
}

/**
 * What the database holds, as row counts and a content hash, to prove a refused call wrote nothing.
 * `skipTables` leaves out tables a refusal legitimately writes (the audit trail records the refusal);
 * `skipColumns` leaves out columns of a table (e.g. an account's failed-guess counter).
 */
export function fingerprint(
  db: SqliteDatabase,
  options: { skipTables?: readonly string[]; skipColumns?: Record<string, readonly string[]> } = {},
): Fingerprint {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  const counts: Record<string, number> = {};
  const each: Record<string, string> = {};
  const hash = createHash('sha256');
  for (const table of tables) {
    if (options.skipTables?.includes(table)) continue;
    const skip = options.skipColumns?.[table] ?? [];
    const columns = (
      db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]
    ).filter((c) => !skip.includes(c));
    const rows = db
      .prepare(
        `SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY ${columns.map((_, i) => i + 1).join(', ')}`,
      )
      .raw()
      .all() as unknown[][];
    counts[table] = rows.length;
    const own = createHash('sha256');
    for (const row of rows)
      own.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
    each[table] = own.digest('hex');
    hash.update(`${table}:${each[table]};`);
  }
  return { counts, hash: hash.digest('hex'), tables: each };
}
