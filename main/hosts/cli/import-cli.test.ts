/** `hssk import persons`: district IT loading a commune's list from the command line. */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sourceRoot } from '../../core/paths.ts';
import type { CliIo } from './io.ts';
import { runCli } from './main.ts';

function capture(cwd: string): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), env: {}, cwd };
}

describe('hssk import persons', () => {
  // Whole CLI runs (seed, dry run, import, re-import) as separate core starts: on a loaded two-core
  // machine they take longer than the default 20 s, which is not a failure.
  it('dry-runs, imports, writes the rejected rows to a workbook, and changes nothing the second time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hssk-import-'));
    const db = join(dir, 'tram.db');
    expect(await runCli(['seed', '--persons', '50', '--years', '0', '--out', db], capture(dir))).toBe(0);
    const list = join(dir, 'ds.csv');
    writeFileSync(
      list,
      '\uFEFFHọ và tên,Ngày sinh,Giới tính,Số CCCD\r\nHà Văn Tuấn,04/04/1974,Nam,038074001122\r\nHà Văn Tuấn,04/04/1974,Nam,038074001122\r\n,01/01/1980,Nữ,\r\n',
    );
    const dry = capture(dir);
    expect(await runCli(['import', 'persons', list, '--db', db, '--dry-run', '--json'], dry)).toBe(0);
    expect(JSON.parse(dry.stdout[0])).toMatchObject({
      dryRun: true,
      rows: 3,
      new: 1,
      duplicates: 1,
      errors: 1,
      created: 0,
    });

    const real = capture(dir);
    expect(
      await runCli(['import', 'persons', list, '--db', db, '--json', '--errors-out', 'loi.xlsx'], real),
    ).toBe(0);
    const summary = JSON.parse(real.stdout[0]) as {
      created: number;
      errorsFile: string;
      duration_ms: number;
    };
    expect(summary).toMatchObject({ created: 1, duplicates: 1, errors: 1 });
    expect(existsSync(summary.errorsFile)).toBe(true);
    expect(summary.duration_ms).toBeGreaterThan(0);

    const again = capture(dir);
    expect(
      await runCli(
        ['import', 'persons', list, '--db', db, '--json', '--save-template', 'Danh sách xã'],
        again,
      ),
    ).toBe(0);
    expect(JSON.parse(again.stdout[0])).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    // --mapping takes a saved template's name as well as a JSON file.
    const byName = capture(dir);
    expect(
      await runCli(['import', 'persons', list, '--db', db, '--json', '--mapping', 'Danh sách xã'], byName),
    ).toBe(0);
    expect(JSON.parse(byName.stdout[0])).toMatchObject({ created: 0, unchanged: 1 });
    const unknown = capture(dir);
    expect(await runCli(['import', 'persons', list, '--db', db, '--mapping', 'Không có'], unknown)).toBe(2);
    expect(unknown.stderr.join('\n')).toMatch(/no mapping file or saved template/);
    // The entries the import worker wrote on its own connection carry the same MACs: the trail verifies.
    const audit = capture(dir);
    expect(await runCli(['db', 'verify-audit', '--db', db, '--json'], audit)).toBe(0);
    expect(JSON.parse(audit.stdout[0])).toMatchObject({ ok: true, problem: null });
  }, 60_000);

  it('--json counts equal the rows of the report: errors, duplicates and rows with notes, each once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hssk-import-'));
    const db = join(dir, 'tram.db');
    expect(await runCli(['seed', '--persons', '10', '--years', '0', '--out', db], capture(dir))).toBe(0);
    const list = join(dir, 'ds.csv');
    writeFileSync(
      list,
      '\uFEFFHọ và tên,Ngày sinh,Giới tính,Số CCCD,Điện thoại\r\n' +
        'Tương Lai,15/06/2030,Nam,038230001234,\r\n' + // error: born after today
        'Sai Giới,01/01/1990,Nữ,038090001234,\r\n' + // error: CCCD says Nam
        'Một Hai,01/01/96,Nam,,\r\n' + // noted: two-digit year
        'Ba Bốn,01/01/97,Nam,,12345\r\n' + // noted twice: two-digit year and a phone not stored
        'Năm Sáu,01/01/1998,Nữ,,\r\n', // clean
    );
    const dry = capture(dir);
    expect(
      await runCli(
        ['import', 'persons', list, '--db', db, '--dry-run', '--json', '--errors-out', 'xem.xlsx'],
        dry,
      ),
    ).toBe(0);
    const out = JSON.parse(dry.stdout[0]) as Record<string, number | string>;
    expect(out).toMatchObject({
      rows: 5,
      new: 3,
      errors: 2,
      noted: 2,
      dropped: 1,
      attention: 4,
      errorsFileRows: 4,
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(String(out.errorsFile));
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const verdicts = Array.from({ length: ws.rowCount - 1 }, (_, i) =>
      String(ws.getRow(i + 2).getCell(header.indexOf('Kết quả')).value),
    );
    expect(verdicts).toEqual(['Lỗi, bỏ qua', 'Lỗi, bỏ qua', 'Mới', 'Mới']);
    const reasons = String(ws.getRow(2).getCell(header.indexOf('Lỗi')).value);
    expect(reasons).toBe(
      'Ngày sinh 15/06/2030 ở sau ngày hôm nay.\nSố CCCD 038230001234: các chữ số năm sinh ứng với năm 2030, ở sau năm nay.',
    );

    const text = capture(dir);
    expect(await runCli(['import', 'persons', list, '--db', db, '--dry-run'], text)).toBe(0);
    expect(text.stdout.join('\n')).toMatch(
      /rows with notes 2 \(with a value not stored 1\): list them with --errors-out/,
    );
  }, 60_000);

  it('says what is wrong with the command or the file', async () => {
    const io = capture(sourceRoot);
    expect(await runCli(['import', 'persons'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/give the list/);
    const missing = capture(sourceRoot);
    expect(await runCli(['import', 'persons', 'no-such-file.xlsx'], missing)).toBe(2);
    expect(missing.stderr.join('\n')).toMatch(/cannot read/);
  });
});
