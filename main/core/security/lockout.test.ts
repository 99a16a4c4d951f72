/**
 * The lock-out holds against guesses sent all at once, and every place that takes a password
 * (sign-in, unlock, change of password) counts toward it (issue 12, defects 1 and 2).
 */
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

const NURSE = { username: 'yta', fullName: 'Y Tá', role: 'clinician' as const, password: 'y-ta-12345' };

function failedLogins(): number {
  return t.core.ctx.store.raw
    .prepare('SELECT failed_logins FROM users WHERE username = ?')
    .pluck()
    .get(TEST_ADMIN.username) as number;
}

describe('the lock-out under parallel guesses', () => {
  it('300 wrong passwords sent at once lock the account: the right one is then refused', async () => {
    t = makeTestCore();
    await t.ok('station.setup', { station: TEST_STATION, admin: TEST_ADMIN });
    const burst = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        t.call('auth.login', { username: TEST_ADMIN.username, password: `wrong-${i}` }, memoryBinding()),
      ),
    );
    const codes = burst.map((r) => (r.ok ? 'OK' : r.error.code));
    // No more guesses were checked than one at a time would get; the rest met the lock.
    expect(codes.filter((c) => c === 'BAD_CREDENTIALS').length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED').length).toBeGreaterThanOrEqual(295);
    const right = await t.call('auth.login', {
      username: TEST_ADMIN.username,
      password: TEST_ADMIN.password,
    });
    expect(right).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
  });

  it('a right password among the first five still signs in, and clears the counter', async () => {
    t = makeTestCore();
    await t.ok('station.setup', { station: TEST_STATION, admin: TEST_ADMIN });
    for (let i = 0; i < 4; i++)
      await t.call('auth.login', { username: TEST_ADMIN.username, password: `wrong-${i}` });
    expect(failedLogins()).toBe(4);
    await t.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
    expect(failedLogins()).toBe(0);
  });

  it('unlocking the screen counts toward the lock-out, also in parallel', async () => {
    t = await makeSignedInCore();
    await t.ok('auth.lock', {});
    const burst = await Promise.all(
      Array.from({ length: 100 }, (_, i) => t.call('auth.unlock', { password: `wrong-${i}` })),
    );
    expect(burst.filter((r) => !r.ok && r.error.code === 'BAD_CREDENTIALS').length).toBeLessThanOrEqual(5);
    expect(await t.call('auth.unlock', { password: TEST_ADMIN.password })).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED' },
    });
    expect((await t.ok('auth.session', {})).locked).toBe(true);
  });

  it('unlocking one guess at a time: the sixth, right, password is refused', async () => {
    t = await makeSignedInCore();
    await t.ok('auth.lock', {});
    for (let i = 0; i < 5; i++) await t.call('auth.unlock', { password: `wrong-${i}` });
    expect(await t.call('auth.unlock', { password: TEST_ADMIN.password })).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED' },
    });
    // And signing in elsewhere is locked too: one counter.
    expect(
      await t.call(
        'auth.login',
        { username: TEST_ADMIN.username, password: TEST_ADMIN.password },
        memoryBinding(),
      ),
    ).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
  });

  it('changing the password counts the current-password guesses toward the lock-out', async () => {
    t = await makeSignedInCore();
    const burst = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.call('auth.changePassword', { currentPassword: `wrong-${i}`, newPassword: 'Moi-mat-khau-9' }),
      ),
    );
    expect(burst.filter((r) => !r.ok && r.error.code === 'BAD_CREDENTIALS').length).toBeLessThanOrEqual(5);
    expect(
      await t.call('auth.changePassword', {
        currentPassword: TEST_ADMIN.password,
        newPassword: 'Moi-mat-khau-9',
      }),
    ).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
  });
});

describe('a changed password ends the other sessions', () => {
  it('changing one’s own password signs out one’s other windows, not this one', async () => {
    t = await makeSignedInCore();
    const other = memoryBinding();
    await t.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password }, other);
    await t.ok('auth.changePassword', {
      currentPassword: TEST_ADMIN.password,
      newPassword: 'Moi-mat-khau-9',
    });
    expect(await t.ok('auth.session', {}, other)).toMatchObject({ user: null });
    expect((await t.ok('auth.session', {})).user?.username).toBe(TEST_ADMIN.username);
  });

  it('an administrator resetting a password signs that user out', async () => {
    t = await makeSignedInCore();
    const created = await t.ok('users.create', NURSE);
    const nurse = memoryBinding();
    await t.ok('auth.login', { username: NURSE.username, password: NURSE.password }, nurse);
    await t.ok('users.update', { id: created.id, newPassword: 'Dat-lai-mat-khau-7' });
    expect(await t.ok('auth.session', {}, nurse)).toMatchObject({ user: null });
  });
});

describe('a deactivated account', () => {
  it('answers BAD_CREDENTIALS to its right password as to a wrong one (no oracle)', async () => {
    t = await makeSignedInCore();
    const created = await t.ok('users.create', NURSE);
    await t.ok('users.update', { id: created.id, active: false });
    const right = await t.call(
      'auth.login',
      { username: NURSE.username, password: NURSE.password },
      memoryBinding(),
    );
    const wrong = await t.call(
      'auth.login',
      { username: NURSE.username, password: 'wrong-pass' },
      memoryBinding(),
    );
    expect(right).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(wrong).toEqual(right);
  });
});
