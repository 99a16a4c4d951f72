/**
 * The station most end-to-end tests start from: Trạm Y tế Xã Nông Cống with its administrator
 * signed in on the test's side, and a nurse who signs in in the browser.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { OperationInput, OperationName, OperationOutput } from '#contract/operations.ts';
import type { RunningApp } from './browser.ts';
import { memoryBinding } from './core.ts';

export const STATION = {
  code: '38279',
  name: 'Trạm Y tế Xã Nông Cống',
  provinceCode: '38',
  communeCode: '16279',
};
export const ADMIN = { username: 'quantri', fullName: 'Lê Văn Quản', password: 'quan-tri-123' };
export const NURSE = { username: 'dieuduong', fullName: 'Nguyễn Thị Lan', password: 'dieu-duong-1' };
/** A current address in the station's commune. */
export const PLACE = {
  village: 'Thôn Đông',
  provinceCode: '38',
  communeCode: '16279',
  text: 'Thôn Đông, Xã Nông Cống, Tỉnh Thanh Hoá',
};

export type Call = <N extends OperationName>(
  name: N,
  input: OperationInput<N>,
) => Promise<OperationOutput<N>>;

/** Calls operations on the app's core as its administrator (the test's own window); a refusal throws. */
export function adminCall(app: () => RunningApp): Call {
  const binding = memoryBinding();
  return async (name, input) => {
    const r = await app().core.call(binding, name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as never;
  };
}

/** Sets the station up, signs its administrator in, and creates the nurse's account. */
export async function setUpStation(call: Call): Promise<void> {
  await call('station.setup', { station: STATION, admin: ADMIN });
  await call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  await call('users.create', { ...NURSE, role: 'clinician' });
}

/** Signs in on the sign-in page and waits for the shell to show who is signed in. */
export async function signIn(
  page: Page,
  who: { username: string; fullName: string; password: string } = NURSE,
): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(who.username);
  await page.getByLabel('Mật khẩu').fill(who.password);
  await page.getByLabel('Mật khẩu').press('Enter');
  await expect.poll(() => page.getByTestId('current-user').textContent()).toContain(who.fullName);
}
