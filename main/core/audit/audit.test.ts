import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { appendAudit, verifyAuditChain } from './audit.ts';

let t: TestCore;
afterEach(() => t?.close());

describe('the audit trail', () => {
  it('is a verifiable chain that refuses edits and deletions', async () => {
    t = await makeSignedInCore();
    const store = t.core.ctx.store;
    store.tx(() =>
      appendAudit(
        store,
        { userId: 'u1', username: 'a' },
        { action: 'person.read', entity: 'person', entityId: 'p1' },
        new Date().toISOString(),
      ),
    );
    const ok = verifyAuditChain(store);
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThanOrEqual(4);
    expect(() => store.raw.exec(`UPDATE audit_log SET action = 'nothing' WHERE seq = 1`)).toThrow(
      /append-only/,
    );
    expect(() => store.raw.exec(`DELETE FROM audit_log`)).toThrow(/append-only/);
  });

  it('detects tampering done behind the triggers’ back', async () => {
    t = await makeSignedInCore();
    const store = t.core.ctx.store;
    store.raw.exec('DROP TRIGGER audit_log_no_update');
    store.raw.exec(`UPDATE audit_log SET username = 'someone-else' WHERE seq = 2`);
    expect(verifyAuditChain(store)).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    expect(await t.ok('audit.verify', {})).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });
});
