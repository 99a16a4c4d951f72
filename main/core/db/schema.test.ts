import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../migrations/index.ts';
import { migrate } from './migrate.ts';
import { TABLES } from './schema.ts';
import { openSqlite } from './sqlite.ts';

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

/** Every table the migrations leave, as SQLite describes it (its own and FTS5's shadow tables left out). */
function migratedTables(): Map<string, ColumnInfo[]> {
  const db = openSqlite({ file: ':memory:' });
  migrate(db, MIGRATIONS);
  const names = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  const fts = new Set(
    names.filter((n) =>
      /CREATE VIRTUAL TABLE/i.test(
        String(db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(n)),
      ),
    ),
  );
  const shadow = (n: string) => [...fts].some((f) => n.startsWith(`${f}_`));
  return new Map(
    names
      .filter((n) => !shadow(n))
      .map((n) => [n, db.prepare(`PRAGMA table_info("${n}")`).all() as ColumnInfo[]]),
  );
}

describe('the kysely schema', () => {
  const tables = migratedTables();

  it('describes every table the migrations create, and no other', () => {
    expect(Object.keys(TABLES).sort()).toEqual([...tables.keys()].sort());
  });

  it.each([...tables.keys()])('%s: same columns, SQL types, NOT NULL and defaults', (name) => {
    const spec = TABLES[name as keyof typeof TABLES] as Record<
      string,
      { sql: string; notNull: boolean; hasDefault: boolean }
    >;
    const pks = tables.get(name)!.filter((c) => c.pk > 0);
    const actual = tables.get(name)!.map((c) => {
      // A lone INTEGER PRIMARY KEY is the rowid: never null, filled in by SQLite.
      const rowid = c.pk === 1 && pks.length === 1 && c.type === 'INTEGER';
      return [
        c.name,
        { sql: c.type, notNull: c.notnull === 1 || rowid, hasDefault: c.dflt_value !== null || rowid },
      ];
    });
    const described = Object.entries(spec).map(([col, s]) => [
      col,
      { sql: s.sql, notNull: s.notNull, hasDefault: s.hasDefault },
    ]);
    expect(Object.fromEntries(described)).toEqual(Object.fromEntries(actual));
  });
});
