/**
 * A school screening campaign in the real UI (Chromium, loopback host, real core and database):
 * the nurse creates the campaign for class 1A, builds its roster from the registry's 6-year-olds of
 * the village, and examines five pupils one after another from the keyboard — the scale's reading
 * arrives, Enter takes it, the height and vision are typed, Enter saves and the next pupil opens —
 * and the roster's progress shows 5/7.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDay } from '../../main/core/clock.ts';
import { adminCall, PLACE, setUpStation, signIn } from '../helpers/station.ts';
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from '../helpers/browser.ts';
import { personInput } from '../helpers/persons.ts';

let app: RunningApp;
let browser: Browser;
const call = adminCall(() => app);

// Seven 6-year-olds of Thôn Đông (born in the first months of the year six years ago), one
// 6-year-old of another village and a 9-year-old sister who are not in the class.
const year = new Date().getFullYear() - 6;
const PUPILS = [
  ['Bùi Minh Anh', 'F', `${year}-01-12`],
  ['Cao Văn Bảo', 'M', `${year}-02-03`],
  ['Đặng Thị Chi', 'F', `${year}-03-21`],
  ['Đinh Văn Dương', 'M', `${year}-04-09`],
  ['Hà Thị Giang', 'F', `${year}-05-30`],
  ['Kiều Văn Hải', 'M', `${year}-06-14`],
  ['Lò Thị Hương', 'F', `${year}-07-02`],
] as const;

beforeAll(async () => {
  app = await startApp();
  await setUpStation(call);
  for (const [fullName, sex, birthDate] of PUPILS)
    await call('persons.create', {
      person: personInput({ fullName, sex, birthDate, currentAddress: PLACE }),
    });
  await call('persons.create', {
    person: personInput({
      fullName: 'Mã Văn Khoa',
      birthDate: `${year}-02-02`,
      currentAddress: { ...PLACE, village: 'Thôn Tây', text: 'Thôn Tây, Xã Nông Cống' },
    }),
  });
  await call('persons.create', {
    person: personInput({
      fullName: 'Bùi Thị Lan',
      sex: 'F',
      birthDate: `${year - 3}-03-03`,
      currentAddress: PLACE,
    }),
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Whether the keyboard is on a device reading's "use it" button. */
const onReading = (page: Page): Promise<unknown> =>
  page.evaluate(`document.activeElement?.closest('[data-testid=reading]') !== null`);
const focusedVital = (page: Page): Promise<unknown> =>
  page.evaluate(`document.activeElement?.getAttribute('data-vital')`);

describe('a screening campaign at a school class', () => {
  it('is created, gets its roster from the registry, and five pupils are examined from the keyboard with the scale', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await signIn(page);
    // The station's devices (here the simulator) are on.
    await page.keyboard.press('Alt+6');
    await page.getByTestId('simulator-switch').check();
    await expect
      .poll(() => page.getByTestId('device-status').allTextContents())
      .toEqual(['Đã kết nối', 'Đã kết nối', 'Đã kết nối']);

    // Hôm nay → Đợt khám sàng lọc → Tạo đợt khám.
    await page.keyboard.press('Alt+1');
    await page.getByTestId('open-campaigns').click();
    await page.getByTestId('campaign-create').click();
    await page.getByLabel('Tên đợt khám').fill('Khám sức khỏe học sinh lớp 1');
    await page.getByLabel(/^Nơi khám/).fill('Trường Tiểu học Nông Cống');
    await page.getByLabel(/^Các lớp/).fill('1A, 1B');
    await screenshot(page, '60-campaign-create');
    await page.getByLabel(/^Các lớp/).press('Enter');

    // The roster: the 6-year-olds of Thôn Đông into class 1A.
    await expect
      .poll(() => page.getByRole('heading', { name: 'Khám sức khỏe học sinh lớp 1' }).isVisible())
      .toBe(true);
    await page.getByLabel(/^Thôn\/xóm/).fill('Thôn Đông');
    await page.getByLabel('Tuổi từ').fill('6');
    await page.getByLabel('đến', { exact: true }).fill('6');
    await page.getByTestId('roster-add').click();
    await expect.poll(() => page.getByTestId('campaign-progress').textContent()).toContain('0/7');
    const names = await page
      .locator('[data-testid=campaign-roster] tbody tr td:nth-child(3)')
      .allTextContents();
    expect(names).toEqual(PUPILS.map((p) => p[0]));
    await screenshot(page, '61-campaign-roster');

    await page.getByTestId('campaign-start').focus();
    await page.keyboard.press('Enter');
    const weights = [19.4, 21.2, 18.7, 23.5, 20.1];
    for (const [i, kg] of weights.entries()) {
      const [name] = PUPILS[i];
      await expect.poll(() => page.getByTestId('campaign-person').textContent()).toContain(name);
      // The pupil steps on the scale: its reading takes the keyboard; Enter uses it.
      await call('devices.simulate', { what: 'scale', values: { kg } });
      await expect.poll(() => onReading(page)).toBe(true);
      if (i === 0) await screenshot(page, '62-campaign-reading');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.locator('[data-vital=weightKg]').inputValue())
        .toBe(String(kg).replace('.', ','));
      // Then the first field still empty: the height.
      await expect.poll(() => focusedVital(page)).toBe('heightCm');
      await page.keyboard.type(String(115 + i));
      await page.keyboard.press('Tab');
      await page.keyboard.type('10/10');
      await page.keyboard.press('Tab');
      await page.keyboard.type(i === 2 ? '7/10' : '10/10');
      if (i === 4) await screenshot(page, '63-campaign-entry-typed');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('campaign-progress').textContent()).toContain(`${i + 1}/7`);
    }
    // The sixth pupil is open, waiting for the scale.
    await expect.poll(() => page.getByTestId('campaign-person').textContent()).toContain(PUPILS[5][0]);
    await screenshot(page, '64-campaign-next-pupil');

    // Back on the campaign: 5/7, and each exam a signed visit of the campaign with the scale's provenance.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('campaign-progress').textContent()).toContain('5/7');
    await screenshot(page, '65-campaign-progress');
    const [campaign] = await call('campaigns.list', {});
    const { roster } = await call('campaigns.get', { id: campaign.id });
    expect(roster.filter((e) => e.visitOn === vnDay(new Date())).map((e) => e.fullName)).toEqual(
      PUPILS.slice(0, 5).map((p) => p[0]),
    );
    const third = await call('visits.get', { id: roster[2].visitId ?? '' });
    expect(third).toMatchObject({
      status: 'signed',
      campaignId: campaign.id,
      reason: 'Khám sàng lọc: Khám sức khỏe học sinh lớp 1',
      vitals: { weightKg: 18.7, heightCm: 117 },
      vision: { rightPlain: '10/10', leftPlain: '7/10' },
    });
    expect(third.vitalSources.weightKg).toMatchObject({ device: 'Cân (mô phỏng)' });
    expect(problems).toEqual([]);
  });
});
