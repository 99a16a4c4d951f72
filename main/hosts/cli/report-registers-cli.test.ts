/** `hssk report a1|monthly`: the registers as XLSX from the command line, through the operations. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { makeRegisterStation, REGISTERS_TODAY } from '../../core/reports/registers/testing.ts';
import { openCoreAt } from '../../../test/helpers/core.ts';
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

let t: TestCore;
beforeAll(async () => {
  t = await makeSignedInCore({ clock: () => REGISTERS_TODAY });
  await makeRegisterStation(t.ok);
  t.core.close();
});
afterAll(() => t?.close());

describe('hssk report', () => {
  it('writes June’s A1 register and monthly summary, as the CLI operator, on the audit trail', async () => {
    const io = capture(t.dir);
    expect(
      await runCli(
        [
          'report',
          'a1',
          '--from',
          '2026-06-01',
          '--to',
          '2026-06-30',
          '--out',
          'a1.xlsx',
          '--data',
          t.dir,
          '--json',
        ],
        io,
      ),
    ).toBe(0);
    expect(JSON.parse(io.stdout[0])).toMatchObject({ register: 'a1', rows: 4 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(t.dir, 'a1.xlsx')) as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getCell('C8').value).toBe('Trần Văn Bình');
    expect(wb.worksheets[0].getCell('C11').value).toBe('Phạm Thị Dung');

    const io2 = capture(t.dir);
    expect(
      await runCli(['report', 'monthly', '--month', '2026-06', '--out', 'thang.xlsx', '--data', t.dir], io2),
    ).toBe(0);
    expect(io2.stdout[0]).toBe(
      `Wrote the monthly summary of 2026-06 (4 visits) to ${join(t.dir, 'thang.xlsx')}`,
    );

    const core = openCoreAt(t.dir);
    try {
      const trail = core.ctx.store.raw
        .prepare(`SELECT action FROM audit_log WHERE action LIKE 'register.%' ORDER BY seq`)
        .pluck()
        .all();
      expect(trail).toEqual(['register.a1.export', 'register.monthly.export']);
    } finally {
      core.close();
    }
  });

  it('refuses a month that is not yyyy-mm, naming the option, and a register it does not know', async () => {
    const io = capture(t.dir);
    expect(
      await runCli(['report', 'monthly', '--month', '2026-6', '--out', 'x.xlsx', '--data', t.dir], io),
    ).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/--month.*Tháng/);
    const io2 = capture(t.dir);
    expect(await runCli(['report', 'a2', '--out', 'x.xlsx', '--data', t.dir], io2)).toBe(2);
    expect(io2.stderr[0]).toMatch(/`a1` or `monthly`/);
  });
});
