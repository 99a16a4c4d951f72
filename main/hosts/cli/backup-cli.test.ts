import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createCore } from '../../core/app.ts';
import { silentLogger } from '../../core/log.ts';
import type { CliIo } from './io.ts';
import { runCli } from './main.ts';

function capture(cwd: string): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), env: {}, cwd };
}

it('hssk backup copies a station database into --out (relative to where it is typed) as the CLI operator', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hssk-backup-cli-'));
  const db = join(dir, 'demo.db');
  expect(await runCli(['seed', '--persons', '200', '--out', db], capture(dir))).toBe(0);

  const io = capture(dir);
  expect(await runCli(['backup', '--db', db, '--out', 'usb', '--json'], io)).toBe(0);
  const b = JSON.parse(io.stdout[0] ?? '{}') as { folder: string; file: string; counts: { persons: number } };
  expect(b.folder).toBe(join(dir, 'usb'));
  expect(b.counts.persons).toBe(200);
  expect(readdirSync(join(dir, 'usb'))).toContain(b.file);

  // The trail says the command line took it, and still verifies.
  const core = createCore({ host: 'cli', dataDir: dir, dbFile: db, log: silentLogger });
  try {
    const entry = core.ctx.store.raw
      .prepare(`SELECT username FROM audit_log WHERE action = 'backup.create'`)
      .pluck()
      .get() as string;
    expect(entry).toMatch(/^cli:/);
  } finally {
    core.close();
  }
  expect(await runCli(['db', 'verify-audit', '--db', db], capture(dir))).toBe(0);

  // A folder that cannot be made: one clear line, exit 1, no stack trace.
  const bad = capture(dir);
  expect(await runCli(['backup', '--db', db, '--out', join(db, 'inside-a-file')], bad)).toBe(1);
  expect(bad.stderr.join('\n')).toMatch(/thư mục sao lưu/);
  expect(bad.stderr.join('\n')).not.toMatch(/ at /);
});
