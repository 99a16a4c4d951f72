/**
 * Devices in the real UI: district IT sets up a scale on a serial port (a socat pty pair read by
 * the real serialport and driver) and watches its frames in the live monitor; a card nobody is
 * registered with opens registration prefilled from the card; a scanner in keyboard mode is caught
 * in the page and opens the resident instead of typing into the search box.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationInput, OperationName, OperationOutput } from '#contract/operations.ts';
import { SerialTransport } from '../../main/core/devices/transports/serial.ts';
import { openPtyPair, type PtyPair } from '../../main/core/devices/simulator/pty-pair.ts';
import { playFrames, scenarioFrames } from '../../main/core/devices/simulator/scenarios.ts';
import { bhytQrText } from '../../main/core/devices/simulator/cards.ts';
import { SERIAL_8N1_9600 } from '../../main/core/devices/settings.ts';
import { memoryBinding } from '../helpers/core.ts';
import {
  launchBrowser,
  openPage,
  screenshot,
  startApp,
  typeLikeAScanner,
  type RunningApp,
} from '../helpers/browser.ts';
import { cccdFor, personInput } from '../helpers/persons.ts';

let app: RunningApp;
let browser: Browser;
let pair: PtyPair;
const admin = memoryBinding();

async function call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
  const r = await app.core.call(admin, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as OperationOutput<N>;
}

let insured: { id: string };
const BHYT = 'HT3383821234567';

beforeAll(async () => {
  app = await startApp();
  pair = await openPtyPair();
  await call('station.setup', {
    station: { code: '38279', name: 'Trạm Y tế Xã Nông Cống', provinceCode: '38', communeCode: '16279' },
    admin: { username: 'quantri', fullName: 'Lê Văn Quản', password: 'quan-tri-123' },
  });
  await call('auth.login', { username: 'quantri', password: 'quan-tri-123' });
  insured = await call('persons.create', {
    person: personInput({
      fullName: 'Phan Thị Thu',
      sex: 'F',
      birthDate: '1984-11-02',
      identifiers: [{ kind: 'bhyt', value: BHYT }],
    }),
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await pair?.close();
});

async function signIn(page: Page): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill('quantri');
  await page.getByLabel('Mật khẩu').fill('quan-tri-123');
  await page.getByLabel('Mật khẩu').press('Enter');
  await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('Lê Văn Quản');
}

describe('the "Thiết bị" screen and scans, as district IT and the nurse use them', () => {
  it('sets up a scale on a typed-in COM port; it connects and its frames show in the live monitor', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await signIn(page);
    await page.keyboard.press('Alt+6');
    await page.getByTestId('manual-port').click();
    await page.getByLabel(/^Tên gọi/).fill('Cân sức khỏe A&D');
    await page.getByLabel(/^Dùng để/).selectOption('scale');
    await page.getByLabel(/^Trình điều khiển/).selectOption('scale-and');
    await page.getByRole('textbox', { name: 'Cổng', exact: true }).fill(pair.hostPath);
    // The settings the A&D manual gives are filled in by the driver.
    expect(await page.getByLabel('Tốc độ (baud)').inputValue()).toBe('2400');
    await page.getByRole('textbox', { name: 'Cổng', exact: true }).press('Enter');
    await expect.poll(() => page.getByTestId('device-status').allTextContents()).toEqual(['Đã kết nối']);

    const far = new SerialTransport({ path: pair.devicePath, settings: SERIAL_8N1_9600 });
    await far.open();
    const scenario = scenarioFrames('scale-and', { kind: 'weight', kg: 71.2 });
    if (!scenario.ok) throw new Error(scenario.error);
    await playFrames(far, scenario.frames);
    await far.close();
    await expect
      .poll(() => page.getByTestId('live-monitor').textContent(), { timeout: 5000 })
      .toContain('Cân nặng 71.2 kg');
    expect(await page.getByTestId('live-monitor').textContent()).toMatch(/53 54 2c 47 53/);
    await screenshot(page, '30-devices-screen');
    const tray = await call('measurements.tray', {});
    expect(tray[0]).toMatchObject({ device: 'Cân sức khỏe A&D', kind: 'weight', values: { weightKg: 71.2 } });
    expect(problems).toEqual([]);
  });

  it('a card of someone not yet registered opens registration prefilled from the card', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await signIn(page);
    await page.keyboard.press('Alt+6');
    await page.getByTestId('simulator-switch').check();
    await page.getByLabel('Số CCCD').fill(cccdFor('M', 1990, '246810'));
    await page.getByTestId('sim-scan-cccd').click();
    await expect.poll(() => page.getByRole('heading', { name: 'Đăng ký người dân' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByLabel(/^Họ và tên/).inputValue()).toBe('Nguyễn Văn An');
    expect(await page.getByLabel('Số CCCD / định danh cá nhân').inputValue()).toBe(
      cccdFor('M', 1990, '246810'),
    );
    await expect.poll(() => page.getByText('Đã điền sẵn từ thẻ').isVisible()).toBe(true);
    await screenshot(page, '31-registration-from-card');
    expect(problems).toEqual([]);
  });

  it('a BHYT card read by a scanner in keyboard mode opens the resident, and nothing lands in the search box', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await signIn(page);
    await page.keyboard.press('Alt+2');
    await page.keyboard.press('F2');
    const qr = bhytQrText({
      number: BHYT,
      fullName: 'Phan Thị Thu',
      birthDate: '1984-11-02',
      sex: 'F',
      validTo: '2027-12-31',
    });
    // A scanner types ASCII quickly and evenly, then Enter.
    await typeLikeAScanner(page, qr);
    await expect.poll(() => page.getByTestId('person-header').textContent()).toContain('Phan Thị Thu');
    expect(page.url()).toContain(insured.id);
    expect(await page.getByRole('combobox', { name: 'Tìm người dân' }).inputValue()).toBe('');
    // A person typing in the same box is left alone.
    await page.keyboard.press('F2');
    await page.keyboard.type('phan thi', { delay: 90 });
    expect(await page.getByRole('combobox', { name: 'Tìm người dân' }).inputValue()).toBe('phan thi');
    expect(problems).toEqual([]);
  });
});
