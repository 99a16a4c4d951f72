import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/audit.ts';
import { IDS } from './migrations-station.ts';
import { healthProblems, stationBefore } from './migrations-testkit.ts';
import { Store } from './store.ts';

// 0001 starts from nothing, so there is no data to carry: its test is that a station's first rows
// fit the foundation, and that the foundation guards them (the audit trail cannot be edited).
describe('0001_foundation', () => {
  const db = stationBefore('0002_registry');

  it("holds a station's first rows: accounts, households, residents with their cards, audit, outbox", () => {
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    expect([count('station'), count('users'), count('households'), count('persons')]).toEqual([1, 4, 2, 5]);
    expect(
      db.prepare('SELECT kind, value FROM person_identifiers WHERE person_id = ? ORDER BY kind').all(IDS.an),
    ).toEqual([
      { kind: 'bhyt', value: 'HT2010162012345' },
      { kind: 'cccd', value: '001062012345' },
    ]);
    expect(verifyAuditChain(new Store(db))).toMatchObject({ ok: true, checked: 8 });
    expect(healthProblems(db)).toEqual([]);
  });

  it('keeps the audit trail append-only and a card with one holder', () => {
    expect(() => db.exec(`UPDATE audit_log SET action = 'x' WHERE seq = 1`)).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO person_identifiers (person_id, kind, value, created_at) VALUES (?, 'cccd', '001062012345', '2025-11-24')`,
        )
        .run(IDS.dao),
    ).toThrow(/UNIQUE/);
  });
});
