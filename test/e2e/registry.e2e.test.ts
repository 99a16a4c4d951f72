import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryBinding } from '../helpers/core.ts';
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from '../helpers/browser.ts';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  const b = memoryBinding();
  const r = await app.core.call(b, 'station.setup', {
    station: { code: '38279', name: 'Trạm Y tế Xã Nông Cống', provinceCode: '38', communeCode: '16279' },
    admin: { username: 'vanthu', fullName: 'Phạm Đức Thắng', password: 'van-thu-123' },
  });
  expect(r.ok).toBe(true);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The form puts the cursor in the name field as it opens; typing before that would lose letters. */
const nameFocused = (page: Page): Promise<boolean> =>
  page.getByLabel(/^Họ và tên/).evaluate((el) => el === el.ownerDocument.activeElement);

async function signIn(page: Page): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill('vanthu');
  await page.getByLabel('Mật khẩu').fill('van-thu-123');
  await page.getByLabel('Mật khẩu').press('Enter');
  await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('Phạm Đức Thắng');
}

describe('the resident registry, as the clerk uses it', () => {
  it('registers a resident from the keyboard, finds her by a diacritic-free search, and edits her', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await signIn(page);

    // Ctrl+N opens registration; the name field has focus.
    await page.keyboard.press('Control+n');
    await expect.poll(() => page.getByRole('heading', { name: 'Đăng ký người dân' }).isVisible()).toBe(true);
    await expect.poll(() => nameFocused(page)).toBe(true);
    await page.keyboard.type('Đặng Thị Hường');
    await page.getByLabel(/^Giới tính/).selectOption('F');
    await page.getByLabel(/^Ngày sinh/).fill('07/03/1958');
    await page.getByLabel('Số CCCD / định danh cá nhân').fill('038158004321');
    await page.getByLabel('Số thẻ BHYT').fill('3800112233');
    await page.locator('#p-perm-province').fill('thanh hoa');
    await page.getByRole('option', { name: 'Tỉnh Thanh Hoá' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('#p-perm-commune').fill('nong cong');
    await page.getByRole('option', { name: 'Xã Nông Cống' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('#p-perm-village').fill('Thôn Đông');
    await page.getByLabel('Điện thoại di động').fill('0912 345 678');
    await screenshot(page, '10-register-form');
    // Enter saves.
    await page.getByLabel('Điện thoại di động').press('Enter');
    await expect.poll(() => page.getByTestId('person-header').textContent()).toContain('Đặng Thị Hường');
    // The record opens on part D (exams); part A holds the administrative details just typed.
    await page.getByRole('tab', { name: 'A. Hành chính' }).click();
    await expect
      .poll(() => page.getByText('Thôn Đông, Xã Nông Cống, Tỉnh Thanh Hoá').first().isVisible())
      .toBe(true);
    await screenshot(page, '11-person-view');

    // F2, typed without diacritics, in a different order: found; Enter opens the record.
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('F2');
    await page.keyboard.type('huong dang 1958');
    await expect.poll(() => page.getByRole('option', { name: /Đặng Thị Hường/ }).count()).toBe(1);
    await screenshot(page, '12-search');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('person-header').textContent()).toContain('038158004321');

    // E edits; the change is saved and shown.
    await page.keyboard.press('e');
    await expect
      .poll(() => page.getByRole('heading', { name: 'Sửa thông tin hành chính' }).isVisible())
      .toBe(true);
    await page.getByLabel('Nghề nghiệp').fill('Nông dân');
    await page.getByLabel('Nghề nghiệp').press('Enter');
    await expect.poll(() => page.getByText('Nông dân').isVisible()).toBe(true);
    const stored = await app.core.ctx.store.raw
      .prepare(`SELECT occupation, phone_mobile, version FROM persons WHERE full_name = 'Đặng Thị Hường'`)
      .get();
    expect(stored).toEqual({ occupation: 'Nông dân', phone_mobile: '0912345678', version: 2 });
    expect(problems).toEqual([]);
  });

  it('blocks a second registration with the same CCCD and offers the existing record', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await signIn(page);
    await page.keyboard.press('Control+n');
    await expect.poll(() => nameFocused(page)).toBe(true);
    await page.keyboard.type('Đặng Hường');
    await page.getByLabel(/^Giới tính/).selectOption('F');
    await page.getByLabel(/^Ngày sinh/).fill('1958');
    await page.getByLabel('Số CCCD / định danh cá nhân').fill('038 158 004 321');
    await page.getByLabel('Số CCCD / định danh cá nhân').press('Enter');
    await expect.poll(() => page.getByTestId('duplicates').textContent()).toContain('Đặng Thị Hường');
    await screenshot(page, '13-duplicate-blocked');
    await page.getByRole('button', { name: 'Mở hồ sơ này' }).click();
    await expect.poll(() => page.getByTestId('person-header').textContent()).toContain('Đặng Thị Hường');
    expect(problems).toEqual([]);
  });

  it('lists residents with filters', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await signIn(page);
    await page.keyboard.press('Alt+2');
    await expect.poll(() => page.getByTestId('resident-count').textContent()).toBe('1 người');
    await page.getByLabel('Giới tính').selectOption('M');
    await expect.poll(() => page.getByTestId('resident-count').textContent()).toBe('0 người');
    await screenshot(page, '14-residents-filtered');
    expect(problems).toEqual([]);
  });
});

/** Registration at 1366×768, the stations' common screen (issue 8, points 8 and 13). */
async function openForm(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page);
  await page.keyboard.press('Control+n');
  await expect.poll(() => nameFocused(page)).toBe(true);
}

const value = (page: Page, selector: string): Promise<string> => page.locator(selector).inputValue();
const focusedText = async (page: Page): Promise<string | undefined> =>
  (await page.locator(':focus').textContent())?.trim();

async function pick(page: Page, selector: string, typed: string, option: string): Promise<void> {
  await page.locator(selector).fill(typed);
  await page.getByRole('option', { name: option }).first().waitFor();
  await page.keyboard.press('Enter');
}

describe('registration asks for what it must not guess and fills what it can', () => {
  it('starts with no sex or ethnicity chosen and the station’s own province and commune filled in', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await openForm(page);
    expect(await value(page, '#p-sex')).toBe('');
    expect(await value(page, '#p-eth')).toBe('');
    await expect.poll(() => value(page, '#p-perm-province')).toBe('Tỉnh Thanh Hoá');
    await expect.poll(() => value(page, '#p-perm-commune')).toBe('Xã Nông Cống');
    // The current address starts as the permanent one; shown apart, it carries the same units.
    await page.getByLabel('Nơi ở hiện tại giống nơi thường trú').uncheck();
    await expect.poll(() => value(page, '#p-cur-province')).toBe('Tỉnh Thanh Hoá');
    await expect.poll(() => value(page, '#p-cur-commune')).toBe('Xã Nông Cống');
    await page.getByLabel('Nơi ở hiện tại giống nơi thường trú').check();
    await screenshot(page, '15-register-defaults');

    // Saving without a sex names the field and keeps everything typed.
    await page.getByLabel(/^Họ và tên/).fill('Lò Văn Páo');
    await page.getByLabel(/^Ngày sinh/).fill('1990');
    await page.getByLabel(/^Ngày sinh/).press('Enter');
    await expect.poll(() => page.locator('#p-sex-error').textContent()).toBe('Chọn giới tính');
    expect(await value(page, '#p-name')).toBe('Lò Văn Páo');
    expect(
      app.core.ctx.store.raw
        .prepare(`SELECT count(*) AS n FROM persons WHERE full_name = 'Lò Văn Páo'`)
        .get(),
    ).toEqual({ n: 0 });
    await screenshot(page, '16-register-sex-required');
    expect(problems).toEqual([]);
  });

  it('takes sex from a scanned card, and the card’s address over the station’s', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page);
    await page.keyboard.press('Alt+2');
    // The in-app simulator plays a real CCCD frame through the scanner driver (Thiết bị → Mô phỏng).
    await page.evaluate(
      async (values) => {
        type Call = (input: unknown) => Promise<{ ok: boolean }>;
        const devices = (
          globalThis as unknown as { hssk: { devices: { setSimulator: Call; simulate: Call } } }
        ).hssk.devices;
        await devices.setSimulator({ enabled: true });
        await devices.simulate({ what: 'cccd', values });
      },
      {
        cccd: '089192017098',
        fullName: 'Lê Thị Lương',
        sex: 'F',
        birthDate: '1992-05-23',
        address: 'Tổ 10 Ấp An Thái, Hòa Bình, Chợ Mới, An Giang',
      },
    );
    await expect.poll(() => page.getByRole('heading', { name: 'Đăng ký người dân' }).isVisible()).toBe(true);
    await expect.poll(() => value(page, '#p-name')).toBe('Lê Thị Lương');
    expect(await value(page, '#p-sex')).toBe('F');
    expect(await value(page, '#p-eth')).toBe('');
    await expect.poll(() => value(page, '#p-perm-province')).toBe('Tỉnh An Giang');
    expect(await value(page, '#p-perm-commune')).not.toBe('Xã Nông Cống');
    // Nothing typed yet: Esc leaves without a question.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.url()).toMatch(/#\/residents$/);
    expect(problems).toEqual([]);
  });

  it('records A.7 (birth registration province) and landline and mobile for mother, father and caregiver, and shows them', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await openForm(page);
    await page.keyboard.type('Hồ Thị Lan');
    await page.getByLabel(/^Giới tính/).selectOption('F');
    await page.getByLabel(/^Ngày sinh/).fill('12/08/2019');
    await page.getByLabel(/^Dân tộc/).selectOption({ label: 'Thái' });
    await pick(page, '#p-birth-province', 'nghe an', 'Tỉnh Nghệ An');
    await page.getByLabel('Họ tên mẹ').fill('Lương Thị Mai');
    await page.getByLabel('Di động của mẹ').fill('0912 111 222');
    await page.getByLabel('Cố định của mẹ').fill('0237 3851 234');
    await page.getByLabel('Họ tên bố').fill('Hồ Văn Sơn');
    await page.getByLabel('Di động của bố').fill('0987 333 444');
    await page.getByLabel('Cố định của bố').fill('0238 3555 666');
    await page.getByLabel('Người chăm sóc chính').fill('Lương Thị Hoa');
    await page.getByLabel('Quan hệ', { exact: true }).fill('Bà ngoại');
    await page.getByLabel('Di động của người chăm sóc').fill('0977 555 666');
    await page.getByLabel('Cố định của người chăm sóc').fill('0237 3999 888');
    // Tabbing onto the last row brings it out from under the sticky Lưu/Hủy bar.
    await page.getByLabel('Di động của người chăm sóc').focus();
    await page.keyboard.press('Tab');
    await screenshot(page, '17-register-family-phones');
    await page.getByLabel('Cố định của người chăm sóc').press('Enter');
    await expect.poll(() => page.getByTestId('person-header').textContent()).toContain('Hồ Thị Lan');

    const stored = app.core.ctx.store.raw
      .prepare(
        `SELECT birth_province_code, ethnicity_code, mother_phone, mother_landline, father_phone, father_landline, caregiver_phone, caregiver_landline
         FROM persons WHERE full_name = 'Hồ Thị Lan'`,
      )
      .get();
    expect(stored).toEqual({
      birth_province_code: '40',
      ethnicity_code: '03',
      mother_phone: '0912111222',
      mother_landline: '02373851234',
      father_phone: '0987333444',
      father_landline: '02383555666',
      caregiver_phone: '0977555666',
      caregiver_landline: '02373999888',
    });

    await page.getByRole('tab', { name: 'A. Hành chính' }).click();
    const partA = page.getByRole('tabpanel');
    await expect.poll(() => partA.textContent()).toContain('Nơi đăng ký khai sinh');
    const text = (await partA.textContent()) ?? '';
    expect(text).toContain('Tỉnh Nghệ An');
    expect(text).toContain('Lương Thị Mai');
    expect(text).toContain('di động 0912111222');
    expect(text).toContain('cố định 02373851234');
    expect(text).toContain('cố định 02383555666');
    expect(text).toContain('Lương Thị Hoa (Bà ngoại)');
    expect(text).toContain('cố định 02373999888');
    await screenshot(page, '18-part-a-birth-province-phones');
    expect(problems).toEqual([]);
  });

  it('creates a household with the new resident as its head, and puts the next resident into it by the head’s name', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await openForm(page);
    await page.keyboard.type('Nguyễn Văn Hùng');
    await page.getByLabel(/^Giới tính/).selectOption('M');
    await page.getByLabel(/^Ngày sinh/).fill('1975');
    await page.locator('#p-perm-village').fill('Thôn Bắc');
    await page.getByLabel('Lập hộ mới (người này là chủ hộ)').check();
    await page.getByLabel('Mã hộ mới').fill('HK-0421');
    await screenshot(page, '19-register-new-household');
    await page.getByLabel('Mã hộ mới').press('Enter');
    await expect.poll(() => page.getByTestId('person-header').textContent()).toContain('Nguyễn Văn Hùng');
    const hh = app.core.ctx.store.raw
      .prepare(
        `SELECT h.code, h.village, h.head_person_id = p.id AS headed, p.relation_to_head
         FROM households h JOIN persons p ON p.household_id = h.id WHERE p.full_name = 'Nguyễn Văn Hùng'`,
      )
      .get();
    expect(hh).toEqual({ code: 'HK-0421', village: 'Thôn Bắc', headed: 1, relation_to_head: 'Chủ hộ' });

    // The next resident joins that household: found by the head's name typed without diacritics.
    await page.keyboard.press('Control+n');
    await expect.poll(() => nameFocused(page)).toBe(true);
    await page.keyboard.type('Nguyễn Thị Thu');
    await page.getByLabel(/^Giới tính/).selectOption('F');
    await page.getByLabel(/^Ngày sinh/).fill('2001');
    await page.getByLabel('Vào hộ đã có').check();
    await page.getByLabel('Tìm hộ theo mã hộ hoặc tên chủ hộ').fill('hung nguyen');
    await page.getByRole('option', { name: /HK-0421/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByLabel('Quan hệ với chủ hộ').fill('Con');
    await screenshot(page, '20-register-join-household');
    await page.getByLabel('Quan hệ với chủ hộ').press('Enter');
    await expect.poll(() => page.getByTestId('person-header').textContent()).toContain('Nguyễn Thị Thu');

    await page.getByRole('button', { name: 'Xem hộ gia đình' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Hộ gia đình HK-0421' }).isVisible())
      .toBe(true);
    const rows = page.locator('table.data tbody tr');
    await expect
      .poll(() => rows.allTextContents())
      .toEqual([expect.stringContaining('Nguyễn Văn Hùng'), expect.stringContaining('Nguyễn Thị Thu')]);
    expect(await rows.nth(1).textContent()).toContain('Con');
    expect(problems).toEqual([]);
  });

  it('creates a household from the household view, with a generated code', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page);
    const id = (
      app.core.ctx.store.raw
        .prepare(`SELECT household_id FROM persons WHERE full_name = 'Nguyễn Văn Hùng'`)
        .get() as { household_id: string }
    ).household_id;
    await page.goto(`${new URL(app.server.launchUrl).origin}/#/residents/household/${id}`);
    await page.getByRole('button', { name: 'Lập hộ mới' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Lập hộ gia đình mới' }).isVisible())
      .toBe(true);
    await page.getByLabel('Thôn/xóm').fill('Thôn Nam');
    await page.getByLabel('Chủ hộ').fill('thu nguyen');
    await page.getByRole('option', { name: /Nguyễn Thị Thu/ }).waitFor();
    await page.keyboard.press('Enter');
    await screenshot(page, '21-household-create');
    await page.getByRole('button', { name: /^Lập hộ Enter/ }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: /^Hộ gia đình 16279\d{5}$/ }).isVisible())
      .toBe(true);
    const rows = page.locator('table.data tbody tr');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Nguyễn Thị Thu')]);
    expect(await rows.first().textContent()).toContain('Chủ hộ');
    await screenshot(page, '22-household-created');
    expect(problems).toEqual([]);
  });
});

describe('a half-filled registration is never thrown away without asking', () => {
  it('asks on Esc, keeps everything on Enter (stay), and leaves only on an explicit choice', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await openForm(page);
    await page.keyboard.type('Vi Thị Nga');
    await page.getByLabel(/^Ngày sinh/).fill('03/04/1988');
    await page.getByLabel(/^Ngày sinh/).press('Escape');
    const dialog = page.getByRole('alertdialog', { name: 'Bỏ các thông tin đã nhập?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // The safe choice has the focus: Enter stays.
    await expect.poll(() => focusedText(page)).toBe('Ở lại, nhập tiếp');
    await screenshot(page, '23-discard-confirm');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await value(page, '#p-name')).toBe('Vi Thị Nga');
    expect(await value(page, '#p-birth')).toBe('03/04/1988');
    // Focus goes back where it was, so typing continues.
    await expect.poll(() => page.locator(':focus').getAttribute('id')).toBe('p-birth');

    // Esc inside the question is "stay" too.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await value(page, '#p-name')).toBe('Vi Thị Nga');

    // Leaving by another section (Alt+1, or a click in the menu) asks the same question.
    await page.keyboard.press('Alt+1');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    await page.locator('nav a[data-section="today"]').click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Ở lại, nhập tiếp' }).click();
    expect(page.url()).toContain('#/residents/new');
    expect(await value(page, '#p-name')).toBe('Vi Thị Nga');

    // Discarding is a deliberate second choice: Tab to it, then Enter.
    await page.keyboard.press('Alt+1');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    await expect.poll(() => focusedText(page)).toBe('Bỏ thông tin đã nhập');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('#/today');
    expect(
      app.core.ctx.store.raw
        .prepare(`SELECT count(*) AS n FROM persons WHERE full_name = 'Vi Thị Nga'`)
        .get(),
    ).toEqual({ n: 0 });

    // A form nothing was typed into closes on Esc without a question.
    await page.keyboard.press('Control+n');
    await expect.poll(() => nameFocused(page)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.url()).toMatch(/#\/residents$/);
    expect(await dialog.count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
