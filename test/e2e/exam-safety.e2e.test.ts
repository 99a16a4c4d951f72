/**
 * What a nurse hit in the first hour (issue "Patient safety and everyday use"), each reproduced in
 * the real UI (Chromium over the loopback host, real core and database) at 1366×768:
 * impossible vitals signed, rare ones signed without a word, the previous patient's reading
 * offered to the next, a follow-up date lost on Enter, a long note silently stopping the autosave,
 * a draft thrown away in one click, a scan throwing the nurse out of an exam, no way to jump
 * around the exam, no z-scores while typing, fields hidden under the save bar.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { vnDay } from '../../main/core/clock.ts';
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from '../helpers/browser.ts';
import { cccdFor, personInput } from '../helpers/persons.ts';
import { adminCall, PLACE, setUpStation, signIn } from '../helpers/station.ts';

let app: RunningApp;
let browser: Browser;
const call = adminCall(() => app);
const place = PLACE;
const people: Record<string, { id: string; cccd: string }> = {};

async function resident(
  key: string,
  fullName: string,
  sex: 'M' | 'F',
  birthDate: string,
  birthYear: number,
): Promise<void> {
  const cccd = cccdFor(sex, birthYear, String(100000 + Object.keys(people).length).slice(-6));
  const p = await call('persons.create', {
    person: personInput({
      fullName,
      sex,
      birthDate,
      currentAddress: place,
      identifiers: [{ kind: 'cccd', value: cccd }],
    }),
    confirmSimilar: true,
  });
  people[key] = { id: p.id, cccd };
}

beforeAll(async () => {
  app = await startApp();
  await setUpStation(call);
  await resident('fever', 'Trần Văn Sốt', 'M', '1970-03-12', 1970);
  await resident('followUp', 'Phạm Thị Hẹn', 'F', '1965-08-01', 1965);
  await resident('note', 'Đỗ Văn Ghi', 'M', '1980-01-20', 1980);
  await resident('discard', 'Vũ Thị Bỏ', 'F', '1990-05-05', 1990);
  await resident('first', 'Nguyễn Văn Trước', 'M', '1955-02-02', 1955);
  await resident('second', 'Lê Thị Sau', 'F', '1958-06-06', 1958);
  await resident('third', 'Hoàng Văn Chờ', 'M', '1962-09-09', 1962);
  await resident('open', 'Bùi Thị Đang Khám', 'F', '1975-04-04', 1975);
  await resident('scanned', 'Đặng Văn Quét', 'M', '1972-07-07', 1972);
  await resident('man', 'Lý Văn Nam', 'M', '1985-11-11', 1985);
  const born = vnDay(new Date(Date.now() - 400 * 86_400_000));
  await resident('child', 'Lò Thị Bé', 'F', born, Number(born.slice(0, 4)));
  browser = await launchBrowser();
});

afterAll(async () => {
  if (process.env.DEBUG_LOGS)
    console.log(
      JSON.stringify(
        app.logs.filter((l) => l.level !== 'info' && l.level !== 'debug'),
        null,
        1,
      ).slice(0, 6000),
    );
  await browser?.close();
  await app?.close();
});

/** Each test's browser window is closed after it, so no exam stays open on another screen. */
const opened: Page[] = [];
afterEach(async () => {
  for (const p of opened.splice(0)) await p.context().close();
});

/** A nurse signed in, in a window of the station's screen size. */
async function nurse(): Promise<{ page: Page; problems: string[] }> {
  const session = await openPage(browser, app.server.launchUrl);
  opened.push(session.page);
  await session.page.setViewportSize({ width: 1366, height: 768 });
  await signIn(session.page);
  return session;
}

/** Opens the person's record and starts an exam with K, as the nurse does. */
async function startExam(page: Page, key: string): Promise<string> {
  await page.evaluate(`location.hash = '#/residents/person/${people[key].id}'`);
  await expect.poll(() => page.getByTestId('start-exam').isVisible()).toBe(true);
  await page.keyboard.press('k');
  await expect.poll(() => page.getByRole('heading', { name: /Khám bệnh ngày/ }).isVisible()).toBe(true);
  const hash = await page.evaluate('location.hash');
  return String(hash).split('/').pop() ?? '';
}

const vital = (page: Page, key: string) => page.locator(`[data-vital=${key}]`);
const visitOf = (id: string) => call('visits.get', { id });

describe('impossible and rare vitals', () => {
  it('refuses 400/20 mmHg with a message under the field, and asks to confirm 270 mmHg and 45 °C by name before signing', async () => {
    const { page, problems } = await nurse();
    const visitId = await startExam(page, 'fever');
    await vital(page, 'systolic').fill('400');
    await vital(page, 'diastolic').fill('20');
    await vital(page, 'temperatureC').fill('45');
    // The message appears as the value is typed, not after an autosave.
    await expect
      .poll(() => page.getByTestId('vital-message').allTextContents())
      .toEqual([
        'Huyết áp tâm thu 400 mmHg là không thể có: chỉ nhận 40–300 mmHg.',
        'Huyết áp tâm trương 20 mmHg nằm ngoài khoảng thường gặp (30–160 mmHg).',
        'Nhiệt độ 45 °C nằm ngoài khoảng thường gặp (34–42 °C).',
      ]);
    await vital(page, 'temperatureC').press('Enter');
    await expect
      .poll(() => page.getByTestId('sign-blocked').textContent())
      .toContain('Huyết áp tâm thu 400 mmHg là không thể có');
    await screenshot(page, '70-exam-impossible-vitals');
    expect((await visitOf(visitId)).status).toBe('draft');

    // Corrected to a rare but possible value: signing asks, naming each value.
    await vital(page, 'systolic').fill('270');
    await vital(page, 'systolic').press('Enter');
    const dialog = page.getByRole('alertdialog');
    await expect
      .poll(() => dialog.getByTestId('confirm-items').textContent())
      .toContain('Huyết áp tâm thu 270 mmHg');
    expect(await dialog.getByTestId('confirm-items').locator('li').allTextContents()).toEqual([
      'Huyết áp tâm thu 270 mmHg nằm ngoài khoảng thường gặp (60–260 mmHg).',
      'Huyết áp tâm trương 20 mmHg nằm ngoài khoảng thường gặp (30–160 mmHg).',
      'Nhiệt độ 45 °C nằm ngoài khoảng thường gặp (34–42 °C).',
    ]);
    await screenshot(page, '71-exam-confirm-rare-values');
    // Enter takes the safe choice: back to the form, nothing signed.
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await visitOf(visitId)).status).toBe('draft');
    // Asked again, the nurse confirms on purpose (Tab to the other button, Enter).
    await vital(page, 'temperatureC').press('Enter');
    await expect.poll(() => dialog.count()).toBe(1);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('start-exam').isVisible()).toBe(true);
    const signed = await visitOf(visitId);
    expect(signed).toMatchObject({
      status: 'signed',
      vitals: { systolic: 270, diastolic: 20, temperatureC: 45 },
    });
    const audit = JSON.stringify(await call('audit.list', { limit: 20 }));
    expect(audit).toContain('temperatureC:out-of-range:45');
    expect(problems).toEqual([]);
  });
});

describe('typed work is kept', () => {
  it('Enter in "Hẹn tái khám" saves the date just typed; a date that does not exist is named, not dropped', async () => {
    const { page, problems } = await nurse();
    const visitId = await startExam(page, 'followUp');
    await vital(page, 'pulse').fill('78');
    const followUp = page.getByTestId('follow-up');
    await followUp.fill('31/02/2027');
    await followUp.press('Enter');
    await expect
      .poll(() => page.getByTestId('sign-blocked').textContent())
      .toContain('Hẹn tái khám: nhập ngày dạng dd/mm/yyyy');
    expect((await visitOf(visitId)).status).toBe('draft');
    await followUp.fill('07/01/2027');
    await followUp.press('Enter');
    await expect.poll(() => page.getByTestId('start-exam').isVisible()).toBe(true);
    expect(await visitOf(visitId)).toMatchObject({
      status: 'signed',
      followUpOn: '2027-01-07',
      vitals: { pulse: 78 },
    });
    expect(problems).toEqual([]);
  });

  it('a 10,000-character note is named and held back while everything else is saved; leaving asks', async () => {
    const { page, problems } = await nurse();
    const visitId = await startExam(page, 'note');
    await page.getByLabel('Lý do khám').fill('Ho khan 2 tuần');
    await page.getByLabel('Bệnh sử').fill('Ho '.repeat(3334).trim());
    await expect
      .poll(() => page.getByText('Bệnh sử: tối đa 4.000 ký tự, đang có 10.001.').isVisible())
      .toBe(true);
    // Autosave goes on for the other fields.
    await expect
      .poll(async () => (await visitOf(visitId)).reason, { timeout: 15_000 })
      .toBe('Ho khan 2 tuần');
    expect((await visitOf(visitId)).history).toBe('');
    await screenshot(page, '72-exam-long-note');
    // Leaving would lose the note: the nurse is asked, and Enter (the safe choice) stays.
    await page.keyboard.press('Escape');
    const dialog = page.getByRole('alertdialog');
    await expect.poll(() => dialog.textContent()).toContain('Bệnh sử: tối đa 4.000 ký tự');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.getByRole('heading', { name: /Khám bệnh ngày/ }).isVisible()).toBe(true);
    // Shortened, it is saved, and the screen is left without a question.
    await page.getByLabel('Bệnh sử').fill('Ho khan, không sốt, không khó thở.');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('start-exam').isVisible()).toBe(true);
    expect((await visitOf(visitId)).history).toBe('Ho khan, không sốt, không khó thở.');
    expect(problems).toEqual([]);
  });

  it('"Bỏ bản nháp" asks before deleting the draft', async () => {
    const { page, problems } = await nurse();
    const visitId = await startExam(page, 'discard');
    await vital(page, 'pulse').fill('90');
    await page.getByRole('button', { name: 'Bỏ bản nháp' }).click();
    const dialog = page.getByRole('alertdialog');
    await expect.poll(() => dialog.textContent()).toContain('Bỏ bản nháp lượt khám này?');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await visitOf(visitId)).status).toBe('draft');
    await page.getByRole('button', { name: 'Bỏ bản nháp' }).click();
    await dialog.getByRole('button', { name: 'Bỏ bản nháp' }).click();
    await expect.poll(() => page.getByTestId('start-exam').isVisible()).toBe(true);
    await expect(visitOf(visitId)).rejects.toThrow(/visits.get/);
    expect(problems).toEqual([]);
  });
});

describe('device readings and scans stay with the patient on screen', () => {
  it('never offers the previous patient’s reading to the next; one that came with no exam open needs a click', async () => {
    const { page, problems } = await nurse();
    await call('devices.setSimulator', { enabled: true });
    // Mr Trước's exam is open when the monitor sends his reading; the nurse leaves without taking it.
    await startExam(page, 'first');
    await call('devices.simulate', { what: 'bp', values: { systolic: 152, diastolic: 94, pulse: 80 } });
    await expect.poll(() => page.getByTestId('reading').textContent()).toContain('152/94');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('start-exam').isVisible()).toBe(true);

    // Mrs Sau's exam: his reading is not offered; hers is, and Enter, Enter takes it and signs.
    const second = await startExam(page, 'second');
    await page.waitForTimeout(600);
    expect(await page.getByTestId('device-readings').count()).toBe(0);
    await call('devices.simulate', { what: 'bp', values: { systolic: 126, diastolic: 78, pulse: 70 } });
    await expect.poll(() => page.getByTestId('reading').textContent()).toContain('126/78');
    expect(await page.getByTestId('device-readings').textContent()).not.toContain('152/94');
    await page.keyboard.press('Enter');
    await expect.poll(() => vital(page, 'systolic').inputValue()).toBe('126');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('start-exam').isVisible()).toBe(true);
    expect((await visitOf(second)).vitals).toMatchObject({ systolic: 126, diastolic: 78 });

    // Measured before any exam was opened: offered with its time, taken only by a click.
    await call('devices.simulate', { what: 'bp', values: { systolic: 141, diastolic: 88, pulse: 75 } });
    await page.waitForTimeout(300);
    const third = await startExam(page, 'third');
    const unassigned = page.getByTestId('reading-unassigned');
    await expect.poll(() => unassigned.textContent()).toMatch(/141\/88.*khi chưa mở lượt khám nào/);
    await vital(page, 'pulse').click();
    await vital(page, 'pulse').press('Enter');
    // Enter signed nothing with it: there was nothing to sign, and the reading is still waiting.
    await expect.poll(() => page.getByTestId('sign-blocked').count()).toBe(0);
    expect(await vital(page, 'systolic').inputValue()).toBe('');
    await screenshot(page, '73-exam-reading-no-exam-open');
    await unassigned.getByRole('button', { name: 'Dùng cho người này' }).click();
    await expect.poll(() => vital(page, 'systolic').inputValue()).toBe('141');
    await vital(page, 'systolic').press('Enter');
    await expect.poll(() => page.getByTestId('start-exam').isVisible()).toBe(true);
    expect((await visitOf(third)).vitals.systolic).toBe(141);
    expect(problems).toEqual([]);
  });

  it('a card scanned during an exam keeps the exam open, and after signing opens the scanned person’s exam', async () => {
    const { page, problems } = await nurse();
    const visitId = await startExam(page, 'open');
    await vital(page, 'pulse').fill('72');
    await call('devices.simulate', { what: 'cccd', values: { cccd: people.scanned.cccd } });
    await expect
      .poll(() => page.getByTestId('scan-waiting').textContent())
      .toContain('Đã quét thẻ của Đặng Văn Quét');
    expect(await page.getByTestId('person-header').textContent()).toContain('Bùi Thị Đang Khám');
    expect(await vital(page, 'pulse').inputValue()).toBe('72');
    await screenshot(page, '74-exam-scan-waiting');
    await vital(page, 'pulse').press('Enter');
    await expect.poll(() => page.getByTestId('person-header').textContent()).toContain('Đặng Văn Quét');
    await expect.poll(() => page.getByRole('heading', { name: /Khám bệnh ngày/ }).isVisible()).toBe(true);
    expect((await visitOf(visitId)).status).toBe('signed');
    await call('devices.setSimulator', { enabled: false });
    expect(problems).toEqual([]);
  });
});

describe('getting around the exam', () => {
  it('jumps with Alt+letters, shows the keys with F1, and switches record parts with A–D', async () => {
    const { page, problems } = await nurse();
    await startExam(page, 'man');
    await page.keyboard.press('Alt+c');
    expect(await page.evaluate(`document.activeElement?.getAttribute('role')`)).toBe('combobox');
    // A man is not offered pregnancy codes.
    await page.keyboard.type('mang thai');
    await expect.poll(() => page.getByRole('note').textContent()).toMatch(/ẩn/i);
    expect((await page.getByRole('option').allTextContents()).filter((o) => /^O\d/.test(o.trim()))).toEqual(
      [],
    );
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Alt+h');
    expect(await page.evaluate(`document.activeElement?.id`)).toBe('follow-up');
    await page.keyboard.press('F1');
    await expect.poll(() => page.getByTestId('shortcut-help').textContent()).toContain('Khi đang khám');
    expect(await page.getByTestId('shortcut-help').locator('h3').first().textContent()).toBe('Khi đang khám');
    await screenshot(page, '75-shortcut-help');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('shortcut-help').count()).toBe(0);
    // A select: Enter signs (here: nothing typed yet, so the signature is refused), it does not open.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('start-exam').isVisible()).toBe(true);
    await page.keyboard.press('b');
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toContain('B. Tiền sử');
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.getByRole('tab', { selected: true }).textContent())
      .toContain('C. Tiêm chủng');
    expect(problems).toEqual([]);
  });

  it('shows a child’s z-scores and nutrition status while the weight is typed, before anything is saved', async () => {
    const { page, problems } = await nurse();
    await startExam(page, 'child');
    await vital(page, 'weightKg').fill('7,1');
    await vital(page, 'heightCm').fill('74');
    await expect
      .poll(() => page.getByTestId('growth-line').allTextContents())
      .toContainEqual(expect.stringMatching(/^Cân nặng theo tuổi: z = -?\d/));
    expect((await page.getByTestId('growth-line').allTextContents()).join(' ')).toMatch(
      /suy dinh dưỡng|nhẹ cân|Bình thường/i,
    );
    await screenshot(page, '76-exam-child-zscores');
    // Enter on a list (how the length was measured) signs, rather than opening the list.
    await page.getByLabel('Đo chiều dài').selectOption('lying');
    await page.getByLabel('Đo chiều dài').press('Enter');
    await expect.poll(() => page.getByTestId('start-exam').isVisible()).toBe(true);
    const [signed] = (await call('record.get', { personId: people.child.id })).visits;
    expect((await visitOf(signed.id)).vitals).toMatchObject({
      weightKg: 7.1,
      heightCm: 74,
      position: 'lying',
    });
    expect(problems).toEqual([]);
  });

  it('at 1366×768 a field reached with Tab is never under the save bar', async () => {
    const { page, problems } = await nurse();
    await startExam(page, 'child');
    await vital(page, 'systolic').focus();
    // The status bar's links sit below the save bar, not under it: Tab may reach them.
    const hidden: string[] = [];
    for (let i = 0; i < 45; i++) {
      await page.keyboard.press('Tab');
      const r = (await page.evaluate(`(() => {
        const a = document.activeElement; const bar = document.querySelector('.sticky');
        if (!a || a === document.body || !bar || bar.contains(a) || a.closest('footer')) return null;
        const ar = a.getBoundingClientRect(); const br = bar.getBoundingClientRect();
        return { label: (a.getAttribute('aria-label') || a.getAttribute('data-vital') || a.id || a.tagName), bottom: ar.bottom, barTop: br.top };
      })()`)) as { label: string; bottom: number; barTop: number } | null;
      if (r && r.bottom > r.barTop)
        hidden.push(`${r.label} ${Math.round(r.bottom)} > ${Math.round(r.barTop)}`);
    }
    expect(hidden).toEqual([]);
    await screenshot(page, '77-exam-focus-above-bar');
    expect(problems).toEqual([]);
  });
});
