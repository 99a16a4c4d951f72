/** Weak passwords are refused with a Vietnamese hint (issue 12, defect 11). */
import { afterEach, describe, expect, it } from 'vitest';
import {
  makeSignedInCore,
  makeTestCore,
  TEST_ADMIN,
  TEST_STATION,
  type TestCore,
} from '../../test/helpers/core.ts';
import { isStrongEnoughPassword, WEAK_PASSWORD_HINT } from './password-strength.ts';

let t: TestCore | undefined;
afterEach(() => t?.close());

const WEAK = [
  '12345678',
  'password',
  '        ',
  'aaaaaaaa',
  '98765432',
  'Password',
  'MatKhau123',
  'Mật khẩu',
  'qwertyuiop',
];

describe('password strength', () => {
  it('refuses the passwords everybody tries first', () => {
    for (const p of WEAK) expect([p, isStrongEnoughPassword(p)]).toEqual([p, false]);
    for (const p of ['mat-khau-123', 'lua-chin-vang-2026', 'y-ta-12345', 'Tram Y te Ba Dinh'])
      expect([p, isStrongEnoughPassword(p)]).toEqual([p, true]);
  });

  it('first-run setup, a new account and a change of password all refuse one, with the hint', async () => {
    t = makeTestCore();
    const setup = await t.call('station.setup', {
      station: TEST_STATION,
      admin: { ...TEST_ADMIN, password: '12345678' },
    });
    expect(setup).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining(WEAK_PASSWORD_HINT.slice(1)) },
    });
    t.close();
    t = await makeSignedInCore();
    for (const password of ['password', '        ']) {
      const created = await t.call('users.create', {
        username: 'yta',
        fullName: 'Y Tá',
        role: 'clinician',
        password,
      });
      expect(created).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    const changed = await t.call('auth.changePassword', {
      currentPassword: TEST_ADMIN.password,
      newPassword: '11111111',
    });
    expect(changed).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining(WEAK_PASSWORD_HINT.slice(1)) },
    });
  });
});
