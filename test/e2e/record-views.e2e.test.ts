/**
 * What a nurse and an administrator read back from the record, in the real UI (Chromium, loopback
 * host, real core and database) at the station's 1366×768: the blood-pressure trend of a patient
 * seen in 2016 and again from 2023, and the access log after a day's work.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, adminCall, NURSE, setUpStation, signIn } from '../helpers/station.ts';
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from '../helpers/browser.ts';
import { personInput } from '../helpers/persons.ts';

let app: RunningApp;
let browser: Browser;
const call = adminCall(() => app);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** Readings of a hypertensive patient: a summer of follow-ups in 2016, then nothing until 09/2023. */
const READINGS: [on: string, systolic: number, diastolic: number][] = [
  ['2016-06-10', 162, 100],
  ['2016-07-12', 154, 96],
  ['2016-08-16', 148, 92],
  ['2023-09-20', 168, 102],
  ['2023-10-25', 150, 94],
  ['2024-01-10', 142, 88],
  ['2024-04-12', 136, 84],
];
let patient: { id: string };

beforeAll(async () => {
  app = await startApp();
  await setUpStation(call);
  patient = await call('persons.create', {
    person: personInput({
      fullName: 'Trần Văn Bảy',
      birthDate: '1955-08-19',
      currentAddress: {
        village: 'Thôn Đông',
        provinceCode: '38',
        communeCode: '16279',
        text: 'Thôn Đông, Xã Nông Cống',
      },
    }),
  });
  for (const [visitOn, systolic, diastolic] of READINGS) {
    const draft = await call('visits.start', { personId: patient.id });
    await call('visits.sign', {
      id: draft.id,
      version: draft.version,
      visit: { visitOn, reason: 'Khám theo dõi tăng huyết áp', vitals: { systolic, diastolic, pulse: 78 } },
    });
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Signs in straight to a screen (the address is kept through the sign-in page). */
async function signInTo(page: Page, to: string, who = NURSE): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.evaluate(`location.hash = ${JSON.stringify(to)}`);
  await signIn(page, who);
}

describe('reading the record back', () => {
  it('draws blood pressure against time: 2016 and 2023 are seven years apart, the legend whole', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await signInTo(page, `#/residents/person/${patient.id}`);
    const chart = page.getByTestId('bp-chart');
    await expect.poll(() => chart.isVisible()).toBe(true);
    await expect.poll(() => chart.locator('circle.sys').count()).toBe(READINGS.length);

    // Each point where its date is: x grows with the day, in proportion.
    const points = await chart
      .locator('circle.sys')
      .evaluateAll((cs) =>
        cs.map((c) => ({ x: Number(c.getAttribute('cx')), on: Date.parse(c.getAttribute('data-on') ?? '') })),
      );
    const [first, last] = [points[0], points[points.length - 1]];
    for (const p of points)
      expect((p.x - first.x) / (last.x - first.x)).toBeCloseTo((p.on - first.on) / (last.on - first.on), 2);
    const gap = points[3].x - points[2].x;
    const summer2016 = points[2].x - points[0].x;
    expect(gap).toBeGreaterThan(20 * summer2016);
    expect(await chart.locator('path.gap').count()).toBe(2); // systolic and diastolic cross the gap dashed
    // Years on the axis (every one or every other, as the width allows).
    const years = await chart.locator('text.x-tick').allTextContents();
    expect(years).toEqual(expect.arrayContaining(['2020', '2022']));
    expect(years.every((y) => /^\d{4}$/.test(y))).toBe(true);
    for (const band of ['g1', 'g2', 'g3']) expect(await chart.locator(`rect.${band}`).count()).toBe(1);

    // The legend, scrolled into view, lies wholly inside the window and the chart's width.
    const legend = page.getByRole('list', { name: 'Chú thích biểu đồ' });
    await legend.scrollIntoViewIfNeeded();
    const box = await legend.boundingBox();
    const chartBox = await chart.boundingBox();
    expect(box && chartBox).toBeTruthy();
    if (box && chartBox) {
      expect(box.x).toBeGreaterThanOrEqual(chartBox.x - 1);
      expect(box.x + box.width).toBeLessThanOrEqual(1366);
      expect(box.y + box.height).toBeLessThanOrEqual(768);
    }
    for (const item of await legend.getByRole('listitem').all()) {
      const b = await item.boundingBox();
      expect(b && b.x >= 0 && b.x + b.width <= 1366 && b.height > 0).toBe(true);
    }
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, '60-record-bp-chart-years');
    expect(problems).toEqual([]);
  });

  it('shows the access log as who did what to whom, with no identifier on screen', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await signInTo(page, '#/admin', ADMIN);
    await page.getByRole('tab', { name: 'Nhật ký truy cập' }).click();
    const table = page.getByTestId('audit-table');
    await expect.poll(() => table.textContent()).toContain('Xem hồ sơ sức khỏe');

    // The nurse opened Trần Văn Bảy's record in the test before: her name and role, the action, him.
    const read = table
      .getByRole('row')
      .filter({ hasText: 'Xem hồ sơ sức khỏe' })
      .filter({ hasText: 'Nguyễn Thị Lan' })
      .first();
    await expect.poll(() => read.textContent()).toContain('Bác sĩ / Y sĩ / Điều dưỡng');
    expect(await read.textContent()).toContain('Trần Văn Bảy (1955)');
    // Time as dd/mm/yyyy hh:mm.
    expect(await read.getByRole('cell').first().textContent()).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    const signed = table
      .getByRole('row')
      .filter({ hasText: 'Ký lượt khám' })
      .filter({ hasText: 'Lượt khám ngày 10/06/2016' });
    expect(await signed.count()).toBe(1);
    const text = (await table.textContent()) ?? '';
    expect(text).not.toMatch(UUID);
    for (const raw of ['record.read', 'visit.sign', 'auth.login', 'person.create'])
      expect(text).not.toContain(raw);
    await screenshot(page, '61-admin-audit-log');

    // Click the resident: only his entries remain.
    await read.getByRole('button', { name: 'Trần Văn Bảy (1955)' }).click();
    await expect.poll(() => page.getByText('Chỉ xem: Trần Văn Bảy (1955)').isVisible()).toBe(true);
    const targets = await table.locator('tbody tr td:nth-child(4)').allTextContents();
    expect(new Set(targets.map((s) => s.trim()))).toEqual(new Set(['Trần Văn Bảy (1955)']));
    await screenshot(page, '62-admin-audit-log-one-person');

    // A day that is not a date is refused with the field named; the chain still verifies.
    await page.getByLabel('Từ ngày').fill('31/02/2024');
    await page.getByLabel('Từ ngày').press('Enter');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Từ ngày: nhập ngày dạng dd/mm/yyyy');
    await page.getByRole('button', { name: 'Bỏ lọc' }).click();
    await page.getByRole('button', { name: 'Kiểm tra tính toàn vẹn' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'nguyên vẹn' }).isVisible())
      .toBe(true);
    expect(problems).toEqual([]);
  });
});
