import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareCheckoutDataDir, sourceRoot } from '../../core/paths.ts';
import type { CliIo } from './io.ts';
import { runCli } from './main.ts';
import { dataDirFrom, storageFrom } from './options.ts';

function capture(env: NodeJS.ProcessEnv = {}): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), env, cwd: tmpdir() };
}

describe('the hssk command', () => {
  it('runs as a real executable on the project’s Node and prints its help', () => {
    const out = execFileSync(process.execPath, [join(sourceRoot, 'main/hosts/cli/hssk.ts'), '--help'], {
      encoding: 'utf8',
    });
    expect(out).toMatch(/Usage: hssk <command>/);
    for (const c of ['serve', 'seed', 'db']) expect(out).toContain(`  ${c}`);
  });

  it('runs through npx from a plain shell, where npm itself runs on the system Node, without a wall of warnings', () => {
    // As a person types it right after `npm ci`: no npm-run PATH (whose node_modules/.bin puts Node 24
    // first), no npm_* variables, and an empty npx cache (npx links the project there on its first
    // run, and that install is what judged the engines against the system Node).
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
    env.npm_config_cache = mkdtempSync(join(tmpdir(), 'hssk-npm-cache-'));
    env.PATH = (process.env.PATH ?? '')
      .split(delimiter)
      .filter((dir) => !dir.includes('node_modules'))
      .join(delimiter);
    const run = spawnSync('npx', ['hssk', '--version'], {
      cwd: sourceRoot,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(run.stderr).not.toMatch(/EBADENGINE|npm warn/);
  });

  it('explains usage mistakes with exit code 2', async () => {
    const io = capture();
    expect(await runCli(['seed', '--persons', 'lots', '--out', 'x.db'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/--persons must be an integer/);
    const io2 = capture();
    expect(await runCli(['frobnicate'], io2)).toBe(2);
    expect(io2.stderr.join('\n')).toMatch(/Unknown command: frobnicate/);
  });

  it('seeds a demo database and reports it as JSON, then refuses to overwrite it without --force', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'hssk-cli-')), 'demo.db');
    const io = capture();
    expect(await runCli(['seed', '--persons', '300', '--out', out, '--json'], io)).toBe(0);
    const summary = JSON.parse(io.stdout[0]) as { persons: number; encrypted: boolean; keyFile: string };
    expect(summary).toMatchObject({ persons: 300, encrypted: true });
    expect(existsSync(summary.keyFile)).toBe(true);
    const again = capture();
    expect(await runCli(['seed', '--persons', '300', '--out', out], again)).toBe(1);
    expect(again.stderr.join('\n')).toMatch(/already exists/);

    const info = capture();
    expect(await runCli(['db', 'info', '--db', out, '--json'], info)).toBe(0);
    expect(JSON.parse(info.stdout[0])).toMatchObject({ encrypted: true, schemaVersion: expect.any(Number) });
    const audit = capture();
    expect(await runCli(['db', 'verify-audit', '--db', out, '--json'], audit)).toBe(0);
    expect(JSON.parse(audit.stdout[0])).toMatchObject({ ok: true });
  });
});

describe('where a command keeps its data', () => {
  const io = (env: NodeJS.ProcessEnv = {}) => ({ ...capture(env), cwd: '/srv/tram' });

  it('puts the key and the logs of --db FILE beside that file, not in the default folder', () => {
    expect(storageFrom({ db: 'demo/demo.db' }, io({ HSSK_DATA_DIR: '/var/hssk' }))).toEqual({
      dataDir: '/srv/tram/demo',
      dbFile: '/srv/tram/demo/demo.db',
      logDir: '/srv/tram/demo/logs',
    });
    // --data still wins for the folder when both are given.
    expect(storageFrom({ db: 'demo.db', data: 'du-lieu' }, io())).toMatchObject({
      dataDir: '/srv/tram/du-lieu',
      dbFile: '/srv/tram/demo.db',
    });
    expect(storageFrom({}, io({ HSSK_DATA_DIR: '/var/hssk' }))).toEqual({
      dataDir: '/var/hssk',
      dbFile: '/var/hssk/hssk.db',
      logDir: '/var/hssk/logs',
    });
  });

  it('defaults to a folder of this checkout, so a second checkout never opens the first one’s database', () => {
    expect(dataDirFrom(undefined, io())).toBe(join(sourceRoot, '.hssk-data'));
    // The folder ignores itself: a database, its key and the logs can never be committed.
    const dir = join(mkdtempSync(join(tmpdir(), 'hssk-checkout-')), '.hssk-data');
    prepareCheckoutDataDir(dir);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
  });

  it('says in its help where the data is by default and where the installed app keeps its own', async () => {
    const help = capture();
    expect(await runCli(['--help'], help)).toBe(0);
    expect(help.stdout.join('\n')).toContain(join(sourceRoot, '.hssk-data'));
    expect(help.stdout.join('\n')).toMatch(/installed app keeps its data in .*HSSK-Tram/);
  });
});

describe('hssk db verify-audit on a folder without a database', () => {
  it('says so, fails, and creates nothing', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'hssk-empty-')), 'no-such-station');
    const io = capture();
    expect(await runCli(['db', 'verify-audit', '--data', dir], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/No database at .*nothing to verify/);
    expect(existsSync(dir)).toBe(false);
  });
});
