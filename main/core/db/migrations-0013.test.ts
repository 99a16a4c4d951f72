import { describe, expect, it } from 'vitest';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';

describe('0013_audit_anchor', () => {
  const db = stationBefore('0013_audit_anchor');
  const entriesBefore = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  const before = snapshot(db);
  runStep(db, '0013_audit_anchor');

  it('changes no row: existing entries keep their hashes and get no MAC', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM audit_log WHERE mac IS NOT NULL').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(entriesBefore);
  });

  it('adds the anchor table, empty until the next entry is written, and keeps the trail append-only', () => {
    expect(db.prepare('SELECT count(*) FROM audit_anchor').pluck().get()).toBe(0);
    expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
    expect(() =>
      db.exec(
        `INSERT INTO audit_anchor (id, entries, head_seq, head_hash, mac, updated_at) VALUES (2, 0, 0, '', '', '')`,
      ),
    ).toThrow(/CHECK/);
  });
});
