import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceRoot } from '../../main/core/paths.ts';
import { KNOWN_TABLES, strayWrites, TRIGGER_ONLY, WRITERS, writesIn } from './one-writer.ts';

describe('one writer per table', () => {
  it('no table is written outside its repository', () => {
    expect(strayWrites(sourceRoot)).toEqual([]);
  });

  it('every table has its one writer, and every writer exists', () => {
    const owned = new Set([...Object.keys(WRITERS), ...TRIGGER_ONLY]);
    expect([...KNOWN_TABLES].filter((t) => !owned.has(t))).toEqual([]);
    expect(Object.keys(WRITERS).filter((t) => !KNOWN_TABLES.has(t))).toEqual([]);
    expect([...new Set(Object.values(WRITERS))].filter((f) => !existsSync(join(sourceRoot, f)))).toEqual([]);
  });

  it('finds the writes the app makes where they are made', () => {
    const found = (file: string, source: string) => writesIn(file, source).map((w) => `${w.table} ${w.how}`);
    expect(
      found(
        'x.ts',
        "store.run(store.qb.insertInto('persons').values(v)); store.prepare(`UPDATE OR IGNORE ncd_registers SET person_id = ?`);",
      ),
    ).toEqual(['persons insertInto(persons)', 'ncd_registers UPDATE OR IGNORE ncd_registers']);
    expect(found('x.ts', "const q = 'SELECT * FROM persons WHERE id = ?'; // UPDATE persons SET")).toEqual(
      [],
    );
  });
});

describe('the one-writer rule fails when broken (test/fixtures/one-writer)', () => {
  it('reports each stray write with its file, line and the table’s repository', () => {
    expect(strayWrites(join(sourceRoot, 'test', 'fixtures', 'one-writer'))).toEqual([
      'main/core/record/lowercase.ts:2 INSERT OR REPLACE INTO visit_labs: only main/core/record/repo/visits.ts writes visit_labs',
      'main/core/registry/stray.ts:6 INSERT INTO persons: only main/core/registry/repo/persons.ts writes persons',
      'main/core/registry/stray.ts:7 updateTable(visits): only main/core/record/repo/visits.ts writes visits',
      'main/core/registry/stray.ts:8 DELETE FROM ${…}: the table is built at run time',
      'main/core/registry/stray.ts:9 deleteFrom(…): the table is built at run time',
      'main/core/registry/stray.ts:10 INSERT INTO test_notes: test_notes is not a table in db/schema.ts with a repository',
      'main/core/registry/stray.ts:11 INSERT INTO persons_fts: persons_fts is written by its triggers only',
      'main/core/registry/stray.ts:12 UPDATE persons: only main/core/registry/repo/persons.ts writes persons',
    ]);
  });
});
