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

/** A clock the test moves by hand. */
function manualClock(start = Date.parse('2026-11-22T08:00:00Z')) {
  let now = start;
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms) };
}

describe('accounts and sessions', () => {
  it('stores argon2id hashes, never passwords', async () => {
    t = await makeSignedInCore();
    const row = t.core.ctx.store.raw.prepare('SELECT password_hash FROM users').pluck().get() as string;
    expect(row).toMatch(/^\$argon2id\$/);
    expect(row).not.toContain(TEST_ADMIN.password);
  });

  it('locks an account for five minutes after five wrong passwords', async () => {
    const c = manualClock();
    t = makeTestCore({ clock: c.clock });
    await t.ok('station.setup', { station: TEST_STATION, admin: TEST_ADMIN });
    for (let i = 0; i < 5; i++) {
      expect(
        await t.call('auth.login', { username: TEST_ADMIN.username, password: 'wrong-password' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'BAD_CREDENTIALS' },
      });
    }
    const locked = await t.call('auth.login', {
      username: TEST_ADMIN.username,
      password: TEST_ADMIN.password,
    });
    expect(locked).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    if (!locked.ok) expect(locked.error.message).toMatch(/5 phút/);
    c.advance(5 * 60_000 + 1000);
    expect(
      (await t.call('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password })).ok,
    ).toBe(true);
  });

  it('locks an idle session, refuses work until unlocked, and unlocks only with the right password', async () => {
    const c = manualClock();
    t = makeTestCore({ clock: c.clock });
    await t.ok('station.setup', { station: TEST_STATION, admin: TEST_ADMIN });
    await t.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
    c.advance(16 * 60_000);
    expect(await t.call('users.list', {})).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect((await t.ok('auth.session', {})).locked).toBe(true);
    expect(await t.call('auth.unlock', { password: 'wrong-password' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_CREDENTIALS' },
    });
    expect((await t.ok('auth.unlock', { password: TEST_ADMIN.password })).locked).toBe(false);
    expect((await t.call('users.list', {})).ok).toBe(true);
  });

  it('ends a user’s sessions when the role changes or the account is deactivated', async () => {
    t = await makeSignedInCore();
    const created = await t.ok('users.create', {
      username: 'yta',
      fullName: 'Y Tá',
      role: 'clinician',
      password: 'y-ta-12345',
    });
    const nurse = memoryBinding();
    await t.ok('auth.login', { username: 'yta', password: 'y-ta-12345' }, nurse);
    await t.ok('users.update', { id: created.id, role: 'viewer' });
    expect(await t.call('auth.session', {}, nurse)).toMatchObject({ ok: true, value: { user: null } });
    await t.ok('users.update', { id: created.id, active: false });
    expect(await t.call('auth.login', { username: 'yta', password: 'y-ta-12345' }, nurse)).toMatchObject({
      ok: false,
      error: { code: 'BAD_CREDENTIALS' },
    });
  });

  it('never leaves the station without an active administrator', async () => {
    t = await makeSignedInCore();
    const [admin] = await t.ok('users.list', {});
    expect(await t.call('users.update', { id: admin.id, role: 'clerk' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await t.call('users.update', { id: admin.id, active: false })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('refuses a duplicate username and names it', async () => {
    t = await makeSignedInCore();
    const r = await t.call('users.create', {
      username: TEST_ADMIN.username.toUpperCase(),
      fullName: 'X',
      role: 'clerk',
      password: 'trung-ten-dang-nhap',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!r.ok) expect(r.error.message).toContain(TEST_ADMIN.username);
  });
});

describe('first-run setup', () => {
  it('checks that the commune belongs to the province, and runs only once', async () => {
    t = makeTestCore();
    const wrong = await t.call('station.setup', {
      station: { ...TEST_STATION, provinceCode: '79' },
      admin: TEST_ADMIN,
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await t.ok('station.setup', { station: TEST_STATION, admin: TEST_ADMIN });
    const again = await t.call('station.setup', {
      station: TEST_STATION,
      admin: { ...TEST_ADMIN, username: 'other' },
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });
    expect((await t.ok('system.status', {})).station).toEqual({
      code: TEST_STATION.code,
      name: TEST_STATION.name,
    });
  });
});
