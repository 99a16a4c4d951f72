/**
 * Closing time at the station: the administrator sets up the provincial repository (certificate,
 * "Kiểm tra kết nối"), then presses "Gửi dữ liệu cuối ngày": the wizard shows what will go, sends it
 * with a progress bar, lists the records the province refused with the reason in Vietnamese, and
 * "Gửi lại các hồ sơ lỗi" sends them — every resident ends up upstream exactly once (issue 11).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from '../helpers/browser.ts';
import { personInput } from '../helpers/persons.ts';
import { ADMIN, STATION, adminCall, setUpStation, signIn } from '../helpers/station.ts';
import { makeTestPki, type TestPki } from '../upstream/xml831-certs.ts';
import { startXml831Receiver, type Xml831Receiver } from '../upstream/xml831-receiver.ts';

let app: RunningApp;
let browser: Browser;
let receiver: Xml831Receiver;
let pki: TestPki;
const call = adminCall(() => app);
const ids: string[] = [];
const RESIDENTS = [
  'Lê Thị Mai',
  'Trần Văn Bình',
  'Phạm Thị Cúc',
  'Hoàng Văn Dũng',
  'Vũ Thị Én',
  'Đỗ Văn Phúc',
];

beforeAll(async () => {
  pki = makeTestPki();
  receiver = await startXml831Receiver({
    accounts: [
      {
        username: 'tyt-nongcong',
        password: 'mk-tinh-1',
        orgCode: STATION.code,
        certificatePem: pki.stationCertPem,
      },
    ],
  });
  app = await startApp();
  await setUpStation(call);
  for (const fullName of RESIDENTS)
    ids.push((await call('persons.create', { person: personInput({ fullName }) })).id);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await receiver?.close();
});

describe('closing time: the day goes to the province', () => {
  it('sets up the repository, sends with failures shown, retries them, and all are sent once', async () => {
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    await signIn(page, ADMIN);
    await page.keyboard.press('Alt+4');
    await expect.poll(() => page.getByRole('heading', { name: 'Đồng bộ', level: 1 }).isVisible()).toBe(true);

    // Settings: the provincial gateway, the station's certificate, and a connection check.
    await page.getByRole('tab', { name: 'Cài đặt' }).click();
    await page.getByLabel('Bật gửi lên nơi này').first().check();
    await page.locator('#x-url').fill(receiver.url);
    await page.locator('#x-user').fill('tyt-nongcong');
    await page.locator('#x-pass').fill('mk-tinh-1');
    await page
      .locator('#x-p12')
      .setInputFiles({ name: 'tram.p12', mimeType: 'application/x-pkcs12', buffer: Buffer.from(pki.p12) });
    await page.locator('#x-p12pass').fill(pki.password);
    await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await expect.poll(() => page.getByText(/Đang dùng: .*Tram Y te Xa Test/).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Kiểm tra kết nối' }).first().click();
    await expect.poll(() => page.getByTestId('check-xml831').textContent()).toContain('Kết nối tốt');
    await page.getByRole('tab', { name: 'Cài đặt' }).scrollIntoViewIfNeeded();
    await screenshot(page, '60-sync-settings');

    // The province refuses two records on the first try.
    receiver.inject(
      { kind: 'status', status: 400 },
      { kind: 'latency', ms: 300 },
      { kind: 'status', status: 400 },
    );
    await page.getByRole('tab', { name: 'Tình trạng gửi' }).click();
    await page.keyboard.press('Alt+g');
    const wizard = page.getByTestId('closing-wizard');
    await expect
      .poll(() => page.getByTestId('closing-preview').textContent())
      .toContain('6 hồ sơ sẽ được gửi');
    await screenshot(page, '61-sync-wizard-preview');
    await page.keyboard.press('Enter');
    await expect
      .poll(
        () =>
          wizard
            .getByRole('progressbar')
            .isVisible()
            .catch(() => false),
        { timeout: 5000 },
      )
      .toBe(true);
    await screenshot(page, '62-sync-wizard-progress');

    await expect.poll(() => page.getByTestId('closing-result').isVisible(), { timeout: 30_000 }).toBe(true);
    const failedRows = wizard.getByTestId('sync-failed').locator('tbody tr');
    await expect.poll(() => failedRows.count()).toBe(2);
    expect(await wizard.getByTestId('sync-failed').textContent()).toContain('Máy chủ tỉnh từ chối hồ sơ');
    expect(receiver.documents.size).toBe(4);
    await screenshot(page, '63-sync-wizard-failed');

    await wizard.getByRole('button', { name: 'Gửi lại các hồ sơ lỗi' }).click();
    await expect
      .poll(() => wizard.getByText('Mọi hồ sơ đã được gửi.').isVisible(), { timeout: 30_000 })
      .toBe(true);
    await screenshot(page, '64-sync-wizard-all-sent');
    // Exactly the six residents upstream, each once.
    expect(receiver.documents.size).toBe(6);
    expect(
      new Set([...receiver.documents.values()].map((d) => /<HOTEN>(.*?)<\/HOTEN>/.exec(d.xml)?.[1])).size,
    ).toBe(6);

    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('sync-failed-none').isVisible()).toBe(true);
    expect(await page.getByTestId('sync-badge').textContent()).toContain('đã gửi hết');
    await screenshot(page, '65-sync-screen');

    // The resident's consent to share is recorded in part A of the record (for sharing upstreams).
    const id = ids[0] ?? '';
    await page.evaluate((hash) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = hash;
    }, `#/residents/person/${id}`);
    await page.locator('[role=tab][data-tab=A]').click();
    const consent = page.getByTestId('consent');
    await consent.getByRole('combobox').selectOption('given');
    await consent.getByRole('button', { name: 'Ghi ý kiến' }).click();
    await expect.poll(() => consent.textContent()).toContain('Đồng ý chia sẻ');
    expect(await consent.textContent()).toMatch(/ghi bởi/);
    await consent.scrollIntoViewIfNeeded();
    await screenshot(page, '66-sync-record-consent');
    expect(problems).toEqual([]);
  });
});
