/**
 * The rest of the first hour at a station (issue "Patient safety and everyday use"), in the real UI
 * at 1366×768: children due or overdue for a vaccine on "Hôm nay", immunisation entry (date, lot
 * number, a dose before the minimum age, correcting and deleting a dose), a scanned card that
 * disagrees with the record, part B's messages in the field's unit, and no English or technical
 * words on screen.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { vnDay } from '../../main/core/clock.ts';
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from '../helpers/browser.ts';
import { cccdFor, personInput } from '../helpers/persons.ts';
import { adminCall, setUpStation, signIn } from '../helpers/station.ts';

let app: RunningApp;
let browser: Browser;
const call = adminCall(() => app);

const daysAgo = (n: number) => vnDay(new Date(Date.now() - n * 86_400_000));
const vn = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const place = {
  village: 'Thôn Bắc',
  provinceCode: '38',
  communeCode: '16279',
  text: 'Thôn Bắc, Xã Nông Cống, Tỉnh Thanh Hoá',
};
let baby: { id: string; born: string };
let adult: { id: string };
let misspelt: { id: string; cccd: string };

beforeAll(async () => {
  app = await startApp();
  await setUpStation(call);
  const born = daysAgo(100);
  baby = {
    id: (
      await call('persons.create', {
        person: personInput({ fullName: 'Bé Mầm Non', sex: 'F', birthDate: born, currentAddress: place }),
      })
    ).id,
    born,
  };
  adult = await call('persons.create', {
    person: personInput({ fullName: 'Trịnh Văn Lớn', birthDate: '1980-02-02', currentAddress: place }),
  });
  const cccd = cccdFor('F', 1962, '246802');
  misspelt = {
    id: (
      await call('persons.create', {
        person: personInput({
          fullName: 'Nguyen Thi Hoa',
          sex: 'F',
          birthDate: '1962',
          currentAddress: place,
          identifiers: [{ kind: 'cccd', value: cccd }],
        }),
      })
    ).id,
    cccd,
  };
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const opened: Page[] = [];
afterEach(async () => {
  for (const p of opened.splice(0)) await p.context().close();
});

async function nurse(): Promise<{ page: Page; problems: string[] }> {
  const session = await openPage(browser, app.server.launchUrl);
  opened.push(session.page);
  const { page } = session;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page);
  return session;
}

async function openRecord(page: Page, id: string): Promise<void> {
  await page.evaluate(`location.hash = '#/residents/person/${id}'`);
  await expect.poll(() => page.getByTestId('start-exam').isVisible()).toBe(true);
}

describe('Hôm nay', () => {
  it('counts and lists a child overdue for vaccines, as the child’s record says', async () => {
    const { page, problems } = await nurse();
    await expect
      .poll(() => page.getByTestId('immunization-due-card').textContent())
      .toMatch(/^1\s*trẻ đến hạn hoặc quá hạn tiêm/);
    const row = page.getByTestId('today-queue').locator('tr', { hasText: 'Bé Mầm Non' });
    await expect.poll(() => row.textContent()).toMatch(/Tiêm chủng.*Quá hạn \d+ ngày.*BCG/);
    await screenshot(page, '80-today-immunization-due');
    expect(problems).toEqual([]);
  });
});

describe('immunisation entry', () => {
  it('clears a copied date after saving, keeps the lot number, confirms a dose before the minimum age, corrects and deletes with a reason', async () => {
    const { page, problems } = await nurse();
    await openRecord(page, baby.id);
    await page.keyboard.press('c');
    await expect.poll(() => page.getByTestId('schedule').isVisible()).toBe(true);

    // A dose copied from the child's paper card, with its date and lot number.
    const bcgDate = vn(daysAgo(95));
    await page.getByTestId('dose-vaccine').selectOption({ value: 'BCG' });
    await page.getByTestId('dose-given-on').fill(bcgDate);
    await page.getByTestId('dose-batch').fill('BCG-2026-11');
    await page.getByTestId('dose-batch').press('Enter');
    await expect.poll(() => page.getByTestId('doses').textContent()).toContain('BCG-2026-11');
    // The toast saying so covers neither the field the cursor is in nor the save button.
    const overlaps = (await page.evaluate(`(() => {
      const toast = document.querySelector('.toast')?.getBoundingClientRect();
      const boxes = [document.activeElement, document.querySelector('form.add button[type=submit]')].map((e) => e?.getBoundingClientRect());
      return !toast ? null : boxes.map((b) => !!b && b.left < toast.right && toast.left < b.right && b.top < toast.bottom && toast.top < b.bottom);
    })()`)) as boolean[] | null;
    expect(overlaps).toEqual([false, false]);
    // The next dose has another date: the field does not keep this one.
    expect(await page.getByTestId('dose-given-on').inputValue()).toBe('');
    expect(await page.getByTestId('dose-batch').inputValue()).toBe('');

    // A dose far too early (DPT-VGB-Hib 1 at ten days old): asked, naming vaccine, date and earliest day.
    const early = vn(daysAgo(90));
    await page.getByTestId('dose-vaccine').selectOption({ value: 'DPT-VGB-HIB-1' });
    await page.getByTestId('dose-given-on').fill(early);
    await page.getByTestId('dose-given-on').press('Enter');
    const dialog = page.getByRole('alertdialog');
    await expect
      .poll(() => dialog.getByTestId('confirm-items').textContent())
      .toMatch(
        new RegExp(
          `tiêm ngày ${early}: tiêm trước tuổi tối thiểu \\(sớm nhất từ ngày \\d\\d/\\d\\d/\\d{4}\\)`,
        ),
      );
    await screenshot(page, '81-dose-before-minimum-age');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await call('record.get', { personId: baby.id })).doses.map((d) => d.vaccineCode)).toEqual([
      'BCG',
    ]);
    await page.getByTestId('dose-given-on').press('Enter');
    await expect.poll(() => dialog.count()).toBe(1);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await call('record.get', { personId: baby.id })).doses.map((d) => d.vaccineCode))
      .toEqual(['BCG', 'DPT-VGB-HIB-1']);

    // Correcting the lot number needs a reason.
    const bcgRow = page.getByTestId('dose-row').filter({ hasText: 'BCG-2026-11' });
    await bcgRow.getByRole('button', { name: /^Sửa mũi/ }).click();
    await page.getByTestId('edit-batch').fill('BCG-2026-12');
    await page.getByRole('button', { name: 'Lưu bản sửa' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Lý do: chưa nhập' }).count()).toBe(1);
    await page.getByTestId('dose-reason').fill('Ghi nhầm số lô');
    await page.getByTestId('dose-reason').press('Enter');
    await expect.poll(() => page.getByTestId('doses').textContent()).toContain('BCG-2026-12');
    // Deleting the early dose, with a reason.
    const dptRow = page.getByTestId('dose-row').filter({ hasText: 'Bạch hầu' });
    await dptRow.getByRole('button', { name: /^Xóa mũi/ }).click();
    await page.getByTestId('dose-reason').fill('Ghi nhầm trẻ');
    await page.getByRole('button', { name: 'Xóa mũi tiêm' }).click();
    await expect
      .poll(async () => (await call('record.get', { personId: baby.id })).doses.map((d) => d.batch))
      .toEqual(['BCG-2026-12']);
    const audit = JSON.stringify(await call('audit.list', { limit: 30 }));
    expect(audit).toContain('Ghi nhầm số lô');
    expect(audit).toContain('Ghi nhầm trẻ');
    await screenshot(page, '82-doses-after-correction');
    expect(problems).toEqual([]);
  });
});

describe('a card that disagrees with the record', () => {
  it('shows the differences when it opens the record, and corrects only what the nurse ticks', async () => {
    const { page, problems } = await nurse();
    await call('devices.setSimulator', { enabled: true });
    await openRecord(page, adult.id);
    await call('devices.simulate', {
      what: 'cccd',
      values: { cccd: misspelt.cccd, fullName: 'Nguyễn Thị Hoa', birthDate: '1962-05-14', sex: 'F' },
    });
    const box = page.getByTestId('card-differences');
    await expect.poll(() => box.textContent()).toMatch(/Họ và tên.*Nguyễn Thị Hoa.*Nguyen Thi Hoa/);
    expect(await box.textContent()).toMatch(/Ngày sinh.*14\/05\/1962.*1962/);
    expect(await page.getByTestId('person-header').textContent()).toContain('Nguyen Thi Hoa');
    await screenshot(page, '83-card-differences');
    await box.getByLabel('Họ và tên').check();
    await box.getByRole('button', { name: 'Sửa hồ sơ theo thẻ' }).click();
    await expect.poll(() => page.getByTestId('person-header').textContent()).toContain('Nguyễn Thị Hoa');
    expect(await page.getByTestId('card-differences').count()).toBe(0);
    expect(await call('persons.get', { id: misspelt.id })).toMatchObject({
      fullName: 'Nguyễn Thị Hoa',
      birthDate: '1962',
    });
    await call('devices.setSimulator', { enabled: false });
    expect(problems).toEqual([]);
  });
});

describe('the words on screen', () => {
  it('part B says what is wrong in the field’s own unit', async () => {
    const { page, problems } = await nurse();
    await openRecord(page, adult.id);
    await page.keyboard.press('b');
    const weight = page.getByLabel('Cân nặng lúc sinh (gam)');
    await weight.fill('0,3');
    await weight.press('Enter');
    await expect
      .poll(() => page.locator('.toast').allTextContents())
      .toContainEqual(expect.stringContaining('Cân nặng lúc đẻ phải từ 300 đến 7000 g, đã nhập 0,3.'));
    expect(problems).toEqual([]);
  });

  it('shows no English or technical words on the devices screen, the status bar and the exam', async () => {
    const { page, problems } = await nurse();
    await page.keyboard.press('Alt+6');
    await page.getByTestId('simulator-switch').check();
    await expect
      .poll(() => page.getByTestId('device-status').allTextContents())
      .toEqual(['Đã kết nối', 'Đã kết nối', 'Đã kết nối']);
    const devicesText = (await page.locator('main').textContent()) ?? '';
    const status = (await page.locator('.statusbar').textContent()) ?? '';
    await openRecord(page, adult.id);
    await page.keyboard.press('k');
    await expect.poll(() => page.getByRole('heading', { name: /Khám bệnh ngày/ }).isVisible()).toBe(true);
    await page.locator('[data-vital=pulse]').fill('abc');
    await page.locator('[data-vital=weightKg]').fill('900');
    const examText = (await page.locator('main').textContent()) ?? '';
    for (const text of [devicesText, status, examText]) {
      expect(text).not.toMatch(/\bParity\b|SIM:|lược đồ|\bnumber\b|\bstring\b|undefined|NaN/);
    }
    expect(examText).toContain('Mạch: "abc" không phải là số.');
    expect(examText).toContain(
      'Cân nặng 900 kg là không thể có: chỉ nhận 0,3–350 kg. Có thể đã nhập gam thay vì kg?',
    );
    await call('devices.setSimulator', { enabled: false });
    expect(problems).toEqual([]);
  });
});
