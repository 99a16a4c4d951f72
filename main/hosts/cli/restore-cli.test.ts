import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { inUseFileFor } from '../../core/security/db-in-use.ts';
import type { CliIo } from './io.ts';
import { runCli } from './main.ts';

function capture(cwd: string): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), env: {}, cwd };
}

it('hssk restore shows what a backup holds, replaces the database only with --yes, and refuses beside the app', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hssk-restore-cli-'));
  try {
    const db = join(dir, 'demo.db');
    expect(await runCli(['seed', '--persons', '40', '--out', db], capture(dir))).toBe(0);
    const backup = capture(dir);
    expect(await runCli(['backup', '--db', db, '--out', 'usb', '--json'], backup)).toBe(0);
    const { file } = JSON.parse(backup.stdout[0] ?? '{}') as { file: string };

    const look = capture(dir);
    expect(await runCli(['restore', join('usb', file), '--db', db], look)).toBe(0);
    expect(look.stdout.join('\n')).toMatch(/40 residents/);
    expect(look.stdout.join('\n')).toMatch(/Nothing was changed/);
    expect(readdirSync(dir).some((f) => f.includes('.replaced-'))).toBe(false);

    // The app holds the database (a live process, not this one): the CLI says where to do it instead.
    writeFileSync(inUseFileFor(db), JSON.stringify({ pid: process.ppid, host: 'electron', since: '' }));
    const beside = capture(dir);
    expect(await runCli(['restore', join('usb', file), '--db', db, '--yes'], beside)).toBe(1);
    expect(beside.stderr.join('\n')).toMatch(/Quản trị → Sao lưu/);
    rmSync(inUseFileFor(db));

    const done = capture(dir);
    expect(await runCli(['restore', join('usb', file), '--db', db, '--yes'], done)).toBe(0);
    expect(done.stdout.join('\n')).toMatch(
      /Restored\. The replaced database is kept as .*demo\.db\.replaced-/,
    );
    expect(
      readdirSync(dir)
        .filter((f) => f.includes('.replaced-'))
        .sort(),
    ).toHaveLength(2); // the file and its key
    expect(await runCli(['db', 'verify-audit', '--db', db], capture(dir))).toBe(0);

    const bad = capture(dir);
    writeFileSync(join(dir, 'notes.db'), 'not a database');
    expect(await runCli(['restore', 'notes.db', '--db', db, '--yes'], bad)).toBe(1);
    expect(bad.stderr.join('\n')).toMatch(/không phải bản sao lưu/);
    expect(bad.stderr.join('\n')).not.toMatch(/ at /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
