import type { Browser, Page } from 'playwright-core';
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

/** The messages shown under the wizard's fields, in page order. */
const fieldErrors = (page: Page): Promise<string[]> =>
  page.locator('.wizard .field .error').allTextContents();

describe('a station opens the app for the first time', () => {
  it('sets up the station, checking each step as it is left, and signs the new administrator in', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await page.setViewportSize({ width: 1366, height: 768 });
    // The token has been swapped for a cookie and is gone from the address bar.
    expect(page.url()).toBe(`${app.server.origin}/`);

    await expect
      .poll(() => page.getByRole('heading', { name: 'Thiết lập trạm lần đầu' }).isVisible())
      .toBe(true);
    await screenshot(page, '01-setup-wizard');

    // Step 1 left empty: every missing field is named at once, and the cursor goes to the first.
    await page.getByLabel('Mã cơ sở khám chữa bệnh').press('Enter');
    await expect.poll(() => fieldErrors(page)).toHaveLength(4);
    expect((await fieldErrors(page)).join(' | ')).toMatch(/mã cơ sở.*tên trạm.*tỉnh.*xã/i);
    expect(
      await page
        .getByLabel('Mã cơ sở khám chữa bệnh')
        .evaluate((el) => el === el.ownerDocument.activeElement),
    ).toBe(true);
    await screenshot(page, '01-setup-missing');

    // A 4-digit code is refused here, not at the end; each message goes as soon as its field is right.
    await page.getByLabel('Mã cơ sở khám chữa bệnh').fill('3827');
    await page.getByLabel('Tỉnh / thành phố').fill('thanh hoa');
    await page.getByRole('option', { name: 'Tỉnh Thanh Hoá' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByLabel('Xã / phường / đặc khu').fill('nong cong');
    await page.getByRole('option', { name: 'Xã Nông Cống' }).waitFor();
    await page.keyboard.press('Enter');
    // The station name is prefilled from the commune.
    await expect.poll(() => page.getByLabel('Tên trạm').inputValue()).toBe('Trạm Y tế Xã Nông Cống');
    await expect
      .poll(() => fieldErrors(page))
      .toEqual([expect.stringMatching(/Mã cơ sở khám chữa bệnh.*5 ký tự/)]);
    await page.getByLabel('Tên trạm').press('Enter');
    await expect
      .poll(() => page.getByRole('listitem').filter({ hasText: 'Trạm y tế' }).getAttribute('aria-current'))
      .toBe('step');
    await screenshot(page, '02-setup-station-code');
    await page.getByLabel('Mã cơ sở khám chữa bệnh').fill('38279');
    await expect.poll(() => fieldErrors(page)).toEqual([]);
    await screenshot(page, '02-setup-station');
    await page.getByLabel('Tên trạm').press('Enter');

    // Step 2: a user name with a space and diacritics, a short password and a mismatch, all at once.
    await expect
      .poll(() => page.getByLabel('Họ và tên').evaluate((el) => el === el.ownerDocument.activeElement))
      .toBe(true);
    await page.keyboard.type('Lê Thị Đào');
    await page.getByLabel('Tên đăng nhập').fill('Lê Đào');
    await page.getByLabel(/^Mật khẩu/).fill('dao-123');
    await page.getByLabel('Nhập lại mật khẩu').fill('dao-12345');
    await page.getByLabel('Nhập lại mật khẩu').press('Enter');
    await expect.poll(() => fieldErrors(page)).toHaveLength(3);
    const [userError, passwordError, againError] = await fieldErrors(page);
    expect(userError).toMatch(/Tên đăng nhập.*không dấu/);
    expect(passwordError).toMatch(/Mật khẩu.*8 ký tự/);
    expect(againError).toMatch(/không khớp/);
    expect(
      await page.getByLabel('Tên đăng nhập').evaluate((el) => el === el.ownerDocument.activeElement),
    ).toBe(true);
    await screenshot(page, '03-setup-admin-errors');
    await page.getByLabel('Tên đăng nhập').fill('LeDao');
    await page.getByLabel(/^Mật khẩu/).fill('dao-12345');
    await expect.poll(() => fieldErrors(page)).toEqual([]);
    await page.getByLabel('Nhập lại mật khẩu').press('Enter');

    await expect.poll(() => page.getByText('Xã Nông Cống, Tỉnh Thanh Hoá').isVisible()).toBe(true);
    await expect.poll(() => page.locator('.summary').textContent()).toContain('ledao');
    await screenshot(page, '04-setup-confirm');
    // Enter on the last step finishes (even after a click on the summary took the cursor off the
    // button), and the administrator is in, without signing in again.
    await page.locator('.summary').click();
    await page.keyboard.press('Enter');

    // The recovery key, once, on a sheet to print: station, date, 11 groups of five, where to keep it.
    // The app opens only after "Tôi đã in hoặc ghi lại" is ticked (Space, Tab, Enter).
    const sheet = page.getByTestId('recovery-sheet');
    await sheet.waitFor();
    expect(await sheet.textContent()).toContain('Trạm Y tế Xã Nông Cống (38279)');
    expect(await sheet.textContent()).toContain('tủ có khóa');
    const groups = await page.getByTestId('recovery-key').locator('li').allTextContents();
    expect(groups).toHaveLength(11);
    for (const g of groups) expect(g).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}$/);
    const finish = page.getByRole('button', { name: /Hoàn tất/ });
    expect(await finish.isDisabled()).toBe(true);
    // The tick box has the cursor: Space ticks it, Tab goes to Hoàn tất.
    expect(await page.getByTestId('recovery-written').evaluate((el) => el === document.activeElement)).toBe(
      true,
    );
    await screenshot(page, '04-setup-recovery-sheet');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, '04-setup-recovery-sheet-print');
    await page.emulateMedia({ media: 'screen' });
    // Emulated print media hides the controls, which blurs the tick box (a real print does not).
    await page.getByTestId('recovery-written').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

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
      await page
        .getByRole('navigation')
        .getByRole('link', { name: new RegExp(label) })
        .click();
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
    // Another browser: the sign-in page, as on every later day.
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await expect.poll(() => page.getByRole('heading', { name: 'Đăng nhập' }).isVisible()).toBe(true);
    await page.getByLabel('Tên đăng nhập').fill('ledao');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByLabel('Mật khẩu').press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('không đúng');
    await page.getByLabel('Mật khẩu').fill('dao-12345');
    await screenshot(page, '04-login');
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
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'nguyên vẹn' }).isVisible())
      .toBe(true);
    await screenshot(page, '09-admin-audit');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();

    await page.getByLabel('Tên đăng nhập').fill('ducnv');
    await page.getByLabel('Mật khẩu').fill('duc-12345');
    await page.getByLabel('Mật khẩu').press('Enter');
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('Nguyễn Văn Đức');
    await expect(
      page
        .getByRole('navigation')
        .getByRole('link', { name: /Quản trị/ })
        .count(),
    ).resolves.toBe(0);
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
