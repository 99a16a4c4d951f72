/**
 * The clerk imports the commune's population list in the real UI: choose the file, check the
 * columns, look at the dry run, import — with progress, a summary and nothing written before the end.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largeCsv } from '../fixtures/import/workbooks.ts';
import { memoryBinding } from '../helpers/core.ts';
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from '../helpers/browser.ts';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  const r = await app.core.call(memoryBinding(), 'station.setup', {
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

describe('importing a population list, as the clerk does it', () => {
  it('chooses the file, checks the columns, dry-runs and imports 2,000 residents', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await page.getByLabel('Tên đăng nhập').fill('vanthu');
    await page.getByLabel('Mật khẩu').fill('van-thu-123');
    await page.getByLabel('Mật khẩu').press('Enter');
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('Phạm Đức Thắng');
    await page.keyboard.press('Alt+2');
    await page.getByRole('button', { name: /Nhập danh sách/ }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Nhập danh sách dân cư' }).isVisible())
      .toBe(true);
    await screenshot(page, '40-import-choose');

    const bytes = largeCsv(2000);
    // The list has a row with a birth date that does not exist, to be reported rather than imported wrongly.
    const withBadRow = Buffer.concat([
      bytes,
      Buffer.from('2001,Trần Văn Lỗi,35/13/1970,Nam,,,Kinh,Thôn 1,HGD999999,Chủ hộ\r\n'),
    ]);
    await page
      .locator('#import-file')
      .setInputFiles({ name: 'danh-sach-thon.csv', mimeType: 'text/csv', buffer: withBadRow });
    await expect.poll(() => page.getByTestId('column-mapper').isVisible()).toBe(true);
    // The columns were recognised from their headings.
    expect(await page.getByLabel('Thông tin cột B').inputValue()).toBe('fullName');
    expect(await page.getByLabel('Thông tin cột E').inputValue()).toBe('cccd');
    await screenshot(page, '41-import-columns');

    // Enter runs the check; nothing is written yet.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('dry-run-rows').isVisible()).toBe(true);
    expect(await page.locator('[data-verdict=new] b').textContent()).toBe('2.000');
    expect(await page.locator('[data-verdict=error] b').textContent()).toBe('1');
    expect(await page.getByTestId('dry-run-rows').textContent()).toContain('Trần Văn Lỗi');
    const total = () => app.core.ctx.store.raw.prepare('SELECT count(*) FROM persons').pluck().get();
    expect(total()).toBe(0);
    await screenshot(page, '42-import-dry-run');

    // The rejected row can be taken away as a workbook.
    const download = page.waitForEvent('download');
    await page.getByTestId('error-report').click();
    expect((await download).suggestedFilename()).toMatch(/dong loi\.xlsx$/);

    await page.getByPlaceholder(/Danh sách CSDL/).fill('Danh sách thôn');
    // The import button has focus: Enter imports.
    await page.getByTestId('commit').focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('import-done').textContent(), { timeout: 30_000 })
      .toContain('2.000 người mới');
    await screenshot(page, '43-import-done');
    expect(total()).toBe(2000);
    expect(app.core.ctx.store.raw.prepare(`SELECT name FROM import_templates`).pluck().all()).toEqual([
      'Danh sách thôn',
    ]);
    await page.getByRole('button', { name: 'Xem danh sách dân cư' }).click();
    await expect.poll(() => page.getByText('2.000 người').first().isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });
});
