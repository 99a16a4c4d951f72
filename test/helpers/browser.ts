import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createCore, type Core } from '../../main/core/app.ts';
import { createLogger, type LogRecord } from '../../main/core/log.ts';
import { sourceRoot } from '../../main/core/paths.ts';
import { restartInProcess } from '../../main/hosts/loopback/restart.ts';
import { startLoopbackServer, type LoopbackServer } from '../../main/hosts/loopback/server.ts';

export const ARTIFACTS = join(sourceRoot, 'test', 'artifacts');
export const CHROMIUM = process.env.HSSK_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that keep Debian's Chromium quiet on a machine with no outside network. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=vi-VN',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface RunningApp {
  /** The core served now (a restore through the wizard opens a new one). */
  readonly core: Core;
  server: LoopbackServer;
  dataDir: string;
  logs: LogRecord[];
  close(): Promise<void>;
}

/** The real app: core on a fresh encrypted database in a temp folder, served by the loopback host. */
export async function startApp(options: { dataDir?: string; dbFile?: string } = {}): Promise<RunningApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hssk-e2e-'));
  const logs: LogRecord[] = [];
  const log = createLogger({ sink: (r) => logs.push(r) });
  const open = () => createCore({ host: 'loopback', dataDir, dbFile: options.dbFile, log });
  const core = open();
  // As `hssk serve` does: the browser UI is the app, so this process reads the devices.
  core.startServices();
  const server = await startLoopbackServer({
    core,
    rendererDir: join(sourceRoot, 'dist', 'renderer'),
    bridgeFile: join(sourceRoot, 'dist', 'preload', 'loopback.js'),
    log,
  });
  const serving = restartInProcess(server, core, open, log);
  return {
    get core() {
      return serving.current;
    },
    server,
    dataDir,
    logs,
    close: async () => {
      await server.close();
      await serving.current.ctx.devices.stop();
      serving.current.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A page that records everything that should never happen: uncaught errors, console errors
 * (CSP violations included) and failed requests. Tests assert the list is empty at the end.
 */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  await page.goto(url);
  return { page, problems };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/**
 * Types `text` and Enter as a 2D scanner in keyboard mode does: one key every `gapMs`, stamped by
 * the device's clock. The events go out together with explicit timestamps, so the gaps the page
 * sees are the scanner's, not the test process's (the core runs here, and a busy moment in it
 * would otherwise stretch one gap past what any scanner produces).
 */
export async function typeLikeAScanner(page: Page, text: string, gapMs = 4): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const start = Date.now() / 1000;
  const sent: Promise<unknown>[] = [];
  const keys = [...text]
    .map((ch) => ({ key: ch, text: ch, code: '' }))
    .concat({ key: 'Enter', text: '\r', code: 'Enter' });
  keys.forEach((k, i) => {
    const timestamp = start + (i * gapMs) / 1000;
    // Windows key codes only where they mean the character (46 is Delete, 45 Insert: not '.' and '-').
    const virtualKey =
      k.key === 'Enter' ? 13 : /^[a-z0-9]$/i.test(k.key) ? k.key.toUpperCase().charCodeAt(0) : 0;
    const common = { key: k.key, code: k.code, windowsVirtualKeyCode: virtualKey, timestamp };
    sent.push(
      cdp.send('Input.dispatchKeyEvent', {
        type: 'keyDown',
        text: k.text,
        unmodifiedText: k.text,
        ...common,
      }),
    );
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common }));
  });
  await Promise.all(sent);
  await cdp.detach();
}
