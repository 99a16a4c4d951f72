import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '#contract/ops/reports.ts';
import type { CliIo } from './io.ts';
import { runCli } from './main.ts';

function capture(cwd: string): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), env: {}, cwd };
}

let dir: string;
let db: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hssk-report-cli-'));
  db = join(dir, 'tram.db');
  expect(await runCli(['seed', '--persons', '40', '--years', '0', '--out', db], capture(dir))).toBe(0);
}, 60_000);

describe('hssk report', () => {
  it('prints the coverage for a year as JSON, the same figures as the screen', async () => {
    const io = capture(dir);
    const year = String(new Date().getUTCFullYear());
    expect(await runCli(['report', 'coverage', '--year', year, '--db', db, '--json'], io)).toBe(0);
    const d = JSON.parse(io.stdout[0]) as Dashboard;
    expect(d.from).toBe(`${year}-01-01`);
    expect(d.to).toBe(`${year}-12-31`);
    // No official population entered: the active registry is the denominator, and it says so.
    expect(d.population.source).toBe('registry');
    expect(d.population.denominator).toBe(d.population.registry);
    expect(d.byVillage.reduce((n, v) => n + v.active, 0)).toBe(d.population.registry);
    const words = capture(dir);
    expect(await runCli(['report', 'coverage', '--db', db], words)).toBe(0);
    expect(words.stdout.join('\n')).toMatch(
      /Coverage: \d+ residents with a record \/ \d+ \(active registry\)/,
    );
  });

  it('writes a work list to XLSX as the CLI operator, and refuses an unknown list', async () => {
    const out = join(dir, 'chua-kham.xlsx');
    const io = capture(dir);
    expect(await runCli(['report', 'worklist', 'not-examined', '--out', out, '--db', db, '--json'], io)).toBe(
      0,
    );
    const r = JSON.parse(io.stdout[0]) as { rows: number; kind: string };
    expect(r.kind).toBe('not-examined');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0].getRow(1).getCell(2).value).toBe('Họ và tên');
    expect(wb.worksheets[0].rowCount).toBe(r.rows + 1);
    const bad = capture(dir);
    expect(await runCli(['report', 'worklist', 'everyone', '--out', out, '--db', db], bad)).toBe(2);
    expect(bad.stderr.join('\n')).toMatch(/must be one of ncd-overdue, vaccines-due/);
  });
});
