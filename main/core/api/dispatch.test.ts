import { afterEach, describe, expect, it } from 'vitest';
import {
  makeSignedInCore,
  makeTestCore,
  memoryBinding,
  TEST_ADMIN,
  TEST_STATION,
  type TestCore,
} from '../../../test/helpers/core.ts';

let t: TestCore;
afterEach(() => t?.close());

describe('the contract gate', () => {
  it('refuses an operation the contract does not declare', async () => {
    t = makeTestCore();
    const r = await t.core.call(t.binding, 'persons.dropAll', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    const proto = await t.core.call(t.binding, '__proto__', {});
    expect(proto).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
  });

  it('rejects malformed input with Vietnamese field messages, before any handler runs', async () => {
    t = makeTestCore();
    const r = await t.call('station.setup', {
      station: { ...TEST_STATION, code: 'x' },
      admin: { ...TEST_ADMIN, password: '123' },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    const issues = (r.error.details as { issues: { path: string; message: string }[] }).issues;
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['station.code', 'admin.password']));
    expect(issues.find((i) => i.path === 'admin.password')?.message).toMatch(/^Mật khẩu\b.*8 ký tự/);
    expect(issues.find((i) => i.path === 'station.code')?.message).toMatch(/^Mã cơ sở khám chữa bệnh/);
    // Nothing was created.
    expect((await t.ok('system.status', {})).setupDone).toBe(false);
  });

  it('rejects input of the wrong type entirely', async () => {
    t = makeTestCore();
    for (const bad of [null, 42, 'x', [], { station: 1 }]) {
      const r = await t.core.call(t.binding, 'station.setup', bad);
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('requires a session for session operations and the permission for guarded ones', async () => {
    t = await makeSignedInCore();
    const stranger = memoryBinding();
    expect(await t.call('station.get', {}, stranger)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });

    await t.ok('users.create', {
      username: 'xem',
      fullName: 'Lê Văn Xem',
      role: 'viewer',
      password: 'chi-xem-thoi',
    });
    const viewer = memoryBinding();
    await t.ok('auth.login', { username: 'xem', password: 'chi-xem-thoi' }, viewer);
    const denied = await t.call(
      'users.create',
      { username: 'hack', fullName: 'X', role: 'admin', password: 'khong-duoc-tao-9' },
      viewer,
    );
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // The refusal is on the audit trail, under the viewer's name.
    const audit = await t.ok('audit.list', { limit: 5 });
    expect(audit[0]).toMatchObject({
      action: 'access.denied',
      username: 'xem',
      details: { op: 'users.create' },
    });
    // And the account was not created.
    expect((await t.ok('users.list', {})).map((u) => u.username)).not.toContain('hack');
  });

  it('reports a handler bug as INTERNAL with a calm Vietnamese message, and logs it in English', async () => {
    t = makeTestCore();
    t.core.database.store.raw.exec('DROP TABLE sync_outbox');
    const r = await t.call('system.status', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!r.ok) expect(r.error.message).toMatch(/không bị mất/);
    expect(t.logs.some((l) => l.level === 'error' && l.msg === 'operation failed')).toBe(true);
  });
});
