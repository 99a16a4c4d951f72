import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from '../helpers/browser.ts';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('a station opens the app for the first time', () => {
  it('sets up the station, signs in, and every section opens', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    // The token has been swapped for a cookie and is gone from the address bar.
    expect(page.url()).toBe(`${app.server.origin}/`);

    await expect.poll(() => page.getByRole('heading', { name: 'Thiết lập trạm lần đầu' }).isVisible()).toBe(true);
    await screenshot(page, '01-setup-wizard');

    // Step 1, keyboard only: type, pick from the filtered lists with Enter, Enter to go on.
    await page.getByLabel('Mã cơ sở khám chữa bệnh').fill('38279');
    await page.getByLabel('Tỉnh / thành phố').fill('thanh hoa');
    await page.keyboard.press('Enter');
    await page.getByLabel('Xã / phường / đặc khu').fill('nong cong');
    await page.keyboard.press('Enter');
    // The station name is prefilled from the commune.
    await expect.poll(() => page.getByLabel('Tên trạm').inputValue()).toBe('Trạm Y tế Xã Nông Cống');
    await screenshot(page, '02-setup-station');
    await page.getByLabel('Tên trạm').press('Enter');

    await page.getByLabel('Họ và tên').fill('Lê Thị Đào');
    await page.getByLabel('Tên đăng nhập').fill('LeDao');
    await page.getByLabel(/^Mật khẩu/).fill('dao-12345');
    await page.getByLabel('Nhập lại mật khẩu').fill('dao-12345');
    await page.getByLabel('Nhập lại mật khẩu').press('Enter');
    await expect.poll(() => page.getByText('Xã Nông Cống, Tỉnh Thanh Hoá').isVisible()).toBe(true);
    await screenshot(page, '03-setup-confirm');
    await page.getByRole('button', { name: /Hoàn tất thiết lập/ }).click();

    await expect.poll(() => page.getByRole('heading', { name: 'Đăng nhập' }).isVisible()).toBe(true);
    await page.getByLabel('Tên đăng nhập').fill('ledao');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByLabel('Mật khẩu').press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('không đúng');
    await page.getByLabel('Mật khẩu').fill('dao-12345');
    await screenshot(page, '04-login');
    await page.getByLabel('Mật khẩu').press('Enter');

    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('Lê Thị Đào');
    await expect.poll(() => page.getByTestId('status-db').textContent()).toContain('đã mã hóa');
    await screenshot(page, '05-today');

    const sections = [
      ['Dân cư', 'residents'],
      ['In ấn', 'printing'],
      ['Đồng bộ', 'sync'],
      ['Báo cáo', 'reports'],
      ['Thiết bị', 'devices'],
      ['Quản trị', 'admin'],
      ['Hôm nay', 'today'],
    ] as const;
    for (const [label, id] of sections) {
      await page.getByRole('navigation').getByRole('link', { name: new RegExp(label) }).click();
      await expect.poll(() => page.locator('main').getAttribute('data-section')).toBe(id);
      await expect.poll(() => page.locator('main h1').first().textContent()).toBeTruthy();
      await screenshot(page, `06-section-${id}`);
    }

    // Alt+2 is the keyboard way to Dân cư.
    await page.keyboard.press('Alt+2');
    await expect.poll(() => page.locator('main').getAttribute('data-section')).toBe('residents');

    // Ctrl+L locks; the record area is hidden until the password is typed again.
    await page.keyboard.press('Control+l');
    await expect.poll(() => page.getByRole('heading', { name: 'Màn hình đã khóa' }).isVisible()).toBe(true);
    await screenshot(page, '07-locked');
    await page.getByLabel('Mật khẩu').fill('dao-12345');
    await page.getByLabel('Mật khẩu').press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Màn hình đã khóa' }).count()).toBe(0);

    expect(problems).toEqual([]);
  });

  it('lets the administrator add a clinician, who then sees no Quản trị section', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await page.getByLabel('Tên đăng nhập').fill('ledao');
    await page.getByLabel('Mật khẩu').fill('dao-12345');
    await page.getByLabel('Mật khẩu').press('Enter');
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('Lê Thị Đào');
    await page.keyboard.press('Alt+7');
    await page.getByRole('tab', { name: 'Tài khoản' }).click();
    await page.getByRole('button', { name: 'Thêm tài khoản' }).click();
    await page.getByLabel('Họ và tên').fill('Nguyễn Văn Đức');
    await page.getByLabel('Tên đăng nhập').fill('ducnv');
    await page.getByLabel(/^Vai trò\*/).selectOption('clinician');
    await page.getByLabel('Mật khẩu').fill('duc-12345');
    await page.getByLabel('Mật khẩu').press('Enter');
    await expect.poll(() => page.getByRole('cell', { name: 'ducnv' }).isVisible()).toBe(true);
    await screenshot(page, '08-admin-users');
    await page.getByRole('tab', { name: 'Nhật ký truy cập' }).click();
    await page.getByRole('button', { name: 'Kiểm tra tính toàn vẹn' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'nguyên vẹn' }).isVisible()).toBe(true);
    await screenshot(page, '09-admin-audit');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await page.getByLabel('Tên đăng nhập').fill('ducnv');
    await page.getByLabel('Mật khẩu').fill('duc-12345');
    await page.getByLabel('Mật khẩu').press('Enter');
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('Nguyễn Văn Đức');
    await expect(page.getByRole('navigation').getByRole('link', { name: /Quản trị/ }).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });

  it('refuses every request that does not carry the launch token', async () => {
    for (const path of ['/', '/assets/', '/__hssk/bridge.js']) {
      const r = await fetch(`${app.server.origin}${path}`);
      expect(r.status).toBe(401);
    }
    const call = await fetch(`${app.server.origin}/api/call/system.status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(call.status).toBe(401);
    const wrong = await fetch(`${app.server.origin}/?token=not-the-token`, { redirect: 'manual' });
    expect(wrong.status).toBe(401);
  });
});
