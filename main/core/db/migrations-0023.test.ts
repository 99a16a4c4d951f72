import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  adoptAuditSecret,
  appendAudit,
  auditMacKey,
  registerAuditKey,
  verifyAuditChain,
} from '../audit/audit.ts';
import { dataChanges, healthProblems, runStep, snapshot, stationBefore } from './migrations-testkit.ts';
import { Store } from './store.ts';

describe('0023_audit_secret', () => {
  const db = stationBefore('0023_audit_secret');
  // Entries MAC'd the way the app did before this step: with a secret derived from the database key.
  const databaseKey = Buffer.alloc(32, 7);
  const before0023 = new Store(db);
  registerAuditKey(before0023, auditMacKey(databaseKey));
  appendAudit(
    before0023,
    null,
    { action: 'auth.login', entity: 'user', entityId: 'u1' },
    '2026-12-01T01:00:00.000Z',
  );
  appendAudit(
    before0023,
    null,
    { action: 'person.read', entity: 'person', entityId: 'p1' },
    '2026-12-01T01:01:00.000Z',
  );
  const before = snapshot(db);
  runStep(db, '0023_audit_secret');

  it('changes no row: every entry and the anchor stay as they were', () => {
    expect(dataChanges(before, snapshot(db))).toEqual([]);
    expect(healthProblems(db)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM audit_secret').pluck().get()).toBe(0);
  });

  it('is filled on the first open with the value derived from the key, so the MACs written before still verify', () => {
    const opened = new Store(db);
    adoptAuditSecret(opened, databaseKey, '2026-12-07T00:00:00.000Z');
    // HMAC-SHA256(key, "hssk audit chain v1"): the derivation the app used before 0023.
    const derived = createHmac('sha256', Buffer.alloc(32, 7)).update('hssk audit chain v1').digest();
    const kept = db.prepare('SELECT mac_key FROM audit_secret').pluck().get() as Buffer;
    expect(Buffer.from(kept).equals(derived)).toBe(true);
    // A connection that knows nothing but the file verifies the whole trail from the kept secret.
    const fresh = new Store(db);
    expect(verifyAuditChain(fresh)).toMatchObject({ ok: true, problem: null });
    expect(verifyAuditChain(fresh).checked).toBeGreaterThan(2);
    // Kept once: adopting again with another key changes nothing.
    adoptAuditSecret(new Store(db), Buffer.alloc(32, 9), '2026-12-08T00:00:00.000Z');
    expect(
      Buffer.from(db.prepare('SELECT mac_key FROM audit_secret').pluck().get() as Buffer).equals(derived),
    ).toBe(true);
  });

  it('holds one 32-byte secret', () => {
    expect(() =>
      db.prepare(`INSERT INTO audit_secret (id, mac_key, created_at) VALUES (2, zeroblob(32), 'x')`).run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE audit_secret SET mac_key = zeroblob(16)`).run()).toThrow(/CHECK/);
  });
});
