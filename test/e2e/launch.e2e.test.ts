import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceRoot } from '../../main/core/paths.ts';

let child: ChildProcess | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child?.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Runs a command and collects its output until `until` matches. */
function runUntil(args: string[], until: RegExp): Promise<string> {
  dataDir = mkdtempSync(join(tmpdir(), 'hssk-launch-'));
  child = spawn(process.execPath, args, {
    cwd: sourceRoot,
    env: { ...process.env, HSSK_DATA_DIR: dataDir, HSSK_PORT: '0', ELECTRON_OVERRIDE_DIST_PATH: join(dataDir, 'no-electron') },
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
  const page = await fetch(new URL(launch.headers.get('location') ?? '/', launchUrl), { headers: { cookie } });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('/__hssk/bridge.js');
  // Without the cookie the same page is refused.
  expect(await fetch(new URL('/', launchUrl))).toHaveProperty('status', 401);
}

describe('starting the app without the Electron runtime', () => {
  it('npm start says so in one line and serves the app on 127.0.0.1', async () => {
    const out = await runUntil([join(sourceRoot, 'build/start.ts')], /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/);
    expect(out).toMatch(/The Electron runtime is not installed here .*Serving the same app on the loopback host instead/);
    await opensTheApp(/http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out)?.[0] ?? '');
  });

  it('hssk serve does the same for district IT', async () => {
    const out = await runUntil([join(sourceRoot, 'main/hosts/cli/hssk.ts'), 'serve'], /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/);
    await opensTheApp(/http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out)?.[0] ?? '');
  });
});
