/** `hssk print`: forms to PDF from the command line, through the app's operations. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../core/app.ts';
import { silentLogger } from '../../core/log.ts';
import { sourceRoot } from '../../core/paths.ts';
import { pdfText } from '../../core/forms/testing.ts';
import type { CliIo } from './io.ts';
import { runCli } from './main.ts';

function capture(cwd: string): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    env: { USER: 'hoa' },
    cwd,
  };
}

describe('hssk print', () => {
  let dir: string;
  let db: string;
  let sample: {
    id: string;
    name: string;
    cccd: string;
    bhyt: string | null;
    village: string;
    villagers: number;
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hssk-print-'));
    db = join(dir, 'tram.db');
    expect(await runCli(['seed', '--persons', '40', '--years', '1', '--out', db], capture(dir))).toBe(0);
    const core = createCore({ host: 'cli', dataDir: dir, dbFile: db, log: silentLogger });
    const raw = core.ctx.store.raw;
    const row = raw
      .prepare(
        `SELECT p.id, p.full_name AS name, i.value AS cccd, p.village FROM persons p
         JOIN person_identifiers i ON i.person_id = p.id AND i.kind = 'cccd' WHERE p.village <> '' LIMIT 1`,
      )
      .get() as { id: string; name: string; cccd: string; village: string };
    const bhyt = raw
      .prepare(`SELECT value FROM person_identifiers WHERE person_id = ? AND kind = 'bhyt'`)
      .pluck()
      .get(row.id) as string | undefined;
    const villagers = raw
      .prepare(
        `SELECT count(*) FROM persons p LEFT JOIN households h ON h.id = p.household_id WHERE p.status = 'active' AND (p.village = ? OR h.village = ?)`,
      )
      .pluck()
      .get(row.village, row.village) as number;
    sample = { ...row, bhyt: bhyt ?? null, villagers };
    core.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one resident’s record found by CCCD (and by BHYT), and a blank form', async () => {
    const io = capture(dir);
    expect(
      await runCli(['print', 'record', '--person', sample.cccd, '--db', db, '--out', 'hs.pdf', '--json'], io),
    ).toBe(0);
    const r = JSON.parse(io.stdout[0]) as { file: string; pages: number };
    expect(r.pages).toBeGreaterThan(2);
    const text = pdfText(readFileSync(r.file));
    expect(text).toContain(sample.name);
    expect(text).toMatch(/In bởi\s+cli:\S+ lúc/);
    if (sample.bhyt) {
      const b = capture(dir);
      expect(
        await runCli(['print', 'immunization', '--person', sample.bhyt, '--db', db, '--out', 'tc.pdf'], b),
      ).toBe(0);
      expect(pdfText(readFileSync(join(dir, 'tc.pdf')))).toContain(sample.name);
    }
    expect(await runCli(['print', 'blank-visit', '--db', db, '--out', 'trong.pdf'], capture(dir))).toBe(0);
    expect(pdfText(readFileSync(join(dir, 'trong.pdf')))).toContain('PHIẾU KHÁM SỨC KHỎE');
  }, 60_000);

  it('prints a village as one PDF and as one PDF per resident in a folder', async () => {
    const io = capture(dir);
    expect(
      await runCli(
        ['print', 'batch', '--village', sample.village, '--db', db, '--out', 'thon.pdf', '--json'],
        io,
      ),
    ).toBe(0);
    const r = JSON.parse(io.stdout[0]) as { out: string; total: number };
    expect(r.total).toBe(sample.villagers);
    expect(pdfText(readFileSync(r.out)).match(/Trang 1\//g)).toHaveLength(sample.villagers);

    const ids = join(dir, 'ids.txt');
    writeFileSync(ids, `${sample.cccd}\n${sample.id}\n`);
    expect(
      await runCli(['print', 'batch', '--ids', ids, '--db', db, '--out', 'tung-nguoi'], capture(dir)),
    ).toBe(0);
    const files = readdirSync(join(dir, 'tung-nguoi'));
    expect(files).toHaveLength(1);
    expect(pdfText(readFileSync(join(dir, 'tung-nguoi', files[0])))).toContain(sample.name);
  }, 120_000);

  it('ends when the batch is written: the real hssk process exits (its batch worker is ended)', () => {
    const run = spawnSync(
      process.execPath,
      [
        join(sourceRoot, 'main/hosts/cli/hssk.ts'),
        'print',
        'batch',
        '--village',
        sample.village,
        '--db',
        db,
        '--out',
        'exit.pdf',
      ],
      { cwd: dir, encoding: 'utf8', timeout: 90_000 },
    );
    expect(run.signal, 'still running after 90 s').toBeNull();
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(dir, 'exit.pdf'))).toBe(true);
  }, 120_000);

  it('says what is wrong with the command line and with an unknown person', async () => {
    const io = capture(dir);
    expect(
      await runCli(['print', 'record', '--person', '999999999999', '--db', db, '--out', 'x.pdf'], io),
    ).not.toBe(0);
    expect(io.stderr.join('\n')).toMatch(/no resident with the id, CCCD or BHYT number 999999999999/);
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
    const two = capture(dir);
    expect(
      await runCli(['print', 'batch', '--ncd', '--village', 'A', '--db', db, '--out', 'x.pdf'], two),
    ).toBe(2);
    const bad = capture(dir);
    expect(
      await runCli(['print', 'batch', '--date', '07/12/2026', '--db', db, '--out', 'x.pdf'], bad),
    ).not.toBe(0);
    expect(bad.stderr.join('\n')).toMatch(/--date/);
  }, 60_000);
});
