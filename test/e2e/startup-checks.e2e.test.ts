/**
 * The start-up checks in a real browser over the loopback host: a database newer than the app is a
 * screen saying so and what to do (not a crash, not the first-run wizard), a lost key file is opened
 * again with the recovery key typed on that screen, and a warning — here a nearly full disk — is a
 * banner above the app.
 */
import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore } from '../../main/core/app.ts';
import { openSqlite } from '../../main/core/db/sqlite.ts';
import { plainProtector, readKeyFile } from '../../main/core/db/keystore.ts';
import { silentLogger } from '../../main/core/log.ts';
import { dataPaths, keyFileFor, sourceRoot } from '../../main/core/paths.ts';
import { configureStartupChecks } from '../../main/core/system/startup/checks.ts';
import { createCoreOrBlocked } from '../../main/hosts/common/blocked-core.ts';
import { startLoopbackServer } from '../../main/hosts/loopback/server.ts';
import { launchBrowser, openPage, screenshot, startApp } from '../helpers/browser.ts';
import { memoryBinding } from '../helpers/core.ts';
import { ADMIN, STATION } from '../helpers/station.ts';
import { encodeRecoveryKey } from '../../main/core/db/recovery-key.ts';
import { restartInProcess } from '../../main/hosts/loopback/restart.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it('a database newer than the app opens on a screen saying what to do', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hssk-e2e-blocked-'));
  const { dbFile } = dataPaths(dir);
  createCore({ host: 'cli', dataDir: dir, log: silentLogger }).close();
  const db = openSqlite({ file: dbFile, key: readKeyFile(keyFileFor(dbFile), plainProtector) });
  db.prepare(
    "INSERT INTO schema_migrations (name, applied_at) VALUES ('0099_from_the_future', '2030-01-01')",
  ).run();
  db.close();
  const { core } = createCoreOrBlocked(
    { host: 'loopback', dataDir: dir, dbFile, log: silentLogger },
    () => undefined,
  );
  const server = await startLoopbackServer({
    core,
    rendererDir: join(sourceRoot, 'dist', 'renderer'),
    bridgeFile: join(sourceRoot, 'dist', 'preload', 'loopback.js'),
    log: silentLogger,
  });
  try {
    const { page, problems } = await openPage(browser, server.launchUrl);
    const screen = page.getByTestId('startup-blocked');
    await screen.waitFor();
    await expect(screen.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'HSSK Trạm chưa thể mở dữ liệu của trạm',
    );
    const text = (await screen.textContent()) ?? '';
    expect(text).toContain('Cơ sở dữ liệu được tạo bởi phiên bản mới hơn của phần mềm');
    expect(text).toContain('Cần làm: Cài phiên bản HSSK Trạm mới nhất');
    expect(text).toContain(dbFile);
    // Not the first-run wizard underneath.
    expect(await page.getByText('Thiết lập trạm').count()).toBe(0);
    await screenshot(page, 'startup-blocked');
    expect(problems).toEqual([]);
  } finally {
    await server.close();
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

it('a lost key file: the recovery key typed on that screen opens the database, and the sign-in page follows', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hssk-e2e-lostkey-'));
  const { dbFile } = dataPaths(dir);
  const first = createCore({ host: 'cli', dataDir: dir, log: silentLogger });
  await first.call(memoryBinding(), 'station.setup', { station: STATION, admin: ADMIN });
  first.close();
  const recoveryKey = encodeRecoveryKey(readKeyFile(keyFileFor(dbFile), plainProtector));
  unlinkSync(keyFileFor(dbFile));
  const open = () =>
    createCoreOrBlocked({ host: 'loopback', dataDir: dir, dbFile, log: silentLogger }, () => undefined).core;
  const core = open();
  const server = await startLoopbackServer({
    core,
    rendererDir: join(sourceRoot, 'dist', 'renderer'),
    bridgeFile: join(sourceRoot, 'dist', 'preload', 'loopback.js'),
    log: silentLogger,
  });
  const serving = restartInProcess(server, core, open, silentLogger);
  try {
    const { page, problems } = await openPage(browser, server.launchUrl);
    await page.setViewportSize({ width: 1366, height: 768 });
    const box = page.getByLabel('Mã khôi phục');
    await box.waitFor();
    // Another station's key: refused in words, nothing written.
    await box.fill(encodeRecoveryKey(Buffer.alloc(32, 5)));
    await box.press('Enter');
    await expect
      .poll(() => page.getByTestId('recover-with-key').textContent())
      .toContain('không mở được cơ sở dữ liệu này');
    await screenshot(page, 'startup-recover-key');
    await box.fill(recoveryKey.toLowerCase().replaceAll('-', ' '));
    await box.press('Enter');
    await page.getByLabel('Tên đăng nhập').waitFor({ timeout: 30_000 });
    await screenshot(page, 'startup-recovered-sign-in');
    expect(serving.current.database.encrypted).toBe(true);
    expect(problems.filter((p) => !/ERR_CONNECTION|api\/events/.test(p))).toEqual([]);
  } finally {
    await server.close();
    serving.current.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

it('a nearly full disk is a banner above the app', async () => {
  const app = await startApp();
  try {
    configureStartupChecks(app.core.ctx.store, { measureDisk: () => 150 * 1024 * 1024 });
    const { page, problems } = await openPage(browser, app.server.launchUrl);
    const banner = page.getByTestId('startup-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Ổ đĩa chứa dữ liệu gần như đã đầy');
    expect(await banner.textContent()).toContain('chỉ còn trống 150 MB');
    await screenshot(page, 'startup-banner');
    await banner.getByRole('button', { name: 'Ẩn' }).click();
    await expect(banner.count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  } finally {
    await app.close();
  }
});
