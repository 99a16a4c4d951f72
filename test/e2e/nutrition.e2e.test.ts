/**
 * Issue 14 (nutrition, elderly, part D) in the real UI at 1366×768: a child's exam with head
 * circumference and MUAC (their meaning shown as typed), the 831 D.3 preset test rows, a vitamin A
 * dose recorded from the child's record, and the yearly-exam reminder for residents of 60 and over
 * on "Hôm nay".
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDay } from '../../main/core/clock.ts';
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from '../helpers/browser.ts';
import { personInput } from '../helpers/persons.ts';
import { adminCall, setUpStation, signIn } from '../helpers/station.ts';

let app: RunningApp;
let browser: Browser;
const call = adminCall(() => app);
const daysAgo = (n: number) => vnDay(new Date(Date.now() - n * 86_400_000));
let child: { id: string };

beforeAll(async () => {
  app = await startApp();
  await setUpStation(call);
  child = await call('persons.create', {
    person: personInput({ fullName: 'Bé Vòng Đầu', sex: 'M', birthDate: daysAgo(396) }),
  });
  await call('persons.create', {
    person: personInput({ fullName: 'Cụ Sáu Mươi', sex: 'F', birthDate: '1950-01-01' }),
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('a child’s nutrition', () => {
  it('exam with head circumference, MUAC and a preset test row; then a vitamin A dose; and the 60+ reminder', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page);
    // Hôm nay: the resident of 60 and over never examined is due for the yearly exam.
    await expect
      .poll(() => page.getByTestId('elderly-due-card').textContent())
      .toMatch(/^\s*1\s*người cao tuổi cần khám định kỳ/);
    const elderly = page.getByTestId('today-queue').locator('tr', { hasText: 'Cụ Sáu Mươi' });
    await expect.poll(() => elderly.textContent()).toMatch(/Khám NCT hằng năm.*chưa khám sức khỏe lần nào/);

    await page.evaluate(`location.hash = '#/residents/person/${child.id}'`);
    await expect.poll(() => page.getByTestId('start-exam').isVisible()).toBe(true);
    await page.keyboard.press('k');
    await expect.poll(() => page.getByRole('heading', { name: /Khám bệnh ngày/ }).isVisible()).toBe(true);
    const visitId =
      String(await page.evaluate('location.hash'))
        .split('/')
        .pop() ?? '';

    await page.locator('[data-vital=weightKg]').fill('9,4');
    await page.locator('[data-vital=heightCm]').fill('75');
    await page.locator('[data-vital=headCircumferenceCm]').fill('41,5');
    await page.locator('[data-vital=muacMm]').fill('112');
    // What the numbers mean, from the core.
    await expect
      .poll(() => page.getByTestId('growth-line').allTextContents(), { timeout: 15_000 })
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Vòng đầu theo tuổi: z = -3,\d+ · Vòng đầu rất nhỏ \(dưới -3 SD\)$/),
          'Vòng cánh tay (MUAC): Suy dinh dưỡng cấp tính nặng (MUAC < 115 mm)',
        ]),
      );
    // D.3: the form's four preset rows are there, ready for a result.
    expect(
      await page.locator('[data-lab]').evaluateAll((els) => els.map((e) => e.getAttribute('data-lab'))),
    ).toEqual(['Xét nghiệm huyết học', 'Sinh hóa máu', 'Sinh hóa nước tiểu', 'Siêu âm ổ bụng']);
    await page.locator('[data-lab="Xét nghiệm huyết học"]').fill('Hb 98 g/L');
    await page.locator('[data-vital=muacMm]').scrollIntoViewIfNeeded();
    await screenshot(page, '90-child-exam-head-muac');
    await page.locator('[data-lab="Xét nghiệm huyết học"]').press('Enter');
    await expect.poll(() => page.getByTestId('start-exam').isVisible(), { timeout: 15_000 }).toBe(true);
    const signed = await call('visits.get', { id: visitId });
    expect(signed).toMatchObject({ status: 'signed', vitals: { headCircumferenceCm: 41.5, muacMm: 112 } });
    // Only the preset row that was filled is saved.
    expect(signed.labs).toEqual([{ group: 'lab', name: 'Xét nghiệm huyết học', result: 'Hb 98 g/L' }]);

    // The child's record: vitamin A is due; record today's dose with the suggested 200.000 IU.
    const panel = page.getByTestId('supplements');
    await expect
      .poll(() => panel.getByTestId('supplement-due').first().textContent())
      .toMatch(/^Vitamin A: Đến hạn từ/);
    expect(await panel.getByTestId('supplement-dose').inputValue()).toBe('200.000 IU');
    await panel.getByTestId('supplement-dose').press('Enter');
    await expect.poll(() => panel.getByTestId('supplement-doses').textContent()).toContain('200.000 IU');
    await expect
      .poll(() => panel.getByTestId('supplement-due').first().textContent())
      .toMatch(/^Vitamin A: Lần tới: /);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, '91-child-vitamin-a-recorded');
    expect((await call('supplements.list', { personId: child.id })).doses).toMatchObject([
      { kind: 'vitamin_a', givenOn: vnDay(new Date()), dose: '200.000 IU' },
    ]);
    expect(problems).toEqual([]);
  });
});
