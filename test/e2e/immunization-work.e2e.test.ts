/**
 * Immunisation that drives work (issue 14), in the real UI at the station's 1366×768: the
 * administrator switches rotavirus on in the vaccine catalogue, a child's schedule then holds it,
 * and the village's due list for a session day shows it, is exported to Excel and laid out for print.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, adminCall, setUpStation, signIn } from '../helpers/station.ts';
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from '../helpers/browser.ts';
import { personInput } from '../helpers/persons.ts';

let app: RunningApp;
let browser: Browser;
const call = adminCall(() => app);
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
const vn = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
let child: { id: string };
let older: { id: string };

beforeAll(async () => {
  app = await startApp();
  await setUpStation(call);
  // Ten weeks old, birth doses given: the 2-month doses are due (rotavirus too, once switched on).
  child = await call('persons.create', {
    person: personInput({
      fullName: 'Đỗ Gia Bảo',
      sex: 'M',
      birthDate: day(-70),
      currentAddress: { village: 'Thôn Đông', provinceCode: '38', communeCode: '16279', text: 'Thôn Đông' },
      mother: { name: 'Đỗ Thị Hạnh', phone: '0912000111' },
    }),
  });
  await call('immunizations.record', {
    personId: child.id,
    doses: [
      { vaccineCode: 'VGB-SS', givenOn: day(-70) },
      { vaccineCode: 'BCG', givenOn: day(-69) },
    ],
  });
  // Five years and nine months old, nothing on record (a record started from a paper book).
  older = await call('persons.create', {
    person: personInput({
      fullName: 'Vũ Minh Khang',
      sex: 'M',
      birthDate: day(-(5 * 365 + 270)),
      currentAddress: { village: 'Thôn Tây', provinceCode: '38', communeCode: '16279', text: 'Thôn Tây' },
      mother: { name: 'Vũ Thị Lành', phone: '0912000222' },
    }),
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('immunisation that drives work', () => {
  it('rotavirus switched on in the catalogue appears in a child’s schedule and the village due list, exported and printable', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await page.evaluate(`location.hash = '#/admin'`);
    await signIn(page, ADMIN);
    await page.getByRole('tab', { name: 'Danh mục vắc xin' }).click();
    const rota = page.getByTestId('vaccine-ROTA');
    await expect
      .poll(() => rota.textContent())
      .toContain('cách Tiêu chảy do Rota virus (uống) liều 1 ≥ 28 ngày');
    await rota.getByRole('checkbox', { name: 'Bật Tiêu chảy do Rota virus (uống)' }).check();
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toContainEqual(expect.stringContaining('Đã bật Tiêu chảy do Rota virus (uống)'));
    await rota.scrollIntoViewIfNeeded();
    await screenshot(page, '90-immunization-catalogue-rota-on');

    // The child's record: rotavirus dose 1 is due at 2 months, dose 2 not yet.
    await page.evaluate(`location.hash = '#/residents/person/${child.id}'`);
    await expect.poll(() => page.getByTestId('start-exam').isVisible()).toBe(true);
    await page.keyboard.press('c');
    const schedule = page.getByTestId('schedule');
    const rota1 = schedule.getByRole('row').filter({ hasText: 'Rota virus (uống) liều 1' });
    await expect.poll(() => rota1.textContent()).toMatch(/Đến hạn|Quá hạn/);
    await rota1.scrollIntoViewIfNeeded();
    await screenshot(page, '91-immunization-child-schedule-rota');

    // The due list: session in a week, Thôn Đông.
    await page.evaluate(`location.hash = '#/today/immunization'`);
    await page.getByTestId('due-session-date').fill(vn(day(7)));
    await page.getByTestId('due-show').click();
    await page.getByTestId('due-village').selectOption('Thôn Đông');
    const row = page.getByTestId('due-row').filter({ hasText: 'Đỗ Gia Bảo' });
    await expect.poll(() => row.textContent()).toContain('Tiêu chảy do Rota virus (uống) liều 1');
    expect(await row.textContent()).toContain('Đỗ Thị Hạnh (mẹ)');
    expect(await page.getByTestId('due-total').textContent()).toContain('1 người cần mời tiêm');
    await page.getByTestId('due-place').fill('Nhà văn hóa thôn Đông');
    await screenshot(page, '92-immunization-due-list-village');

    const download = page.waitForEvent('download');
    await page.getByTestId('due-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`moi-tiem-${day(7)}-thon-dong.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await file.path()) as string) as unknown as ArrayBuffer);
    const cells = (wb.worksheets[0].getRow(2).values as unknown[]).slice(1).map(String);
    expect(cells).toEqual(
      expect.arrayContaining([
        'Đỗ Gia Bảo',
        vn(day(-70)),
        'Đỗ Thị Hạnh (mẹ)',
        'Thôn Đông',
        vn(day(7)),
        'Nhà văn hóa thôn Đông',
      ]),
    );
    expect(cells.find((c) => c.includes('Rota'))).toBeTruthy();

    // On paper: the list alone under the session's day and place.
    await page.emulateMedia({ media: 'print' });
    await expect
      .poll(() => page.getByText(`Buổi tiêm chủng ngày ${vn(day(7))} tại Nhà văn hóa thôn Đông`).isVisible())
      .toBe(true);
    expect(await page.getByTestId('due-show').isVisible()).toBe(false);
    await screenshot(page, '93-immunization-invitation-print');
    await page.emulateMedia({ media: 'screen' });
    expect(problems).toEqual([]);
  });

  it('a child of five with nothing on record: the infant 5-in-1 is past its age, polio still invited', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await page.evaluate(`location.hash = '#/residents/person/${older.id}'`);
    await signIn(page, ADMIN);
    await expect.poll(() => page.getByTestId('start-exam').isVisible()).toBe(true);
    await page.keyboard.press('c');
    const schedule = page.getByTestId('schedule');
    const fiveInOne = schedule.getByRole('row').filter({ hasText: '(5 trong 1) mũi 1' });
    await expect.poll(() => fiveInOne.textContent()).toContain('Quá tuổi tiêm');
    const polio = schedule.getByRole('row').filter({ hasText: 'Bại liệt uống (bOPV) mũi 1' });
    expect(await polio.textContent()).toMatch(/Đến hạn|Quá hạn/);
    await fiveInOne.scrollIntoViewIfNeeded();
    await screenshot(page, '93b-immunization-older-child-too-late');

    await page.evaluate(`location.hash = '#/today/immunization'`);
    await page.getByTestId('due-session-date').fill(vn(day(7)));
    await page.getByTestId('due-show').click();
    await page.getByTestId('due-village').selectOption('Thôn Tây');
    const row = page.getByTestId('due-row').filter({ hasText: 'Vũ Minh Khang' });
    await expect.poll(() => row.textContent()).toContain('Bại liệt uống (bOPV) mũi 1');
    expect(await row.textContent()).not.toContain('5 trong 1');
    expect(problems).toEqual([]);
  });
});
