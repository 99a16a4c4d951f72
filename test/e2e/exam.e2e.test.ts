/**
 * The nurse's exam workflow in the real UI (Chromium, loopback host, real core and database):
 * a first visit typed from the keyboard, and the follow-up of a known hypertensive patient in
 * three actions — scan the card, confirm the readings the devices sent, sign.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationInput } from '#contract/operations.ts';
import { vnDay } from '../../main/core/clock.ts';
import { adminCall, setUpStation, signIn } from '../helpers/station.ts';
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from '../helpers/browser.ts';
import { cccdFor, personInput } from '../helpers/persons.ts';

let app: RunningApp;
let browser: Browser;
const call = adminCall(() => app);

const daysAgo = (n: number) => vnDay(new Date(Date.now() - n * 86_400_000));

/** A signed visit in the past, as the station recorded it then. */
async function pastVisit(
  personId: string,
  ago: number,
  visit: Omit<OperationInput<'visits.sign'>['visit'], 'visitOn'>,
): Promise<void> {
  const draft = await call('visits.start', { personId });
  await call('visits.sign', {
    id: draft.id,
    version: draft.version,
    visit: { visitOn: daysAgo(ago), ...visit },
  });
}

const HTN = [{ code: 'I10', name: 'Bệnh lý tăng huyết áp vô căn (nguyên phát)', main: true }];
let firstTimer: { id: string };
let hypertensive: { id: string; cccd: string };
let child: { id: string };

beforeAll(async () => {
  app = await startApp();
  await setUpStation(call);
  const place = {
    village: 'Thôn Đông',
    provinceCode: '38',
    communeCode: '16279',
    text: 'Thôn Đông, Xã Nông Cống, Tỉnh Thanh Hoá',
  };

  firstTimer = await call('persons.create', {
    person: personInput({ fullName: 'Hoàng Văn Minh', birthDate: '1971-09-15', currentAddress: place }),
  });

  const cccd = cccdFor('M', 1956, '009911');
  const h = await call('persons.create', {
    person: personInput({
      fullName: 'Lương Văn Bình',
      birthDate: '1956-02-20',
      currentAddress: place,
      identifiers: [{ kind: 'cccd', value: cccd }],
    }),
  });
  hypertensive = { id: h.id, cccd };
  // A year of monthly follow-ups: the trend chart has something to show, the register a due date.
  const readings = [
    [168, 100],
    [162, 98],
    [155, 95],
    [150, 92],
    [148, 90],
    [146, 92],
    [142, 88],
    [139, 86],
    [144, 90],
    [138, 84],
    [136, 85],
    [134, 82],
  ];
  for (const [i, [sys, dia]] of readings.entries()) {
    await pastVisit(h.id, 400 - i * 30, {
      reason: 'Khám theo dõi tăng huyết áp',
      vitals: { systolic: sys, diastolic: dia, pulse: 76, weightKg: 66 - i * 0.3 },
      diagnoses: HTN,
      counselling: 'Ăn nhạt, đi bộ 30 phút mỗi ngày',
    });
  }

  const born = new Date(Date.now() - 700 * 86_400_000);
  const c = await call('persons.create', {
    person: personInput({
      fullName: 'Lò Thị Mai Anh',
      sex: 'F',
      birthDate: vnDay(born),
      currentAddress: place,
    }),
  });
  child = c;
  for (const [ago, kg, cm] of [
    [690, 3.6, 51],
    [610, 5.9, 60],
    [520, 7.3, 66],
    [430, 8.2, 71],
    [340, 8.9, 75],
    [250, 9.6, 79],
    [160, 10.1, 82],
    [70, 10.6, 85],
  ] as const) {
    await pastVisit(c.id, ago, { reason: 'Theo dõi tăng trưởng', vitals: { weightKg: kg, heightCm: cm } });
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Which button has the keyboard: what Enter will press. */
const focusedTestId = (page: Page): Promise<unknown> =>
  page.evaluate(`document.activeElement?.getAttribute('data-testid')`);

describe('the exam workflow, as the nurse uses it', () => {
  it('records a full first visit from the keyboard and signs it with Enter', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await signIn(page);
    await page.keyboard.press('F2');
    await page.keyboard.type('hoang van minh');
    await expect.poll(() => page.getByRole('option', { name: /Hoàng Văn Minh/ }).count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('start-exam').isVisible()).toBe(true);
    await page.keyboard.press('k');
    await expect.poll(() => page.getByRole('heading', { name: /Khám bệnh ngày/ }).isVisible()).toBe(true);

    const vital = (key: string) => page.locator(`[data-vital=${key}]`);
    for (const [key, value] of [
      ['systolic', '152'],
      ['diastolic', '96'],
      ['pulse', '82'],
      ['temperatureC', '36,8'],
      ['weightKg', '71'],
      ['heightCm', '165'],
      ['waistCm', '94'],
    ]) {
      await vital(key).fill(value);
      await vital(key).press('Tab');
    }
    await page.getByLabel('Lý do khám').fill('Đau đầu, chóng mặt 3 ngày');
    await page.getByLabel('Bệnh sử').fill('Đau đầu vùng chẩm buổi sáng, chưa điều trị gì.');
    await page.getByPlaceholder(/mã hoặc tên bệnh/i).fill('tang huyet ap');
    await page.getByRole('option', { name: /I10/ }).first().waitFor();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('list', { name: 'Chẩn đoán đã chọn' }).textContent())
      .toContain('I10');
    await page.getByRole('textbox', { name: /^Tư vấn/ }).fill('Giảm muối, tái khám sau 1 tháng');
    // The derived values appear as the nurse types: BMI, the blood-pressure grade.
    await expect.poll(() => page.locator('.derived').textContent()).toMatch(/BMI: 26/);
    await screenshot(page, '20-exam-first-visit');
    // Enter in a one-line field signs.
    await vital('waistCm').press('Enter');
    await expect.poll(() => page.getByTestId('visit-timeline').textContent()).toContain('152/96');
    await screenshot(page, '21-record-after-first-visit');

    const record = await call('record.get', { personId: firstTimer.id });
    const [visit] = record.visits;
    expect(visit).toMatchObject({ status: 'signed', visitOn: vnDay(new Date()) });
    const full = await call('visits.get', { id: visit.id });
    expect(full.vitals).toMatchObject({
      systolic: 152,
      diastolic: 96,
      pulse: 82,
      temperatureC: 36.8,
      weightKg: 71,
      heightCm: 165,
      waistCm: 94,
    });
    expect(full.diagnoses[0]).toMatchObject({ code: 'I10', main: true });
    expect(full.derived.bmi).toBeCloseTo(26.1, 1);
    // The diagnosis puts him on the hypertension register, with a follow-up date.
    expect(record.ncd.map((n) => n.register)).toContain('hypertension');
    expect(problems).toEqual([]);
  });

  it('follows up a known hypertensive patient in three actions: scan the card, confirm the readings, sign', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await signIn(page);
    // Setup, not part of the count: the station's devices (here the simulator) are on.
    await page.keyboard.press('Alt+6');
    await page.getByTestId('simulator-switch').check();
    await expect
      .poll(() => page.getByTestId('device-status').allTextContents())
      .toEqual(['Đã kết nối', 'Đã kết nối', 'Đã kết nối']);
    await page.keyboard.press('Alt+1');
    await expect.poll(() => page.getByTestId('today-queue').textContent()).toContain('Lương Văn Bình');

    const actions: string[] = [];
    // 1. The nurse scans the patient's CCCD (the simulated scanner sends it through the HID POS driver).
    actions.push('scan card');
    await call('devices.simulate', { what: 'cccd', values: { cccd: hypertensive.cccd } });
    await expect.poll(() => page.getByRole('heading', { name: /Khám bệnh ngày/ }).isVisible()).toBe(true);
    await expect.poll(() => page.getByLabel('Lý do khám').inputValue()).toContain('tăng huyết áp');
    // The monitor and the scale send their readings (the devices' work, not the nurse's).
    await call('devices.simulate', { what: 'bp', values: { systolic: 138, diastolic: 86, pulse: 72 } });
    await call('devices.simulate', { what: 'scale', values: { kg: 63.2 } });
    await expect.poll(() => focusedTestId(page)).toBe('apply-all');
    await screenshot(page, '22-follow-up-readings');
    // 2. Enter takes both readings.
    actions.push('Enter: use the readings');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-vital=systolic]').inputValue()).toBe('138');
    await expect.poll(() => page.locator('.from-device').count()).toBe(4); // systolic, diastolic, pulse, weight
    await expect.poll(() => focusedTestId(page)).toBe('sign');
    // 3. Enter signs.
    actions.push('Enter: sign');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('start-exam').isVisible()).toBe(true);
    expect(actions).toHaveLength(3);

    const record = await call('record.get', { personId: hypertensive.id });
    const visit = await call('visits.get', { id: record.visits[0].id });
    expect(visit).toMatchObject({
      status: 'signed',
      visitOn: vnDay(new Date()),
      vitals: { systolic: 138, diastolic: 86, pulse: 72, weightKg: 63.2 },
    });
    expect(visit.diagnoses.map((d) => d.code)).toEqual(['I10']);
    // Provenance: which reading, which device, when measured and when received.
    expect(visit.vitalSources.systolic).toMatchObject({
      device: 'Máy đo huyết áp (mô phỏng)',
      measuredAt: expect.any(String),
      receivedAt: expect.any(String),
    });
    expect(visit.vitalSources.weightKg).toMatchObject({ device: 'Cân (mô phỏng)', measuredAt: null });
    const attached = app.core.ctx.store.raw
      .prepare(`SELECT kind, status, driver, raw FROM measurements WHERE visit_id = ? ORDER BY kind`)
      .all(visit.id);
    expect(attached).toEqual([
      { kind: 'bp', status: 'attached', driver: 'bp-omron-it', raw: expect.stringMatching(/^[0-9a-f ]+$/) },
      { kind: 'weight', status: 'attached', driver: 'scale-and', raw: expect.stringMatching(/^53 54 2c/) },
    ]);
    await expect.poll(() => page.getByTestId('bp-chart').isVisible()).toBe(true);
    await screenshot(page, '23-record-bp-chart');
    expect(problems).toEqual([]);
  });

  it('shows a child’s growth on the WHO curves', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await signIn(page);
    await page.evaluate(`location.hash = '#/residents/person/${child.id}'`);
    await expect.poll(() => page.getByTestId('growth-chart').isVisible()).toBe(true);
    // Eight measurements: eight points on the chart.
    await expect.poll(() => page.locator('[data-testid=growth-chart] circle').count()).toBe(8);
    await screenshot(page, '24-record-growth-chart');
    expect(problems).toEqual([]);
  });
});
