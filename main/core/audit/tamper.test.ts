/**
 * The audit trail finds a deleted tail, a deleted middle entry at its own seq, and an edit whose
 * following hashes were recomputed (issue 12, defect 3). The tampering is done as someone with the
 * database open in SQL would: the append-only triggers dropped first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { appendAudit, AUDIT_GENESIS, auditHash, verifyAuditChain } from './audit.ts';

let t: TestCore;
afterEach(() => t?.close());

async function trailOf(extra: number): Promise<TestCore> {
  t = await makeSignedInCore();
  const store = t.core.ctx.store;
  store.tx(() => {
    for (let i = 0; i < extra; i++)
      appendAudit(
        store,
        null,
        { action: 'test.entry', details: { i } },
        new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      );
  });
  return t;
}
const db = () => t.core.ctx.store.raw;
const unguard = () => db().exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
const lastSeq = () => db().prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
const verify = () => t.ok('audit.verify', {});

interface Row {
  seq: number;
  at: string;
  user_id: string | null;
  username: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  details: string;
}

/** Rewrites every hash from `fromSeq` on, as a forger without the key would. */
function recomputeFrom(fromSeq: number, dropMacs: boolean): void {
  const rows = db().prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').all(fromSeq) as Row[];
  let prev =
    (db()
      .prepare('SELECT hash FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT 1')
      .pluck()
      .get(fromSeq) as string | undefined) ?? AUDIT_GENESIS;
  const update = db().prepare(
    `UPDATE audit_log SET prev_hash = ?, hash = ?${dropMacs ? ', mac = NULL' : ''} WHERE seq = ?`,
  );
  for (const r of rows) {
    const hash = auditHash(prev, {
      at: r.at,
      userId: r.user_id,
      username: r.username,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      details: r.details,
    });
    update.run(prev, hash, r.seq);
    prev = hash;
  }
}

describe('the audit trail', () => {
  it('verifies an untouched trail', async () => {
    await trailOf(20);
    expect(await verify()).toEqual({ ok: true, checked: lastSeq(), firstBrokenSeq: null, problem: null });
  });

  it('finds the last entry deleted', async () => {
    await trailOf(20);
    const last = lastSeq();
    unguard();
    db().prepare('DELETE FROM audit_log WHERE seq = ?').run(last);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: last, problem: 'missing' });
  });

  it('finds the last 1,000 entries deleted', async () => {
    await trailOf(1100);
    const first = lastSeq() - 999;
    unguard();
    db().prepare('DELETE FROM audit_log WHERE seq >= ?').run(first);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: first, problem: 'missing' });
  });

  it('finds every entry deleted', async () => {
    await trailOf(5);
    unguard();
    db().exec('DELETE FROM audit_log');
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 1, problem: 'missing' });
  });

  it('reports a deleted middle entry at its own seq', async () => {
    await trailOf(20);
    unguard();
    db().prepare('DELETE FROM audit_log WHERE seq = ?').run(7);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 7, problem: 'missing' });
  });

  it('reports an edit at its seq even when every later hash was recomputed', async () => {
    await trailOf(20);
    unguard();
    db().prepare(`UPDATE audit_log SET details = '{"i":999}' WHERE seq = ?`).run(9);
    recomputeFrom(9, false);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 9, problem: 'altered' });
  });

  it('reports an edit at its seq when the forger also dropped the MACs from there on', async () => {
    await trailOf(20);
    unguard();
    db().prepare(`UPDATE audit_log SET details = '{"i":999}' WHERE seq = ?`).run(9);
    recomputeFrom(9, true);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 9, problem: 'altered' });
  });

  it('finds a deleted tail whose anchor was moved back or removed', async () => {
    await trailOf(20);
    unguard();
    db().prepare('DELETE FROM audit_log WHERE seq > ?').run(10);
    db()
      .prepare(
        'UPDATE audit_anchor SET entries = 10, head_seq = 10, head_hash = (SELECT hash FROM audit_log WHERE seq = 10)',
      )
      .run();
    expect(await verify()).toMatchObject({ ok: false, problem: 'anchor' });
    db().exec('DELETE FROM audit_anchor');
    expect(await verify()).toMatchObject({ ok: false, problem: 'anchor' });
  });

  it('keeps verifying as entries are added after a check', async () => {
    await trailOf(3);
    expect((await verify()).ok).toBe(true);
    await t.ok('users.list', {});
    await t.ok('auth.logout', {});
    expect(verifyAuditChain(t.core.ctx.store)).toMatchObject({ ok: true, problem: null });
  });
});
