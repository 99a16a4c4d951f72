/**
 * The CLI operator's session: made only by the CLI host, never by a window's transport, and never
 * idle-locked (a long import at a terminal is not an unattended screen).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, makeTestCore, memoryBinding, type TestCore } from '../../../test/helpers/core.ts';
import { cliOperatorLabel } from '../audit/labels.ts';
import { sourceRoot } from '../paths.ts';
import { OPERATOR_PERMISSIONS } from './sessions.ts';

let t: TestCore;
afterEach(() => t?.close());

/** Every TypeScript and Svelte source file under `dir`, tests excluded. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return /\.(ts|svelte)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the CLI operator session', () => {
  it('is the OS user as cli:<name>, with the operator’s permissions, and does not lock when idle', async () => {
    let now = Date.parse('2026-03-02T08:00:00Z');
    t = await makeSignedInCore({ clock: () => new Date(now) });
    const s = t.core.ctx.sessions.createOperator(' hoa ', 'cli');
    expect(s).toMatchObject({ userId: 'cli', username: 'cli:hoa', fullName: 'Dòng lệnh (hoa)' });
    expect([...s.permissions].sort()).toEqual([...OPERATOR_PERMISSIONS].sort());
    const terminal = memoryBinding();
    terminal.set(s.id);

    // An hour later (a long import), a window's session is locked; the operator's is not.
    now += 3_600_000;
    expect(t.core.ctx.sessions.get(t.binding.get())?.locked).toBe(true);
    expect(t.core.ctx.sessions.get(s.id)?.locked).toBe(false);
    expect(t.core.ctx.sessions.sweep().map((x) => x.userId)).not.toContain('cli');
    expect((await t.call('audit.verify', {}, terminal)).ok).toBe(true);
  });

  it('is refused by a core that serves windows (Electron, loopback)', () => {
    for (const host of ['electron', 'loopback'] as const) {
      const core = makeTestCore({ host });
      try {
        expect(() => core.core.ctx.sessions.createOperator('hoa', core.core.ctx.host)).toThrow(
          /CLI host only/,
        );
      } finally {
        core.close();
      }
    }
  });

  it('cannot be reached from a window’s transport: only the CLI host starts one', () => {
    const callers = ['main', 'preload', join('renderer', 'src')]
      .flatMap((d) => sources(join(sourceRoot, d)))
      .filter((f) => readFileSync(f, 'utf8').includes('createOperator('))
      .map((f) => relative(sourceRoot, f).split('\\').join('/'));
    expect(callers.sort()).toEqual(['main/core/security/sessions.ts', 'main/hosts/cli/operator.ts']);
  });

  it('is named in the audit viewer as Dòng lệnh, with the OS user when the entry has it', () => {
    expect(cliOperatorLabel('cli:hoa')).toBe('Dòng lệnh (hoa)');
    expect(cliOperatorLabel('cli')).toBe('Dòng lệnh');
    expect(cliOperatorLabel(null)).toBe('Dòng lệnh');
  });
});
