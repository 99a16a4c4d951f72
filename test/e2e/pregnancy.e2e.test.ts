/**
 * Pregnancy management (issue 14 point 2) in the real UI at the station's 1366×768: a woman's
 * pregnancy is registered from the keyboard on her record's "Thai sản, KHHGĐ" tab, her first
 * antenatal visit (12 weeks) is due and shows in "Hôm nay"; the visit is recorded from the keyboard
 * with her tetanus dose, and she leaves the list until her appointment.
 */
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
let her: { id: string };

beforeAll(async () => {
  app = await startApp();
  await setUpStation(call);
  her = await call('persons.create', {
    person: personInput({ fullName: 'Phan Thị Thu Hà', sex: 'F', birthDate: '1997-03-15' }),
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('pregnancy management', () => {
  it('registers a pregnancy, lists her first antenatal visit in Hôm nay, records it from the keyboard', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await page.evaluate(`location.hash = '#/residents/person/${her.id}'`);
    await signIn(page, ADMIN);
    await expect.poll(() => page.getByTestId('start-exam').isVisible()).toBe(true);

    // T opens the tab; Tab reaches the LMP; 12 weeks ago (84 days): the first visit is due today.
    await page.keyboard.press('t');
    await expect.poll(() => page.getByTestId('pregnancy-open-form').isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('preg-lmp');
    // A date in the future is refused, naming the field.
    await page.keyboard.type(vn(day(3)));
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('maternal-error').textContent())
      .toBe(`Ngày đầu kỳ kinh cuối ${vn(day(3))} ở sau ngày hôm nay.`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(vn(day(-84)));
    await expect.poll(() => page.getByTestId('edd-hint').textContent()).toContain(vn(day(196)));
    await page.keyboard.press('Tab'); // EDD: left to the rule
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('pregnancy-summary').textContent())
      .toContain('tuổi thai 12 tuần');
    expect(await page.getByTestId('pregnancy-summary').textContent()).toContain(`dự sinh ${vn(day(196))}`);
    expect(await page.getByTestId('antenatal-due').textContent()).toBe(
      `Khám thai lần 1 (12 tuần): ngày ${vn(day(0))}`,
    );
    await screenshot(page, '95-pregnancy-registered');

    // Hôm nay: one antenatal visit due, her line first among them, opening on the pregnancy tab.
    await page.evaluate(`location.hash = '#/today'`);
    await expect.poll(() => page.getByTestId('antenatal-due-card').textContent()).toContain('1');
    const line = page.getByTestId('today-queue').getByRole('row').filter({ hasText: 'Khám thai lần 1' });
    await expect.poll(() => line.textContent()).toContain('Phan Thị Thu Hà');
    await screenshot(page, '96-pregnancy-today-due');
    await line.getByRole('button', { name: 'Phan Thị Thu Hà' }).click();
    await expect.poll(() => page.getByTestId('anc-form').isVisible()).toBe(true);

    // The visit, from the keyboard: the date is today; weight, pressure; iron and tetanus ticked;
    // the next appointment in four weeks; Enter saves.
    await page.locator('#anc-visit-on').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.type('54,5');
    await page.keyboard.press('Tab');
    await page.keyboard.type('115');
    await page.keyboard.press('Tab');
    await page.keyboard.type('72');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type(vn(day(28)));
    await page.getByTestId('anc-iron').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const visits = page.getByTestId('anc-visits');
    await expect.poll(() => visits.textContent()).toContain('12 tuần');
    const row = await visits.getByRole('row').nth(1).textContent();
    expect(row).toContain(vn(day(0)));
    expect(row).toContain('54,5');
    expect(row).toContain('115/72');
    expect(row).toContain(vn(day(28)));
    expect(await page.getByTestId('antenatal-due').textContent()).toBe(`Hẹn khám thai ngày ${vn(day(28))}`);
    await screenshot(page, '97-pregnancy-visit-recorded');

    // Her tetanus dose is in part C with the month of pregnancy; she is no longer due today.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('c');
    await expect.poll(() => page.getByTestId('doses').textContent()).toContain('UV1');
    await page.evaluate(`location.hash = '#/today'`);
    await expect.poll(() => page.getByTestId('antenatal-due-card').textContent()).toContain('0');
    expect(problems).toEqual([]);
  });
});
