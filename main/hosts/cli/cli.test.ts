import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceRoot } from '../../core/paths.ts';
import type { CliIo } from './io.ts';
import { runCli } from './main.ts';

function capture(env: NodeJS.ProcessEnv = {}): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), env, cwd: tmpdir() };
}

describe('the hssk command', () => {
  it('runs as a real executable on the project’s Node and prints its help', () => {
    const out = execFileSync(process.execPath, [join(sourceRoot, 'main/hosts/cli/hssk.ts'), '--help'], { encoding: 'utf8' });
    expect(out).toMatch(/Usage: hssk <command>/);
    for (const c of ['serve', 'seed', 'db']) expect(out).toContain(`  ${c}`);
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
