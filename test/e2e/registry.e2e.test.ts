import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryBinding } from '../helpers/core.ts';
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from '../helpers/browser.ts';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  const b = memoryBinding();
  const r = await app.core.call(b, 'station.setup', {
    station: { code: '38279', name: 'Trạm Y tế Xã Nông Cống', provinceCode: '38', communeCode: '16279' },
    admin: { username: 'vanthu', fullName: 'Phạm Đức Thắng', password: 'van-thu-123' },
  });
  expect(r.ok).toBe(true);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The form puts the cursor in the name field as it opens; typing before that would lose letters. */
const nameFocused = (page: Page): Promise<boolean> => page.getByLabel(/^Họ và tên/).evaluate((el) => el === el.ownerDocument.activeElement);

async function signIn(page: Page): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill('vanthu');
  await page.getByLabel('Mật khẩu').fill('van-thu-123');
  await page.getByLabel('Mật khẩu').press('Enter');
  await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('Phạm Đức Thắng');
}

describe('the resident registry, as the clerk uses it', () => {
  it('registers a resident from the keyboard, finds her by a diacritic-free search, and edits her', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await signIn(page);

    // Ctrl+N opens registration; the name field has focus.
    await page.keyboard.press('Control+n');
    await expect.poll(() => page.getByRole('heading', { name: 'Đăng ký người dân' }).isVisible()).toBe(true);
    await expect.poll(() => nameFocused(page)).toBe(true);
    await page.keyboard.type('Đặng Thị Hường');
    await page.getByLabel(/^Giới tính/).selectOption('F');
    await page.getByLabel(/^Ngày sinh/).fill('07/03/1958');
    await page.getByLabel('Số CCCD / định danh cá nhân').fill('038158004321');
    await page.getByLabel('Số thẻ BHYT').fill('3800112233');
    await page.locator('#p-perm-province').fill('thanh hoa');
    await page.getByRole('option', { name: 'Tỉnh Thanh Hoá' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('#p-perm-commune').fill('nong cong');
    await page.getByRole('option', { name: 'Xã Nông Cống' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('#p-perm-village').fill('Thôn Đông');
    await page.getByLabel('Điện thoại di động').fill('0912 345 678');
    await screenshot(page, '10-register-form');
    // Enter saves.
    await page.getByLabel('Điện thoại di động').press('Enter');
    await expect.poll(() => page.getByTestId('person-header').textContent()).toContain('Đặng Thị Hường');
    // The record opens on part D (exams); part A holds the administrative details just typed.
    await page.getByRole('tab', { name: 'A. Hành chính' }).click();
    await expect.poll(() => page.getByText('Thôn Đông, Xã Nông Cống, Tỉnh Thanh Hoá').first().isVisible()).toBe(true);
    await screenshot(page, '11-person-view');

    // F2, typed without diacritics, in a different order: found; Enter opens the record.
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('F2');
    await page.keyboard.type('huong dang 1958');
    await expect.poll(() => page.getByRole('option', { name: /Đặng Thị Hường/ }).count()).toBe(1);
    await screenshot(page, '12-search');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('person-header').textContent()).toContain('038158004321');

    // E edits; the change is saved and shown.
    await page.keyboard.press('e');
    await expect.poll(() => page.getByRole('heading', { name: 'Sửa thông tin hành chính' }).isVisible()).toBe(true);
    await page.getByLabel('Nghề nghiệp').fill('Nông dân');
    await page.getByLabel('Nghề nghiệp').press('Enter');
    await expect.poll(() => page.getByText('Nông dân').isVisible()).toBe(true);
    const stored = await app.core.ctx.store.raw.prepare(`SELECT occupation, phone_mobile, version FROM persons WHERE full_name = 'Đặng Thị Hường'`).get();
    expect(stored).toEqual({ occupation: 'Nông dân', phone_mobile: '0912345678', version: 2 });
    expect(problems).toEqual([]);
  });

  it('blocks a second registration with the same CCCD and offers the existing record', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await signIn(page);
    await page.keyboard.press('Control+n');
    await expect.poll(() => nameFocused(page)).toBe(true);
    await page.keyboard.type('Đặng Hường');
    await page.getByLabel(/^Giới tính/).selectOption('F');
    await page.getByLabel(/^Ngày sinh/).fill('1958');
    await page.getByLabel('Số CCCD / định danh cá nhân').fill('038 158 004 321');
    await page.getByLabel('Số CCCD / định danh cá nhân').press('Enter');
    await expect.poll(() => page.getByTestId('duplicates').textContent()).toContain('Đặng Thị Hường');
    await screenshot(page, '13-duplicate-blocked');
    await page.getByRole('button', { name: 'Mở hồ sơ này' }).click();
    await expect.poll(() => page.getByTestId('person-header').textContent()).toContain('Đặng Thị Hường');
    expect(problems).toEqual([]);
  });

  it('lists residents with filters', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await signIn(page);
    await page.keyboard.press('Alt+2');
    await expect.poll(() => page.getByTestId('resident-count').textContent()).toBe('1 người');
    await page.getByLabel('Giới tính').selectOption('M');
    await expect.poll(() => page.getByTestId('resident-count').textContent()).toBe('0 người');
    await screenshot(page, '14-residents-filtered');
    expect(problems).toEqual([]);
  });
});
