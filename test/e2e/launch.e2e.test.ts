import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceRoot } from '../../main/core/paths.ts';
import { launchBrowser, screenshot, startApp, type RunningApp } from '../helpers/browser.ts';
import { memoryBinding } from '../helpers/core.ts';
import { runCli } from '../../main/hosts/cli/main.ts';

let child: ChildProcess | undefined;
let dataDir: string | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  // A child killed by a signal keeps exitCode null (signalCode is set instead): waiting for its
  // 'exit' again would never end, so a finished child is forgotten here, whichever way it ended.
  const running = child;
  child = undefined;
  if (running && running.exitCode === null && running.signalCode === null) {
    const exited = new Promise((r) => running.once('exit', r));
    running.kill('SIGTERM');
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Runs a command and collects its output until `until` matches. */
function runUntil(args: string[], until: RegExp, cwd = sourceRoot): Promise<string> {
  dataDir = mkdtempSync(join(tmpdir(), 'hssk-launch-'));
  child = spawn(process.execPath, args, {
    cwd,
    env: {
      ...process.env,
      HSSK_DATA_DIR: dataDir,
      HSSK_PORT: '0',
      ELECTRON_OVERRIDE_DIST_PATH: join(dataDir, 'no-electron'),
    },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (until.test(out)) resolve(out);
    };
    child?.stdout?.on('data', onData);
    child?.stderr?.on('data', onData);
    child?.once('exit', (code) => reject(new Error(`exited ${code} before printing the address:\n${out}`)));
  });
}

/** What a browser does with the printed address: take the cookie, follow the redirect, load the page. */
async function opensTheApp(launchUrl: string): Promise<void> {
  const launch = await fetch(launchUrl, { redirect: 'manual' });
  expect(launch.status).toBe(303);
  const cookie = (launch.headers.get('set-cookie') ?? '').split(';')[0];
  const page = await fetch(new URL(launch.headers.get('location') ?? '/', launchUrl), {
    headers: { cookie },
  });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('/__hssk/bridge.js');
  // Without the cookie the same page is refused.
  expect(await fetch(new URL('/', launchUrl))).toHaveProperty('status', 401);
}

describe('starting the app without the Electron runtime', () => {
  it('npm start says so in one line, serves the app on 127.0.0.1, and says which database it opened', async () => {
    const out = await runUntil([join(sourceRoot, 'build/start.ts')], /Ctrl\+C/);
    expect(out).toMatch(
      /The Electron runtime is not installed here .*Serving the same app on the loopback host instead/,
    );
    expect(out).toContain(
      `Database: ${join(dataDir ?? '', 'hssk.db')} (new and empty: the browser opens the first-run wizard)`,
    );
    expect(out).toContain(`Logs:     ${join(dataDir ?? '', 'logs')}`);
    await opensTheApp(/http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out)?.[0] ?? '');
  });

  it('hssk serve does the same for district IT', async () => {
    const out = await runUntil(
      [join(sourceRoot, 'main/hosts/cli/hssk.ts'), 'serve'],
      /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/,
    );
    await opensTheApp(/http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out)?.[0] ?? '');
  });
});

describe('where the data and the logs are', () => {
  it('hssk serve --db FILE keeps its logs beside that database and says where both are', async () => {
    const demoDir = mkdtempSync(join(tmpdir(), 'hssk-demo-'));
    cleanups.push(async () => rmSync(demoDir, { recursive: true, force: true }));
    const out = await runUntil(
      [join(sourceRoot, 'main/hosts/cli/hssk.ts'), 'serve', '--db', 'demo.db'],
      /Ctrl\+C/,
      demoDir,
    );
    expect(out).toContain(join(demoDir, 'demo.db'));
    expect(out).toContain(join(demoDir, 'logs'));
    // A new database is named as new, so nobody mistakes it for the station's.
    expect(out).toMatch(/new|mới/i);
    await expect
      .poll(
        () =>
          existsSync(join(demoDir, 'logs')) &&
          readdirSync(join(demoDir, 'logs')).some((f) => f.endsWith('.log')),
      )
      .toBe(true);
    // Nothing was written to the default data folder (HSSK_DATA_DIR here).
    expect(existsSync(join(dataDir ?? '', 'logs'))).toBe(false);
    expect(out).not.toContain(dataDir ?? '');
  });
});

describe('npm start on a demo database', () => {
  it('opens the seeded commune given with --db and names its station', async () => {
    const demoDir = mkdtempSync(join(tmpdir(), 'hssk-demo-'));
    cleanups.push(async () => rmSync(demoDir, { recursive: true, force: true }));
    const quiet = { out: () => undefined, err: () => undefined, env: {}, cwd: demoDir };
    expect(await runCli(['seed', '--persons', '30', '--years', '1', '--out', 'demo.db'], quiet)).toBe(0);
    const out = await runUntil(
      [join(sourceRoot, 'build/start.ts'), '--db', join(demoDir, 'demo.db')],
      /Ctrl\+C/,
    );
    expect(out).toContain(`Database: ${join(demoDir, 'demo.db')} (station 38279, Trạm Y tế Xã Nông Cống)`);
    expect(out).toContain(`Logs:     ${join(demoDir, 'logs')}`);
  });
});

describe('two copies of the app in one browser', () => {
  /** A station already set up, with its administrator. */
  async function station(code: string, name: string, username: string): Promise<RunningApp> {
    const app = await startApp();
    cleanups.push(() => app.close());
    const r = await app.core.call(memoryBinding(), 'station.setup', {
      station: { code, name, provinceCode: '38', communeCode: '16279' },
      admin: { username, fullName: name.replace('Trạm Y tế', 'Quản trị'), password: 'mat-khau-123' },
    });
    expect(r.ok).toBe(true);
    return app;
  }

  async function signIn(page: Page, username: string): Promise<void> {
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill('mat-khau-123');
    await page.getByLabel('Mật khẩu').press('Enter');
    await expect.poll(() => page.getByTestId('current-user').isVisible()).toBe(true);
  }

  it('keeps both signed in: each instance has its own cookies on 127.0.0.1', async () => {
    // `npm start` and `hssk serve` side by side: same host, two ports.
    const first = await station('38279', 'Trạm Y tế Xã Nông Cống', 'nongcong');
    const second = await station('38280', 'Trạm Y tế Xã Thăng Bình', 'thangbinh');
    const browser: Browser = await launchBrowser();
    cleanups.push(() => browser.close());
    const context: BrowserContext = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'vi-VN',
    });
    const problems: string[] = [];

    const one = await context.newPage();
    one.on('pageerror', (e) => problems.push(e.message));
    await one.goto(first.server.launchUrl);
    await signIn(one, 'nongcong');

    const two = await context.newPage();
    two.on('pageerror', (e) => problems.push(e.message));
    await two.goto(second.server.launchUrl);
    await signIn(two, 'thangbinh');
    await screenshot(two, '40-two-instances-second');

    // Back to the first: still the app (not a refused token), still signed in, and its calls work.
    await one.bringToFront();
    await one.reload();
    await expect.poll(() => one.getByTestId('current-user').textContent()).toContain('Quản trị Xã Nông Cống');
    await one.keyboard.press('Alt+2');
    await expect.poll(() => one.locator('main').getAttribute('data-section')).toBe('residents');
    await screenshot(one, '41-two-instances-first');
    // And the second still works after the first was used again.
    await two.reload();
    await expect
      .poll(() => two.getByTestId('current-user').textContent())
      .toContain('Quản trị Xã Thăng Bình');
    expect(problems).toEqual([]);
  });
});
