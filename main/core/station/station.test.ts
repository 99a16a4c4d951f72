import { afterEach, describe, expect, it } from 'vitest';
import {
  makeTestCore,
  memoryBinding,
  TEST_ADMIN,
  TEST_STATION,
  type TestCore,
} from '../../../test/helpers/core.ts';

let t: TestCore;
afterEach(() => t?.close());

describe('first-run setup signs the new administrator in', () => {
  it('opens a session for the window that ran the wizard, and only that window', async () => {
    t = makeTestCore();
    const bystander = memoryBinding();
    await t.ok('station.setup', { station: TEST_STATION, admin: { ...TEST_ADMIN, username: '  QuanTri ' } });

    const session = await t.ok('auth.session', {});
    expect(session).toMatchObject({
      locked: false,
      user: { username: 'quantri', fullName: TEST_ADMIN.fullName, role: 'admin' },
    });
    expect(session.user?.permissions).toContain('users.manage');
    // The administrator can work at once, without typing the password a second time.
    expect((await t.call('users.list', {})).ok).toBe(true);
    // Another window on the same station is not signed in by someone else's setup.
    expect(await t.ok('auth.session', {}, bystander)).toMatchObject({ user: null });

    // The audit trail shows the sign-in, right after the setup, under the new account.
    const audit = await t.ok('audit.list', { limit: 10 });
    expect(audit.map((a) => a.action).slice(0, 2)).toEqual(['auth.login', 'station.setup']);
    expect(audit[0]).toMatchObject({ username: 'quantri', details: { via: 'station.setup' } });
    const [admin] = await t.ok('users.list', {});
    expect(admin.lastLoginAt).not.toBeNull();
  });

  it('signs nobody in when setup is refused, and a second setup stays refused', async () => {
    t = makeTestCore();
    const wrong = await t.call('station.setup', {
      station: { ...TEST_STATION, provinceCode: '79' },
      admin: TEST_ADMIN,
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await t.ok('auth.session', {})).toMatchObject({ user: null });

    await t.ok('station.setup', { station: TEST_STATION, admin: TEST_ADMIN });
    const intruder = memoryBinding();
    const again = await t.call(
      'station.setup',
      { station: TEST_STATION, admin: { ...TEST_ADMIN, username: 'other' } },
      intruder,
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });
    expect(await t.ok('auth.session', {}, intruder)).toMatchObject({ user: null });
    // The first window's session is untouched.
    expect(await t.ok('auth.session', {})).toMatchObject({ user: { username: 'quantri' } });
  });
});
