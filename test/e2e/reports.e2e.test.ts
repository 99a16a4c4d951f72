/**
 * Reports (issue 13) in the real UI at the station's 1366×768: the dashboard for this year, a
 * figure clicked to the residents it counts, the list exported to Excel, printed (Ctrl+P: the
 * whole list as a PDF job, through the print dialog to a private CUPS queue where this machine can
 * run one), and a resident opened from the list.
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, adminCall, setUpStation, signIn } from '../helpers/station.ts';
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from '../helpers/browser.ts';
import { personInput } from '../helpers/persons.ts';
import {
  startCupsPdf,
  waitForPrintedPdf,
  type CupsPdf,
} from '../../main/core/forms/printers/cups-testkit.ts';

let app: RunningApp;
let browser: Browser;
const call = adminCall(() => app);
const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
const place = (village: string) => ({ village, provinceCode: '38', communeCode: '16279', text: village });
let cups: CupsPdf | { skip: string };
let cupsDir = '';

beforeAll(async () => {
  // Its own folder straight under /tmp: the spooler's filters run as `lp` and must reach it.
  cupsDir = mkdtempSync(join(tmpdir(), 'hssk-reports-e2e-cups-'));
  cups = await startCupsPdf(cupsDir);
  if ('skip' in cups) console.log(`${cups.skip}: the list print test stops at the print dialog`);
  else process.env.HSSK_CUPS_SERVER = cups.server;
  app = await startApp();
  await setUpStation(call);
  // Two residents never examined (Thôn Đông), one examined today with hypertension (Thôn Tây).
  await call('persons.create', {
    person: personInput({
      fullName: 'Lê Thị Hồng',
      sex: 'F',
      birthDate: '1958-03-02',
      currentAddress: place('Thôn Đông'),
    }),
  });
  await call('persons.create', {
    person: personInput({
      fullName: 'Trịnh Văn Khải',
      sex: 'M',
      birthDate: '1991-11-20',
      currentAddress: place('Thôn Đông'),
    }),
    confirmSimilar: true,
  });
  const seen = await call('persons.create', {
    person: personInput({
      fullName: 'Phan Văn Lộc',
      sex: 'M',
      birthDate: '1966-06-06',
      currentAddress: place('Thôn Tây'),
    }),
    confirmSimilar: true,
  });
  const d = await call('visits.start', { personId: seen.id });
  await call('visits.sign', {
    id: d.id,
    version: d.version,
    visit: {
      visitOn: today,
      vitals: { systolic: 150, diastolic: 92 },
      diagnoses: [{ code: 'I10', name: 'Tăng huyết áp', main: true }],
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (cups && !('skip' in cups)) cups.stop();
  delete process.env.HSSK_CUPS_SERVER;
  if (cupsDir) rmSync(cupsDir, { recursive: true, force: true });
});

describe('the reports dashboard', () => {
  it('shows the figures, opens the list behind one, exports it and opens a resident from it', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await page.evaluate(`location.hash = '#/reports'`);
    await signIn(page, ADMIN);
    // 1 of 3 residents has something of parts B–D; no official population: the registry divides.
    await expect.poll(() => page.getByTestId('coverage-rate').textContent()).toBe('33,3 %');
    expect(await page.getByTestId('coverage-denominator').textContent()).toContain(
      'chưa nhập dân số chính thức',
    );
    expect(await page.getByTestId('upstream-none').textContent()).toContain('chưa có');
    expect(await page.getByTestId('figure-ncd-managed-hypertension').textContent()).toContain('1');
    await expect.poll(() => page.getByTestId('chart-villages').locator('canvas').count()).toBeGreaterThan(0);
    await screenshot(page, '95-reports-dashboard');
    await page.getByTestId('figure-deceased').scrollIntoViewIfNeeded();
    await screenshot(page, '95b-reports-dashboard-figures');

    await page.getByTestId('figure-not-examined').click();
    await expect
      .poll(() => page.getByTestId('list-title').textContent())
      .toBe('Người dân chưa khám hoặc quá 12 tháng chưa khám');
    const rows = page.getByTestId('list-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('Lê Thị Hồng');
    expect(await rows.first().textContent()).toContain('Chưa khám lần nào');
    await screenshot(page, '96-reports-worklist');

    const download = page.waitForEvent('download');
    await page.getByTestId('list-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`not-examined-${today}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await file.path()) as string) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(3);
    expect([2, 3].map((n) => ws.getRow(n).getCell(2).value)).toEqual(['Lê Thị Hồng', 'Trịnh Văn Khải']);
    expect(ws.getRow(2).getCell(8).value).toBe('Chưa khám lần nào');

    // Ctrl+P: the whole list becomes a PDF print job, and the print dialog sends it (Enter prints).
    await page.keyboard.press('Control+p');
    const dialog = page.getByTestId('print-dialog');
    await expect.poll(() => dialog.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await dialog.textContent()).toContain('Người dân chưa khám hoặc quá 12 tháng chưa khám (2 người)');
    expect(await dialog.textContent()).toContain('2 người, 1 trang');
    await expect
      .poll(() => page.evaluate<string | null>(`document.activeElement?.getAttribute('data-testid') ?? null`))
      .toBe('print-go');
    await screenshot(page, '96b-reports-worklist-print');
    if (!('skip' in cups)) {
      const c = cups;
      await expect.poll(() => page.getByTestId('printer-select').inputValue()).toBe(c.queue);
      await page.keyboard.press('Enter');
      await expect.poll(() => dialog.isVisible(), { timeout: 20_000 }).toBe(false);
      const printed = await waitForPrintedPdf(c.server, c.outDir);
      expect(execFileSync('pdfinfo', [printed], { encoding: 'utf8' })).toMatch(/^Pages:\s+1$/m);
    } else {
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.isVisible()).toBe(false);
    }

    await rows.first().getByTestId('list-open').click();
    await expect.poll(() => page.evaluate('location.hash')).toMatch(/^#\/residents\/person\//);
    expect(problems).toEqual([]);
  });
});
