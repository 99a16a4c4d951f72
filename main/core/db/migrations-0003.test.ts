import { describe, expect, it } from 'vitest';
import { IDS } from './migrations-station.ts';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

describe('0003_record', () => {
  const db = stationBefore('0003_record');
  const before = snapshot(db);
  runStep(db, '0003_record');

  it('keeps part A, the name index, cards, audit and outbox as they were', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
    expect(db.prepare(`SELECT count(*) FROM persons_fts WHERE persons_fts MATCH 'mai'`).pluck().get()).toBe(
      1,
    );
  });

  it('adds parts B, C and D and the registers, empty', () => {
    const tables = [
      'person_history',
      'vaccines',
      'immunizations',
      'visits',
      'visit_diagnoses',
      'visit_labs',
      'visit_versions',
      'ncd_registers',
      'measurements',
    ];
    expect(tables.map((t) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get())).toEqual(
      tables.map(() => 0),
    );
  });

  it('ties the new records to the residents already registered, and to no one else', () => {
    const visit = db.prepare(
      `INSERT INTO visits (id, person_id, visit_on, status, version, data, created_at, updated_at)
       VALUES (?, ?, '2026-01-05', 'draft', 1, '{}', '2026-01-05T02:00:00Z', '2026-01-05T02:00:00Z')`,
    );
    visit.run('3c4d5e6f-0000-4000-8000-0000000000f1', IDS.an);
    expect(() => visit.run('3c4d5e6f-0000-4000-8000-0000000000f2', 'no-such-person')).toThrow(/FOREIGN KEY/);
    db.prepare(
      `INSERT INTO visit_diagnoses (visit_id, seq, icd_code, name, is_main) VALUES (?, 0, 'J06.9', 'Viêm họng', 1)`,
    ).run('3c4d5e6f-0000-4000-8000-0000000000f1');
    // A discarded draft takes its diagnoses with it.
    db.prepare('DELETE FROM visits WHERE id = ?').run('3c4d5e6f-0000-4000-8000-0000000000f1');
    expect(db.prepare('SELECT count(*) FROM visit_diagnoses').pluck().get()).toBe(0);
    expect(healthProblems(db)).toEqual([]);
  });
});
