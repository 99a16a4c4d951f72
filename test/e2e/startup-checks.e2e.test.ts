/**
 * The start-up checks in a real browser over the loopback host: a database newer than the app is a
 * screen saying so and what to do (not a crash, not the first-run wizard), and a warning — here a
 * nearly full disk — is a banner above the app.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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
