/**
 * Treatment in the exam and the A1 register (issues 13 point 3, 14 point 6), in the real UI at the
 * station's 1366×768: the nurse records a treatment, a medicine and a referral from the keyboard
 * (a referral without its reason is named before signing), signs, sees it in the record's visits,
 * and the register of the month shows the line with its treatment and referral.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCall, setUpStation, signIn } from '../helpers/station.ts';
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from '../helpers/browser.ts';
import { personInput } from '../helpers/persons.ts';

let app: RunningApp;
let browser: Browser;
const call = adminCall(() => app);
let person: { id: string };

beforeAll(async () => {
  app = await startApp();
  await setUpStation(call);
  person = await call('persons.create', {
    person: personInput({
      fullName: 'Trần Văn Bình',
      sex: 'M',
      birthDate: '1950-05-10',
      occupation: 'Nông dân',
      currentAddress: { text: 'Số 5, thôn Đông' },
    }),
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('treatment in the exam, and the A1 register', () => {
  it('records treatment, a medicine and a referral from the keyboard, then the month’s register shows them', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await signIn(page);
    await page.evaluate(`location.hash = '#/residents/person/${person.id}'`);
    await expect.poll(() => page.getByTestId('start-exam').isVisible()).toBe(true);
    await page.keyboard.press('k');
    await expect.poll(() => page.getByRole('heading', { name: /Khám bệnh ngày/ }).isVisible()).toBe(true);
    await page.locator('[data-vital=systolic]').fill('160');
    await page.locator('[data-vital=diastolic]').fill('95');
    await page.getByLabel('Lý do khám').fill('Đau đầu, chóng mặt');

    // Alt+R: to the treatment; Alt+M adds a medicine and puts the cursor in its name.
    await page.keyboard.press('Alt+R');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field')))
      .toBe('treatment-method');
    await page
      .locator('[data-field=treatment-method]')
      .selectOption({ label: 'Điều trị ngoại trú bằng thuốc' });
    await page.keyboard.press('Alt+M');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('med-name');
    await page.keyboard.type('Amlodipin 5 mg');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1 viên/ngày');
    await page.keyboard.press('Tab');
    await page.keyboard.type('30');
    await page.locator('[data-field=referral-to]').fill('TTYT huyện');
    // No reason yet: said under the field before any signing.
    await expect
      .poll(() => page.getByTestId('referral-issue').textContent())
      .toBe('Lý do chuyển tuyến: hãy ghi vì sao chuyển đến TTYT huyện.');
    await page.getByTestId('treatment').scrollIntoViewIfNeeded();
    await screenshot(page, '95-exam-treatment-referral-missing-reason');
    await page.locator('[data-field=referral-reason]').fill('Khám chuyên khoa tim mạch');
    await expect.poll(() => page.getByTestId('referral-issue').count()).toBe(0);
    // Enter in a one-line field signs.
    await page.locator('[data-field=referral-reason]').press('Enter');
    await expect
      .poll(() => page.getByTestId('visit-treatment').first().textContent())
      .toContain('Amlodipin 5 mg — 1 viên/ngày — 30 ngày');
    await expect
      .poll(() => page.getByTestId('visit-referral').first().textContent())
      .toBe('Chuyển tuyến: TTYT huyện (Khám chuyên khoa tim mạch)');
    await screenshot(page, '96-record-visit-treatment');

    // Báo cáo → Sổ khám bệnh (A1): this month, the line with treatment and referral.
    await page.evaluate(`location.hash = '#/reports/a1'`);
    const table = page.getByTestId('a1-table');
    await expect.poll(() => table.isVisible()).toBe(true);
    const line = table.getByRole('row').filter({ hasText: 'Trần Văn Bình' });
    await expect.poll(() => line.textContent()).toContain('Điều trị ngoại trú bằng thuốc. Amlodipin 5 mg');
    await expect.poll(() => line.textContent()).toContain('Chuyển tuyến: TTYT huyện');
    await expect.poll(() => page.getByTestId('a1-total').textContent()).toMatch(/^1 lượt khám từ/);
    await screenshot(page, '97-reports-a1-register');
    const download = page.waitForEvent('download');
    await page.getByTestId('a1-export').click();
    expect((await download).suggestedFilename()).toMatch(
      /^so-kham-benh-A1-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.xlsx$/,
    );
    expect(problems).toEqual([]);
  });
});
