/**
 * Backups as the administrator uses them: a backup from Quản trị → Sao lưu, a resident added
 * after it, the restore wizard, and the app back on the backup (the later resident gone, every
 * session ended); then the database key changed from the same screen, with the new recovery key's sheet.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { personInput } from '../helpers/persons.ts';
import { launchBrowser, openPage, screenshot, startApp, type RunningApp } from '../helpers/browser.ts';
import { ADMIN, adminCall, setUpStation, signIn } from '../helpers/station.ts';
import { verifyAuditChain } from '../../main/core/audit/audit.ts';
import { plainProtector, readKeyFile } from '../../main/core/db/keystore.ts';
import { decodeRecoveryKey } from '../../main/core/db/recovery-key.ts';
import { keyFileFor } from '../../main/core/paths.ts';

let app: RunningApp;
let browser: Browser;
const call = adminCall(() => app);

beforeAll(async () => {
  app = await startApp();
  await setUpStation(call);
  await call('persons.create', {
    person: personInput({ fullName: 'Trần Thị Có Sao Lưu' }),
    confirmSimilar: true,
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const names = () =>
  app.core.ctx.store.raw.prepare('SELECT full_name FROM persons ORDER BY full_name').pluck().all();

it('takes a backup from the screen and restores it through the wizard; the app comes back on it', async () => {
  const { page, problems } = await openPage(browser, app.server.launchUrl);
  await signIn(page, ADMIN);
  await page
    .getByRole('navigation')
    .getByRole('link', { name: /Quản trị/ })
    .click();
  await page.getByRole('tab', { name: 'Sao lưu' }).click();
  await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
  await expect
    .poll(() => page.getByRole('button', { name: 'Phục hồi bản này…' }).count(), { timeout: 20_000 })
    .toBe(1);
  await screenshot(page, '90-backup-list');

  // Work goes on after the backup.
  await call('persons.create', {
    person: personInput({ fullName: 'Lê Văn Sau Sao Lưu' }),
    confirmSimilar: true,
  });
  expect(names()).toHaveLength(2);

  await page.getByRole('button', { name: 'Phục hồi bản này…' }).click();
  await expect.poll(() => page.getByTestId('restore-persons').textContent(), { timeout: 20_000 }).toBe('1');
  const restore = page.getByRole('button', { name: 'Phục hồi', exact: true });
  expect(await restore.isDisabled()).toBe(true);
  await page.getByLabel('Tôi hiểu và muốn phục hồi từ bản sao lưu này').check();
  await screenshot(page, '91-restore-confirm');
  await restore.click();

  // The app restarts into the backup: the page reloads on the sign-in screen.
  await page.getByLabel('Tên đăng nhập').waitFor({ timeout: 30_000 });
  await screenshot(page, '92-restored-sign-in');
  expect(names()).toEqual(['Trần Thị Có Sao Lưu']);
  await signIn(page, ADMIN);

  // Then the database key is changed from the same screen: asked first, on the trail, and the NEW
  // recovery key shown once on its sheet.
  await page
    .getByRole('navigation')
    .getByRole('link', { name: /Quản trị/ })
    .click();
  await page.getByRole('tab', { name: 'Sao lưu' }).click();
  const keyFile = keyFileFor(app.core.database.file);
  const keyBefore = readKeyFile(keyFile, plainProtector);
  await page.getByRole('button', { name: 'Đổi khóa mã hóa…' }).click();
  await page.getByRole('alertdialog').waitFor();
  await screenshot(page, '93-rekey-confirm');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Đổi khóa', exact: true }).click();
  await page.getByTestId('recovery-sheet').waitFor({ timeout: 20_000 });
  expect(await page.getByTestId('recovery-admin').textContent()).toContain(
    'mã cũ không còn mở được cơ sở dữ liệu này',
  );
  const shown = (await page.getByTestId('recovery-key').locator('li').allTextContents()).join('-');
  const keyAfter = readKeyFile(keyFile, plainProtector);
  expect(keyAfter.equals(keyBefore)).toBe(false);
  expect(decodeRecoveryKey(shown).equals(keyAfter)).toBe(true);
  await screenshot(page, '93-rekey-new-sheet');
  expect(verifyAuditChain(app.core.database.store).ok).toBe(true);
  await page.getByTestId('recovery-written').check();
  await page.getByRole('button', { name: /Đã cất, đóng tờ này/ }).click();
  await expect.poll(() => page.getByTestId('recovery-sheet').count()).toBe(0);
  // The app goes on, on the re-keyed database.
  expect(names()).toEqual(['Trần Thị Có Sao Lưu']);
  expect(problems.filter((p) => !/UNAUTHENTICATED|401|ERR_CONNECTION|api\/events/.test(p))).toEqual([]);
});
