import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../migrations/index.ts';
import { sourceRoot } from '../paths.ts';
import type { Migration } from './migrate.ts';
import { additiveProblems, checkAdditive, destructiveSql, hasDataTest } from './migrations-testkit.ts';

/**
 * Migrations add. A step that drops or renames a column or a table holding data, or loses or
 * rewrites rows, must declare `dataMigration` and have its data test. Each step is run on the
 * representative station (migrations-station.ts) and judged twice: by the SQL it hands to SQLite,
 * and by the data before and after it.
 */
describe('additive-only migrations', () => {
  it.each(MIGRATIONS.map((m) => m.name))('%s drops, renames and loses nothing, or says why', (name) => {
    expect(additiveProblems(name, checkAdditive(name), hasDataTest(name))).toEqual([]);
  });
});

describe('the additive-only rule fails when broken (test/fixtures/migrations)', () => {
  const fixture = async (file: string): Promise<Migration> =>
    (await import(join(sourceRoot, 'test', 'fixtures', 'migrations', `${file}.ts`))) as Migration;
  /** The fixture as the step after the real ones: what the rule says of it. */
  const judge = async (file: string) => {
    const step = await fixture(file);
    const check = checkAdditive(step.name, [...MIGRATIONS, step]);
    return { check, problems: additiveProblems(step.name, check, hasDataTest(step.name)) };
  };

  it('a dropped column', async () => {
    const { check, problems } = await judge('9001_drop_column');
    expect(check.findings).toEqual(['DROP COLUMN persons.religion', 'column persons.religion gone']);
    expect(problems).toEqual([
      expect.stringMatching(/^9001_drop_column drops, renames or loses data without declaring it/),
    ]);
    expect(problems[0]).toMatch(/export const dataMigration = /);
  });

  it('a renamed column and a renamed table', async () => {
    const { check, problems } = await judge('9002_rename');
    expect(check.findings).toEqual([
      'RENAME COLUMN visit_labs.result TO result_text',
      'RENAME TABLE import_templates TO import_mappings',
      'table import_templates gone (1 row)',
      'column visit_labs.result gone',
    ]);
    expect(problems).toHaveLength(1);
  });

  it('a table rebuilt (dropped and renamed), even when every row is copied', async () => {
    const { check, problems } = await judge('9003_rebuild_table');
    expect(check.findings).toEqual(['DROP TABLE devices', 'RENAME TABLE devices_new TO devices']);
    expect(problems).toHaveLength(1);
  });

  it('rows deleted', async () => {
    const { check, problems } = await judge('9004_delete_rows');
    expect(check.findings).toEqual([expect.stringMatching(/^measurements rowid \d+ gone$/)]);
    expect(problems).toHaveLength(1);
  });

  it('a declared data migration without its data test', async () => {
    const { check, problems } = await judge('9005_declared');
    expect(check.dataMigration).toMatch(/occupation moves into person_history/);
    expect(problems).toEqual([
      '9005_declared declares a data migration but has no data test (main/core/db/migrations-9005.test.ts)',
    ]);
  });

  it('passes an additive step with a scratch table, a rebuilt index and DROP TABLE only in words', async () => {
    expect(await judge('9006_additive')).toEqual({
      check: { findings: [], dataMigration: undefined },
      problems: [],
    });
  });

  it('reads SQL as SQLite does: keywords in any case, quoted names, no COLUMN keyword', () => {
    const existing = new Set(['persons', 'visits']);
    expect(
      destructiveSql(
        `alter table "persons" drop "religion"; ALTER TABLE [visits] RENAME reason TO why;
         drop table if exists main.visits; DROP TABLE IF EXISTS never_made; DROP INDEX visits_day;
         -- it's only a comment: ALTER TABLE visits DROP COLUMN note
         SELECT 'a--b'; ALTER TABLE persons DROP COLUMN email;`,
        existing,
      ),
    ).toEqual([
      'DROP COLUMN persons.religion',
      'RENAME COLUMN visits.reason TO why',
      'DROP TABLE visits',
      'DROP COLUMN persons.email',
    ]);
  });
});
