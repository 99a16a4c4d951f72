import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from '../../../migrations/index.ts';
import { migrate, type Migration } from './migrate.ts';
import { ERA_ROWS } from './migrations-station.ts';
import { openSqlite, type SqliteDatabase } from './sqlite.ts';

/**
 * Helpers for the migration data tests (migrations-NNNN.test.ts, one per step) and the
 * additive-only rule (migrations-additive.test.ts). A step's test reads:
 *
 *   const db = stationBefore('0009_x');   // every step before it, each era's rows written after its step
 *   const before = snapshot(db);
 *   runStep(db, '0009_x');                // through the real runner: its transaction, its ledger row
 *   expect(dataChanges(before, snapshot(db))).toEqual([]);   // nothing held before is lost or changed
 *   expect(healthProblems(db)).toEqual([]);                  // foreign keys, integrity
 *   …and what the step itself promises (its new columns' defaults, its index used, its data moved).
 */

const stepAt = (migrations: readonly Migration[], step: string): number => {
  const i = migrations.findIndex((m) => m.name === step);
  if (i < 0) throw new Error(`no migration named ${step}`);
  return i;
};

/**
 * A fresh database that went through every step before `step`, with each era's representative rows
 * (migrations-station.ts) written just after its step — a station that grew with the app.
 * `file` keeps it on disk (unencrypted) for a test that opens it with the app afterwards.
 */
export function stationBefore(
  step: string,
  options: { migrations?: readonly Migration[]; file?: string } = {},
): SqliteDatabase {
  const migrations = options.migrations ?? MIGRATIONS;
  const db = openSqlite({ file: options.file ?? ':memory:' });
  const end = stepAt(migrations, step);
  for (let i = 0; i < end; i += 1) {
    migrate(db, migrations.slice(0, i + 1));
    const rows = ERA_ROWS[migrations[i].name];
    if (rows) db.transaction(() => rows(db)).immediate();
  }
  return db;
}

/**
 * Runs exactly `step` — the next one — through the real runner. `onSql` hears every statement the
 * step hands to SQLite (exec and prepare), for the additive-only rule.
 */
export function runStep(
  db: SqliteDatabase,
  step: string,
  options: { migrations?: readonly Migration[]; onSql?: (sql: string) => void } = {},
): void {
  const migrations = options.migrations ?? MIGRATIONS;
  const at = stepAt(migrations, step);
  const { onSql } = options;
  const list = migrations
    .slice(0, at + 1)
    .map((m, i) =>
      i === at && onSql ? { name: m.name, up: (d: SqliteDatabase) => m.up(listening(d, onSql)) } : m,
    );
  const { applied } = migrate(db, list);
  if (applied.join() !== step) {
    throw new Error(`expected to apply ${step} alone, applied: ${applied.join(', ') || 'nothing'}`);
  }
}

/** The database as a step sees it, with every statement it passes to exec or prepare reported. */
function listening(db: SqliteDatabase, onSql: (sql: string) => void): SqliteDatabase {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'exec' || prop === 'prepare') {
        return (sql: string) => {
          onSql(sql);
          return prop === 'exec' ? target.exec(sql) : target.prepare(sql);
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Foreign-key violations and integrity problems, in words; empty when the database is sound. */
export function healthProblems(db: SqliteDatabase): string[] {
  const fk = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  const integrity = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
  return [
    ...fk.map((v) => `foreign key: ${v.table} rowid ${v.rowid} → ${v.parent} missing`),
    ...integrity.map((r) => r.integrity_check).filter((r) => r !== 'ok'),
  ];
}

type Value = string | number | bigint | Buffer | null;
export interface TableSnapshot {
  columns: string[];
  /** Rows by rowid. */
  rows: Map<string, Record<string, Value>>;
}
export type Snapshot = Map<string, TableSnapshot>;

/** Tables that hold data: not SQLite's own, not an FTS index's internal shadow tables. */
export function dataTables(db: SqliteDatabase): string[] {
  const all = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all() as { name: string; sql: string }[];
  const virtual = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
  return all.map((t) => t.name).filter((n) => !virtual.some((v) => n.startsWith(`${v}_`)));
}

/**
 * Every data table's columns and rows (keyed by rowid, or by the primary key of a WITHOUT ROWID
 * table), to compare before and after a step.
 */
export function snapshot(db: SqliteDatabase): Snapshot {
  const out: Snapshot = new Map();
  for (const table of dataTables(db)) {
    const info = db.prepare(`SELECT name, pk FROM pragma_table_info(?)`).all(table) as {
      name: string;
      pk: number;
    }[];
    const columns = info.map((c) => c.name).sort();
    const sql = db
      .prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`)
      .pluck()
      .get(table);
    const key = /WITHOUT\s+ROWID/i.test(String(sql))
      ? `json_array(${info
          .filter((c) => c.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((c) => `"${c.name}"`)
          .join(', ')})`
      : 'rowid';
    const rows = new Map<string, Record<string, Value>>();
    for (const r of db.prepare(`SELECT ${key} AS __rowid, * FROM "${table}"`).all() as Record<
      string,
      Value
    >[]) {
      const { __rowid: rowid, ...values } = r;
      rows.set(String(rowid), values);
    }
    out.set(table, { columns, rows });
  }
  return out;
}

const show = (v: Value): string => (v === null ? 'NULL' : typeof v === 'string' ? `'${v}'` : String(v));

/**
 * What a step lost or changed of the data held before it: tables and columns gone, rows gone,
 * values changed. New tables, columns and rows are additions and are not reported. Empty for an
 * additive step; a step that declares `dataMigration` is tested for exactly the changes it intends.
 */
export function dataChanges(before: Snapshot, after: Snapshot, limit = 20): string[] {
  const changes: string[] = [];
  for (const [table, was] of before) {
    const now = after.get(table);
    if (!now) {
      changes.push(`table ${table} gone (${was.rows.size} row${was.rows.size === 1 ? '' : 's'})`);
      continue;
    }
    const kept = was.columns.filter((c) => now.columns.includes(c));
    for (const c of was.columns) if (!now.columns.includes(c)) changes.push(`column ${table}.${c} gone`);
    for (const [rowid, row] of was.rows) {
      const current = now.rows.get(rowid);
      if (!current) {
        changes.push(`${table} rowid ${rowid} gone`);
        continue;
      }
      for (const c of kept) {
        const a = row[c];
        const b = current[c];
        const same = Buffer.isBuffer(a) && Buffer.isBuffer(b) ? a.equals(b) : a === b;
        if (!same) changes.push(`${table} rowid ${rowid}: ${c} ${show(a)} → ${show(b)}`);
      }
    }
  }
  return changes.length > limit ? [...changes.slice(0, limit), `… ${changes.length - limit} more`] : changes;
}

/** SQL text without comments and string literals (a literal may say anything), identifiers unquoted. */
function bareSql(sql: string): string {
  // One pass, so a "--" inside a literal is not a comment and a quote inside a comment is not a literal.
  return sql
    .replace(/'(?:[^']|'')*'|--[^\n]*|\/\*[\s\S]*?\*\//g, (m) => (m.startsWith("'") ? "''" : ' '))
    .replace(/["`[\]]/g, '')
    .replace(/\s+/g, ' ');
}

/**
 * Statements that drop or rename something holding data: a column dropped or renamed, a table
 * renamed, or a table dropped that existed before the step (a scratch table the step made itself
 * may go). Indexes, triggers and views hold no data and may be dropped and made again.
 */
export function destructiveSql(sql: string, existingTables: ReadonlySet<string>): string[] {
  const text = bareSql(sql);
  const id = String.raw`([\w.$]+)`;
  const found: { at: number; what: string }[] = [];
  const scan = (pattern: string, what: (m: RegExpMatchArray) => string | null) => {
    for (const m of text.matchAll(new RegExp(pattern, 'gi'))) {
      const w = what(m);
      if (w) found.push({ at: m.index, what: w });
    }
  };
  scan(String.raw`\bALTER TABLE ${id} DROP (?:COLUMN )?${id}`, (m) => `DROP COLUMN ${m[1]}.${m[2]}`);
  scan(
    String.raw`\bALTER TABLE ${id} RENAME (?:COLUMN )?${id} TO ${id}`,
    (m) => `RENAME COLUMN ${m[1]}.${m[2]} TO ${m[3]}`,
  );
  scan(String.raw`\bALTER TABLE ${id} RENAME TO ${id}`, (m) => `RENAME TABLE ${m[1]} TO ${m[2]}`);
  scan(String.raw`\bDROP TABLE (?:IF EXISTS )?${id}`, (m) => {
    const table = m[1].replace(/^main\./i, '');
    return existingTables.has(table) ? `DROP TABLE ${table}` : null;
  });
  // In the order the statements run.
  return found.sort((a, b) => a.at - b.at).map((f) => f.what);
}

export interface AdditiveCheck {
  /** Destructive statements, and data lost or changed on the representative station. */
  findings: string[];
  /** The step's `dataMigration` declaration, when it has one. */
  dataMigration: string | undefined;
}

/**
 * Runs `step` on the representative station and reports what it dropped, renamed or lost: the SQL
 * it ran (destructiveSql) and the data before and after it (dataChanges).
 */
export function checkAdditive(step: string, migrations: readonly Migration[] = MIGRATIONS): AdditiveCheck {
  const db = stationBefore(step, { migrations });
  const existing = new Set(dataTables(db));
  const before = snapshot(db);
  const statements: string[] = [];
  runStep(db, step, { migrations, onSql: (sql) => statements.push(...destructiveSql(sql, existing)) });
  const findings = [...statements, ...dataChanges(before, snapshot(db))];
  db.close();
  return { findings, dataMigration: migrations[stepAt(migrations, step)].dataMigration };
}

/** Where a step's data test lives: main/core/db/migrations-NNNN.test.ts. */
export function dataTestFile(step: string): string {
  return join(import.meta.dirname, `migrations-${step.slice(0, 4)}.test.ts`);
}

export const hasDataTest = (step: string): boolean => existsSync(dataTestFile(step));

/**
 * The additive-only rule's verdict on one step: a step that drops, renames or loses data must
 * declare `dataMigration` (why, and where the data goes) and have its data test.
 */
export function additiveProblems(step: string, check: AdditiveCheck, dataTest: boolean): string[] {
  if (check.findings.length === 0) return [];
  const declared = typeof check.dataMigration === 'string' && check.dataMigration.trim() !== '';
  if (!declared) {
    return [
      `${step} drops, renames or loses data without declaring it: ${check.findings.join('; ')}. ` +
        `Migrations add; if this one must move data, export const dataMigration = '<why, and where the data goes>' ` +
        `and prove it in main/core/db/migrations-${step.slice(0, 4)}.test.ts (migrations/README.md).`,
    ];
  }
  return dataTest
    ? []
    : [
        `${step} declares a data migration but has no data test (main/core/db/migrations-${step.slice(0, 4)}.test.ts)`,
      ];
}
