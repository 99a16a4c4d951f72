/**
 * The clerk imports the commune's population list in the real UI: choose the file, check the
 * columns, look at the dry run, import — with progress, a summary and nothing written before the end.
 * A list with impossible values shows each one named, counts that match their lists, and imports
 * exactly what the dry run promised (issue 8).
 */
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
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
    expect((await download).suggestedFilename()).toMatch(/dong loi va luu y\.xlsx$/);

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

  it('a list with a future birth date, a CCCD that says the other sex and rows with notes: told, counted, and imported as promised', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page);
    await page.keyboard.press('Alt+2');
    await page.getByRole('button', { name: /Nhập danh sách/ }).click();
    const list = [
      'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Điện thoại,Dân tộc',
      'Đỗ Tương Lai,15/06/2030,Nam,038230001234,,Kinh', // born after today
      'Vũ Thị Sai Giới,01/01/1990,Nữ,038090001234,,Kinh', // the CCCD's 4th digit says Nam
      'Hà Văn Một,01/01/96,Nam,,,Kinh', // a two-digit year: a note
      'Hà Văn Hai,01/01/97,Nam,,12345,Kinh', // a note and a phone not stored: one row
      'Hà Thị Ba,01/01/1998,Nữ,,0912345678,Xyz', // an ethnicity not stored
      'Hà Thị Bốn,02/02/1988,Nữ,038188001111,0987654321,Kinh', // clean
    ];
    await page.locator('#import-file').setInputFiles({
      name: 'luu-y.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${list.join('\r\n')}\r\n`, 'utf8'),
    });
    await expect.poll(() => page.getByTestId('column-mapper').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('dry-run-rows').isVisible()).toBe(true);

    // The bar, the summary and the list buttons agree, and each list holds that many rows.
    const count = async (verdict: string) =>
      page.locator(`[data-verdict=${verdict}] b`).first().textContent();
    expect(await count('error')).toBe('2');
    expect(await count('new')).toBe('4');
    expect(await page.getByTestId('noted-summary').textContent()).toBe(
      '3 dòng có lưu ý, trong đó 2 dòng có giá trị không được lưu',
    );
    const chip = (view: string) => page.locator(`button[data-view=${view}] b`).textContent();
    expect([await chip('attention'), await chip('noted'), await chip('dropped')]).toEqual(['5', '3', '2']);
    const shownRows = () => page.locator('[data-testid=dry-run-rows] tbody tr');
    await expect.poll(() => shownRows().count()).toBe(5);

    // The errors name the field and the value.
    const row = (name: string) => page.locator('[data-testid=dry-run-rows] tbody tr', { hasText: name });
    expect(await row('Đỗ Tương Lai').getAttribute('data-verdict')).toBe('error');
    expect(await row('Đỗ Tương Lai').textContent()).toContain('Ngày sinh 15/06/2030 ở sau ngày hôm nay.');
    expect(await row('Vũ Thị Sai Giới').getAttribute('data-verdict')).toBe('error');
    expect(await row('Vũ Thị Sai Giới').textContent()).toContain(
      'Số CCCD 038090001234: chữ số giới tính/thế kỷ (chữ số thứ 4 là 0) ứng với Nam, không khớp với giới tính Nữ trên dòng.',
    );
    await screenshot(page, '44-import-verdicts');

    // "3 dòng có lưu ý" opens exactly three rows; the values not stored are named.
    await page.getByTestId('noted-summary').click();
    await expect.poll(() => shownRows().count()).toBe(3);
    expect(await page.getByTestId('dry-run-showing').textContent()).toBe('Dòng 1–3 trên 3');
    expect(await row('Hà Văn Hai').locator('[data-kind=dropped]').textContent()).toContain(
      'Số điện thoại «12345» không đúng',
    );
    expect(await row('Hà Văn Hai').textContent()).toContain('— không lưu số này.');
    expect(await row('Hà Thị Ba').locator('[data-kind=dropped]').textContent()).toContain(
      'Dân tộc «Xyz» không có trong danh mục 54 dân tộc — không lưu giá trị này.',
    );
    await screenshot(page, '45-import-noted');
    // The legend's "Lỗi" shows the two errors.
    await page.locator('[data-verdict=error] button').click();
    await expect.poll(() => shownRows().count()).toBe(2);

    // The report holds the same five rows with the same words.
    const download = page.waitForEvent('download');
    await page.getByTestId('error-report').click();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await (await download).path()) ?? '');
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const cells = (col: string) =>
      Array.from({ length: ws.rowCount - 1 }, (_, i) =>
        String(ws.getRow(i + 2).getCell(header.indexOf(col)).value),
      );
    expect(cells('Kết quả')).toEqual(['Lỗi, bỏ qua', 'Lỗi, bỏ qua', 'Mới', 'Mới', 'Mới']);
    expect(cells('Lỗi').join('\n')).toMatch(/«12345».*— không lưu số này\./);

    // Import: exactly what the dry run promised is in the registry.
    await page.getByTestId('commit').click();
    await expect.poll(() => page.getByTestId('import-done').textContent()).toContain('4 người mới');
    expect(await page.getByTestId('noted-done').textContent()).toBe(
      '3 dòng có lưu ý, trong đó 2 dòng có giá trị không được lưu.',
    );
    await screenshot(page, '46-import-noted-done');
    const db = app.core.ctx.store.raw;
    const stored = db
      .prepare(
        `SELECT full_name, sex, birth_date, phone_mobile, ethnicity_code,
           (SELECT group_concat(value) FROM person_identifiers i WHERE i.person_id = p.id) AS ids
         FROM persons p WHERE full_name LIKE 'Hà %' OR full_name IN ('Đỗ Tương Lai', 'Vũ Thị Sai Giới') ORDER BY birth_date`,
      )
      .all();
    expect(stored).toEqual([
      {
        full_name: 'Hà Thị Bốn',
        sex: 'F',
        birth_date: '1988-02-02',
        phone_mobile: '0987654321',
        ethnicity_code: '01',
        ids: '038188001111',
      },
      {
        full_name: 'Hà Văn Một',
        sex: 'M',
        birth_date: '1996-01-01',
        phone_mobile: '',
        ethnicity_code: '01',
        ids: null,
      },
      {
        full_name: 'Hà Văn Hai',
        sex: 'M',
        birth_date: '1997-01-01',
        phone_mobile: '',
        ethnicity_code: '01',
        ids: null,
      },
      {
        full_name: 'Hà Thị Ba',
        sex: 'F',
        birth_date: '1998-01-01',
        phone_mobile: '0912345678',
        ethnicity_code: '',
        ids: null,
      },
    ]);
    expect(
      db
        .prepare(`SELECT count(*) FROM person_identifiers WHERE value IN ('038230001234', '038090001234')`)
        .pluck()
        .get(),
    ).toBe(0);
    expect(problems).toEqual([]);
  });
});

async function signIn(page: Page): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill('vanthu');
  await page.getByLabel('Mật khẩu').fill('van-thu-123');
  await page.getByLabel('Mật khẩu').press('Enter');
  await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('Phạm Đức Thắng');
}
