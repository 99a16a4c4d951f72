import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { namNuWorkbook, stationWorkbook } from '../../../../test/fixtures/import/workbooks.ts';
import { CodeLists } from '../../codes/code-lists.ts';
import { defaultResourcesDir } from '../../paths.ts';
import { buildErrorReport, errorReportInput } from './error-report.ts';
import { FIELD_LABELS, IMPORT_FIELDS } from './fields.ts';
import { matchHeading } from './header-match.ts';
import { detectMapping } from './mapping.ts';
import { readTable } from './read-table.ts';
import { toPersonRows } from './rows.ts';
import type { Sheet } from './table-types.ts';

const options = { today: '2026-11-22', ethnicities: new CodeLists(defaultResourcesDir).ethnicities() };
const fixture = (name: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../../../../test/fixtures/import/${name}`, import.meta.url)));

async function sheetOf(name: string, bytes: Uint8Array): Promise<Sheet> {
  const r = await readTable(name, bytes);
  if (!r.ok) throw new Error(r.error.message);
  return r.sheets[r.defaultSheet];
}

/** Imports a file, writes the rows with problems to a report, and imports the report again. */
async function roundTrip(
  name: string,
  bytes: Uint8Array,
  minSeverity: 'fatal' | 'dropped' | 'warning' = 'dropped',
) {
  const sheet = await sheetOf(name, bytes);
  const { mapping } = detectMapping(sheet);
  const first = toPersonRows(sheet, mapping, options);
  const report = await buildErrorReport(errorReportInput(sheet, mapping, first.rows, minSeverity));
  const again = await sheetOf('loi.xlsx', report);
  const detected = detectMapping(again);
  const second = toPersonRows(again, detected.mapping, options);
  return { sheet, mapping, first, report, again, detected, second };
}

describe('error report', () => {
  it('holds the rows with problems: original columns as text, then the reasons and the original line', async () => {
    const csv =
      'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Ghi chú\nLê Văn An,05/03/1962,Nam,001062012345,\nTrần Thị B,31/02/1970,Nữ,001170000001,chuyển đi\n,1990,Nam,,\n';
    const { again, detected, first, second } = await roundTrip('ds.csv', Buffer.from(csv, 'utf8'));
    expect(first.counts).toMatchObject({ rows: 3, fatal: 1, withDropped: 1 });
    expect(again.rows).toEqual([
      ['Họ và tên', 'Ngày sinh', 'Giới tính', 'Số CCCD', 'Ghi chú', 'Lỗi', 'Dòng gốc'],
      [
        'Trần Thị B',
        '31/02/1970',
        'Nữ',
        '001170000001',
        'chuyển đi',
        'Ngày sinh «31/02/1970» không tồn tại — không lưu ngày này.\nLưu ý: Năm sinh 1970 lấy theo số CCCD.',
        '3',
      ],
      ['', '1990', 'Nam', '', '', 'Thiếu họ tên.', '4'],
    ]);
    // Re-imported, the extra columns are recognised and skipped; the same problems come back.
    expect(detected.unmatched).toEqual([]);
    expect(detected.columns.filter((c) => c.ignored).map((c) => c.heading)).toEqual([
      'Ghi chú',
      'Lỗi',
      'Dòng gốc',
    ]);
    expect(second.rows.map((r) => r.problems.map((p) => p.message))).toEqual(
      first.rows
        .filter((r) => r.problems.some((p) => p.severity !== 'warning'))
        .map((r) => r.problems.map((p) => p.message)),
    );
  });

  it('shades the cells at fault, keeps dates as dates and identity numbers as text', async () => {
    const { report, again } = await roundTrip('tram.xlsx', await stationWorkbook(), 'warning');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Lỗi - Thôn Đông');
    // Row 2 of the report is line 5 of the file: its CCCD (column E) had zeros restored, a warning.
    expect(ws.getCell('E2').fill).toMatchObject({ fgColor: { argb: 'FFFFEB9C' } });
    expect(ws.getCell('E2').value).toBe('1062012345');
    expect(ws.getCell('C2').value).toEqual(new Date('1962-03-05T00:00:00Z'));
    expect(again.typed[1][2]).toMatchObject({ type: 'date', iso: '1962-03-05' });
    expect(ws.getCell('J2').value).toBe(5);
  });

  it('round-trips the two-row "Nam" | "Nữ" layout through a single header row', async () => {
    const { again, detected, second } = await roundTrip('so.xlsx', await namNuWorkbook());
    expect(again.rows[0]).toEqual(['STT', 'Họ và tên', 'Nam', 'Nữ', 'Địa chỉ', 'Dân tộc', 'Lỗi', 'Dòng gốc']);
    expect(detected.mapping.columns).toMatchObject({ fullName: 1, maleColumn: 2, femaleColumn: 3 });
    expect(second.rows.map((r) => r.person.fullName)).toEqual(['Lục Văn Pảo', 'Ma Thị Hoa']);
  });

  it('gives a header-less file headings that are recognised on re-import', async () => {
    const csv =
      'Nguyễn Văn An,05/03/1962,Nam,001062012345\nTrần Thị Bình,31/02/1965,Nữ,001165004321\nLê Văn Cường,01/01/1990,Nam,001090000001\n';
    const { again, detected } = await roundTrip('ds.csv', Buffer.from(csv, 'utf8'));
    expect(again.rows[0]).toEqual([
      'Họ và tên',
      'Ngày sinh',
      'Giới tính',
      'Số CCCD/định danh',
      'Lỗi',
      'Dòng gốc',
    ]);
    expect(detected.mapping.columns).toEqual({ fullName: 0, birthDate: 1, sex: 2, cccd: 3 });
    for (const f of IMPORT_FIELDS.filter((x) => x !== 'maleColumn' && x !== 'femaleColumn')) {
      expect(matchHeading(FIELD_LABELS[f])?.target, FIELD_LABELS[f]).toBe(f);
    }
  });

  it('works from the population database fixture end to end', async () => {
    const { second, again } = await roundTrip('dan-cu.csv', fixture('population-db.csv'));
    expect(again.rows.length).toBe(2);
    expect(second.rows[0].person.fullName).toBe('Lê Văn Lương');
  });
});
