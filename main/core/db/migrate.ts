import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { SqliteDatabase } from './sqlite.ts';

/** A frozen, ordered schema step. Once landed, never edited: add a new one instead. */
export interface Migration {
  readonly name: string;
  up(db: SqliteDatabase): void;
  /**
   * Steps add; they do not drop, rename or rewrite what holds data. A step that must (a table
   * rebuilt, a column moved) says so here — why, and where the data goes — and its data test in
   * main/core/db/migrations-NNNN.test.ts proves the data arrives (see migrations/README.md).
   */
  readonly dataMigration?: string;
}

export interface MigrationResult {
  applied: string[];
  version: number;
}

const LEDGER = 'schema_migrations';

export function appliedMigrations(db: SqliteDatabase): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS ${LEDGER} (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT`);
  return db.prepare(`SELECT name FROM ${LEDGER} ORDER BY rowid`).pluck().all() as string[];
}

/**
 * Brings the database to the code's schema. Each migration runs in its own transaction, so a failure
 * leaves the database at the last good step. A database that has steps this code does not know was
 * written by a newer version of the app: it is refused, never "repaired".
 */
export function migrate(
  db: SqliteDatabase,
  migrations: readonly Migration[],
  options: { log?: Logger; now?: () => string } = {},
): MigrationResult {
  const names = migrations.map((m) => m.name);
  if (new Set(names).size !== names.length) throw new Error('duplicate migration names');
  const done = appliedMigrations(db);

  const unknown = done.filter((n) => !names.includes(n));
  if (unknown.length > 0 || done.length > names.length) {
    throw new AppError('DB_TOO_NEW', {
      logMessage: `database has migrations this code does not know: ${unknown.join(', ')}`,
      details: { unknown, known: names.length, applied: done.length },
    });
  }
  done.forEach((n, i) => {
    if (names[i] !== n)
      throw new Error(`migration order mismatch at ${i}: database has ${n}, code has ${names[i]}`);
  });

  const now = options.now ?? (() => new Date().toISOString());
  const applied: string[] = [];
  for (const m of migrations.slice(done.length)) {
    const started = performance.now();
    db.transaction(() => {
      m.up(db);
      db.prepare(`INSERT INTO ${LEDGER} (name, applied_at) VALUES (?, ?)`).run(m.name, now());
    }).immediate();
    applied.push(m.name);
    options.log?.info('migration applied', { name: m.name, ms: Math.round(performance.now() - started) });
  }
  db.pragma(`user_version = ${names.length}`);
  return { applied, version: names.length };
}
