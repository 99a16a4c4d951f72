/**
 * The clerk's printing work in the real UI (Chromium, loopback host, real core, database and PDF
 * renderer) at the station's 1366×768: find a resident, preview the 831 record (pdf.js drawing it
 * into a canvas under the app's strict CSP), print it, save it, and run a batch for a village with
 * its progress bar, then download the batch's PDF.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startCupsPdf,
  waitForPrintedPdf,
  type CupsPdf,
} from '../../main/core/forms/printers/cups-testkit.ts';
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from '../helpers/browser.ts';
import { personInput } from '../helpers/persons.ts';
import { adminCall, PLACE, setUpStation, signIn } from '../helpers/station.ts';

let app: RunningApp;
let browser: Browser;
const call = adminCall(() => app);
const CLERK = { username: 'vanthu', fullName: 'Phạm Thị Hoa', password: 'van-thu-1234' };
const VILLAGE = PLACE.village;
/** Residents of the village the batch prints: enough that the batch is a job with a visible run. */
const VILLAGERS = 12;
const FIRST = 'Đặng Thị Thu Hường';
const scratch = mkdtempSync(join(tmpdir(), 'hssk-forms-e2e-'));
/** A private CUPS spooler with a cups-pdf queue where this machine can run one (root, Debian packages). */
let cups: CupsPdf | { skip: string };
let cupsDir = '';
/** The record's page count in the preview: the printed file has as many. */
let recordPages = 0;
/** The first villager: the resident the clerk prints for. */
let firstId = '';

beforeAll(async () => {
  // Its own folder straight under /tmp: the spooler's filters run as `lp` and must reach it.
  cupsDir = mkdtempSync(join(tmpdir(), 'hssk-forms-e2e-cups-'));
  cups = await startCupsPdf(cupsDir);
  if ('skip' in cups) console.log(`${cups.skip}: the print test checks the "no printer" message instead`);
  // The core's CUPS driver reads this when it prints: the app prints to the private spooler.
  else process.env.HSSK_CUPS_SERVER = cups.server;
  app = await startApp();
  await setUpStation(call);
  await call('users.create', { ...CLERK, role: 'clerk' });
  for (let i = 0; i < VILLAGERS; i++) {
    const p = await call('persons.create', {
      person: personInput({
        fullName: i === 0 ? FIRST : `Nguyễn Văn Số ${i}`,
        sex: i === 0 ? 'F' : 'M',
        birthDate: `${1950 + i}-03-0${1 + (i % 9)}`,
        currentAddress: { ...PLACE },
      }),
    });
    if (i === 0) firstId = p.id;
    const draft = await call('visits.start', { personId: p.id });
    await call('visits.sign', {
      id: draft.id,
      version: draft.version,
      visit: {
        visitOn: '2026-03-02',
        reason: 'Khám sức khỏe định kỳ',
        vitals: { systolic: 128 + i, diastolic: 82, pulse: 76 },
      },
    });
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (cups && !('skip' in cups)) cups.stop();
  delete process.env.HSSK_CUPS_SERVER;
  if (cupsDir) rmSync(cupsDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

/** Signs in straight to a screen (the address is kept through the sign-in page). */
async function signInTo(page: Page, to: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(to)}`);
  await signIn(page, CLERK);
}

/** How many pixels of the preview's canvas are not white: a blank canvas has none. */
async function inkedPixels(page: Page): Promise<number> {
  // A string: this file is compiled without the DOM's types; the page runs it.
  return page.evaluate<number>(`(() => {
    const c = document.querySelector('[data-testid=preview-canvas]');
    const ctx = c && c.width ? c.getContext('2d') : null;
    if (!ctx) return 0;
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) n++;
    return n;
  })()`);
}

/** The text of a PDF, through poppler's pdftotext (what the clerk would read on paper). */
function pdfText(bytes: Buffer): string {
  const file = join(scratch, `t-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('printing, as the clerk does it', () => {
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    ({ page, problems } = await openPage(browser, app.server.launchUrl));
  });

  it('finds a resident and previews the record: pages drawn, paged and zoomed from the keyboard', async () => {
    await signInTo(page, '#/printing');
    await expect.poll(() => page.getByRole('heading', { name: 'In ấn' }).isVisible()).toBe(true);
    const search = page.getByRole('region', { name: 'In phiếu cho một người' }).getByRole('combobox');
    await search.fill('Thu Hường');
    await search.press('Enter');
    await expect.poll(() => page.getByTestId('print-person').textContent()).toContain(FIRST);

    // The record is the form chosen first; the preview follows the choice.
    await expect.poll(() => page.getByTestId('form-record').isChecked()).toBe(true);
    const pages = page.getByTestId('preview-pages');
    await expect.poll(() => pages.textContent(), { timeout: 20_000 }).toMatch(/^Trang 1\/\d+$/);
    const total = Number((await pages.textContent())?.split('/')[1]);
    recordPages = total;
    expect(total).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.getByTestId('preview-canvas').getAttribute('data-rendered-page')).toBe('1');
    expect(await inkedPixels(page)).toBeGreaterThan(5000);
    await screenshot(page, '5x-forms-preview');

    // PageDown turns the page, + zooms in, 0 fits the page back to the box.
    const box = page.getByTestId('preview-box');
    await box.focus();
    await page.keyboard.press('PageDown');
    await expect.poll(() => pages.textContent()).toBe(`Trang 2/${total}`);
    await expect.poll(() => page.getByTestId('preview-canvas').getAttribute('data-rendered-page')).toBe('2');
    expect(await inkedPixels(page)).toBeGreaterThan(1000);
    const fitted = await page.getByTestId('preview-zoom').textContent();
    await page.keyboard.press('+');
    await expect.poll(() => page.getByTestId('preview-zoom').textContent()).not.toBe(fitted);
    await page.keyboard.press('0');
    await expect.poll(() => page.getByTestId('preview-zoom').textContent()).toBe(fitted);
    await page.keyboard.press('PageUp');
    await expect.poll(() => pages.textContent()).toBe(`Trang 1/${total}`);
    expect(problems).toEqual([]);
  });

  it('saves the record as a PDF (a download in the browser) whose text is the resident', async () => {
    const download = page.waitForEvent('download');
    await page.keyboard.press('Control+s');
    const file = await (await download).path();
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfText(bytes).normalize('NFC')).toContain(FIRST);
  });

  it('prints: Ctrl+P opens the dialog; the job reaches the spooler, or says clearly why not and is kept', async () => {
    await page.keyboard.press('Control+p');
    const dialog = page.getByTestId('print-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // Enter prints: the print button has the focus.
    await expect
      .poll(() => page.evaluate<string | null>(`document.activeElement?.getAttribute('data-testid') ?? null`))
      .toBe('print-go');
    const error = page.getByTestId('print-error');
    const jobs = page.getByTestId('print-tab-jobs');
    const row = page.getByTestId('job-row').first();

    if ('skip' in cups) {
      await page.keyboard.press('Enter');
      // No printer on this machine: a Vietnamese reason, the dialog stays, the job is kept.
      await expect.poll(() => error.isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await error.textContent()).toMatch(/máy in|dịch vụ in/i);
      expect(await error.textContent()).toContain('thẻ "Lệnh in"');
      await screenshot(page, '5x-forms-no-printer');
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.isVisible()).toBe(false);
      await jobs.click();
      await expect.poll(() => row.textContent()).toContain('Hồ sơ quản lý sức khỏe cá nhân');
      expect(await row.textContent()).toContain('Lỗi');
      await expect.poll(() => row.getByTestId('job-print-again').isVisible()).toBe(true);
    } else {
      const c = cups;
      await expect.poll(() => page.getByTestId('printer-select').inputValue()).toBe(c.queue);
      await page.keyboard.press('Enter');
      await expect.poll(() => dialog.isVisible(), { timeout: 20_000 }).toBe(false);
      // The spooler printed it: cups-pdf's file has the record's pages.
      const printed = await waitForPrintedPdf(c.server, c.outDir);
      const info = execFileSync('pdfinfo', [printed], { encoding: 'utf8' });
      expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])).toBe(recordPages);

      // The printer goes offline: "In lại" from the job list says so, and the job stays.
      execFileSync('cupsdisable', ['-h', c.server, c.queue]);
      try {
        await jobs.click();
        await expect.poll(() => row.textContent()).toContain('Hồ sơ quản lý sức khỏe cá nhân');
        await row.getByTestId('job-print-again').click();
        await expect.poll(() => dialog.isVisible()).toBe(true);
        await page.getByTestId('print-go').click();
        await expect.poll(() => error.isVisible(), { timeout: 20_000 }).toBe(true);
        expect(await error.textContent()).toContain('đang tắt hoặc mất kết nối');
        expect(await error.textContent()).toContain('thẻ "Lệnh in"');
        await screenshot(page, '5x-forms-printer-offline');
        await page.keyboard.press('Escape');
        await expect.poll(() => dialog.isVisible()).toBe(false);
      } finally {
        execFileSync('cupsenable', ['-h', c.server, c.queue]);
      }
    }
    await screenshot(page, '5x-forms-jobs');
    expect(problems).toEqual([]);
  });

  it("the record's Ctrl+P offers its forms, the latest visit's Phiếu khám and Giấy hẹn among them", async () => {
    await page.getByTestId('print-tab-single').click();
    await page.evaluate(`location.hash = '#/residents'`);
    await page.keyboard.press('F2');
    await page.keyboard.type('Thu Hường');
    await page.keyboard.press('Enter');
    const button = page.getByTestId('record-print');
    await expect.poll(() => button.textContent()).toContain('Ctrl+P');
    await page.keyboard.press('Control+p');
    const dialog = page.getByTestId('print-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByRole('radio').count()).toBe(4);
    expect(await dialog.textContent()).toContain('Giấy hẹn');
    await screenshot(page, '5x-forms-record-print');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await page.evaluate(`location.hash = '#/printing'`);
    await expect.poll(() => page.getByTestId('print-tab-batch').isVisible()).toBe(true);
  });

  it('a signed visit prints its Phiếu khám or Giấy hẹn with Ctrl+P', async () => {
    const visitId = (await call('record.get', { personId: firstId })).visits[0].id;
    await page.evaluate(
      `location.hash = ${JSON.stringify(`#/residents/person/${firstId}/visit/${visitId}`)}`,
    );
    const button = page.getByTestId('visit-print');
    await expect.poll(() => button.textContent()).toContain('Ctrl+P');
    await page.keyboard.press('Control+p');
    const dialog = page.getByTestId('print-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByRole('radio').count()).toBe(2);
    expect(await dialog.getByRole('radio', { name: 'Phiếu khám sức khỏe' }).isChecked()).toBe(true);
    await screenshot(page, '5x-forms-visit-print');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await page.evaluate(`location.hash = '#/printing'`);
    await expect.poll(() => page.getByTestId('print-tab-batch').isVisible()).toBe(true);
  });

  it('runs a batch for a village with a progress bar that reaches the end, then downloads it', async () => {
    await page.getByTestId('print-tab-batch').click();
    await page.getByTestId('batch-village').check();
    const select = page.getByTestId('batch-village-select');
    await expect.poll(() => select.locator('option').count()).toBeGreaterThan(0);
    const option = select.locator('option', { hasText: VILLAGE });
    await select.selectOption((await option.first().getAttribute('value')) ?? VILLAGE);

    // Every value the progress bar shows, however briefly: the run is watched, not timed.
    await page.evaluate(`(() => {
      const seen = (window.progressSeen = []);
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid=batch-progress] [role=progressbar]');
        const v = Number(bar?.getAttribute('aria-valuenow') ?? NaN);
        if (bar && seen.at(-1) !== v) seen.push(v);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    })()`);
    await page.getByTestId('batch-start').click();
    // A look at the bar while it runs, if the run lasts long enough to catch it (the values are asserted below).
    await page
      .getByTestId('batch-progress')
      .waitFor({ timeout: 5000 })
      .then(() => screenshot(page, '5x-forms-batch-running'))
      .catch(() => undefined);
    const done = page.getByTestId('batch-done');
    await expect.poll(() => done.isVisible(), { timeout: 60_000 }).toBe(true);
    const seen = await page.evaluate<number[]>('window.progressSeen');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(100);
    expect(await done.textContent()).toContain(String(VILLAGERS));
    await screenshot(page, '5x-forms-batch');

    const download = page.waitForEvent('download');
    await page.getByTestId('batch-download').click();
    const bytes = readFileSync(await (await download).path());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(bytes).normalize('NFC');
    expect(text).toContain(FIRST);
    expect(text).toContain(`Nguyễn Văn Số ${VILLAGERS - 1}`);
    expect(problems).toEqual([]);
  });
});
