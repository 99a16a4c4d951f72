import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  namNuWorkbook,
  stationWorkbook,
  tcvn3Workbook,
  toBuffer,
} from '../../../../test/fixtures/import/workbooks.ts';
import { CodeLists } from '../../codes/code-lists.ts';
import { defaultResourcesDir } from '../../paths.ts';
import { detectMapping } from './mapping.ts';
import { readTable } from './read-table.ts';
import type { ImportRow, PersonRowsResult } from './row-types.ts';
import { toPersonRows, type PersonRowsOptions } from './rows.ts';
import type { Sheet } from './table-types.ts';

const ethnicities = new CodeLists(defaultResourcesDir).ethnicities();
const options: PersonRowsOptions = { today: '2026-11-22', ethnicities };
const fixture = (name: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../../../../test/fixtures/import/${name}`, import.meta.url)));

async function sheetOf(name: string, bytes: Uint8Array): Promise<Sheet> {
  const r = await readTable(name, bytes);
  if (!r.ok) throw new Error(r.error.message);
  return r.sheets[r.defaultSheet];
}
async function importFile(
  name: string,
  bytes: Uint8Array,
  extra: Partial<PersonRowsOptions> = {},
): Promise<PersonRowsResult> {
  const sheet = await sheetOf(name, bytes);
  return toPersonRows(sheet, detectMapping(sheet).mapping, { ...options, ...extra });
}
const importCsv = (text: string, extra: Partial<PersonRowsOptions> = {}) =>
  importFile('t.csv', Buffer.from(text, 'utf8'), extra);
const messages = (row: ImportRow, severity?: string): string[] =>
  row.problems.filter((p) => !severity || p.severity === severity).map((p) => p.message);

describe('toPersonRows: the population database export', () => {
  it('reads people, fixes capitals, keeps line numbers, and separates fatal rows', async () => {
    const r = await importFile('dan-cu.csv', fixture('population-db.csv'));
    expect(r.rows.map((x) => x.line)).toEqual([2, 3, 4, 5]);
    const [an, binh, hoa, luong] = r.rows;
    expect(an.person).toMatchObject({
      fullName: 'Nguyễn Văn An',
      sex: 'M',
      birthDate: '1962-03-05',
      cccd: '001062012345',
      cmnd: null,
      ethnicityCode: '01',
      religion: 'Không',
      nationality: 'VN',
      permanentAddress: 'Thôn Đông, xã Hòa Bình, tỉnh An Giang',
      relationToHead: 'Chủ hộ',
      isHouseholdHead: true,
      householdHeadName: 'Nguyễn Văn An',
    });
    expect(an.problems).toEqual([]);
    expect(binh.person).toMatchObject({
      fullName: 'Trần Thị Bình',
      sex: 'F',
      cmnd: '012345678',
      relationToHead: 'Vợ',
      isHouseholdHead: false,
    });
    expect(hoa.person).toMatchObject({ birthDate: '2003-03-21', cccd: '034303011829' });
    // 31/02/2002 does not exist: no usable birth date (the CCCD's year is not a date of birth written down).
    expect(luong.fatal).toBe(false);
    expect(luong.person.birthDate).toBe('2002');
    expect(luong.problems).toEqual([
      expect.objectContaining({
        field: 'birthDate',
        severity: 'warning',
        message: 'Năm sinh 2002 lấy theo số CCCD.',
      }),
      expect.objectContaining({
        field: 'birthDate',
        column: 2,
        severity: 'dropped',
        message: 'Ngày sinh «31/02/2002» không tồn tại — không lưu ngày này.',
      }),
    ]);
    expect(r.counts).toEqual({ rows: 4, fatal: 0, withDropped: 1, withWarnings: 0, clean: 3 });
  });
});

describe('toPersonRows: problems per field', () => {
  const header = 'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Điện thoại,Dân tộc\n';

  it('fatal: no name, no usable birth date, no sex', async () => {
    const r = await importCsv(
      `${header},01/01/1990,Nam,,,\nLê Văn A,,Nam,,,\nLê Văn B,31/13/1990,Nam,,,\nLê Thị C,1990,,,,\nLê Thị D,1990,0,,,\n`,
    );
    expect(r.rows.map((x) => [x.line, x.fatal, messages(x, 'fatal')])).toEqual([
      [2, true, ['Thiếu họ tên.']],
      [3, true, ['Thiếu ngày sinh hoặc năm sinh.']],
      [4, true, ['Ngày sinh «31/13/1990» không tồn tại.']],
      [5, true, ['Thiếu giới tính.']],
      [6, true, [expect.stringMatching(/Giới tính «0» không rõ/)]],
    ]);
    expect(r.counts.fatal).toBe(5);
  });

  it("a CCCD contradicting the row's sex or birth year makes the row fatal, naming the number", async () => {
    const r = await importCsv(
      `${header}Trần Văn An,05/03/1962,Nam,001162012345,,\nTrần Văn Bình,05/03/1963,Nam,001062012345,,\n`,
    );
    expect(r.rows[0]).toMatchObject({ fatal: true, person: { cccd: null, sex: 'M' } });
    expect(r.rows[0].problems).toEqual([
      expect.objectContaining({
        field: 'cccd',
        column: 3,
        severity: 'fatal',
        message:
          'Số CCCD 001162012345: chữ số giới tính/thế kỷ (chữ số thứ 4 là 1) ứng với Nữ, không khớp với giới tính Nam trên dòng.',
      }),
    ]);
    expect(messages(r.rows[1], 'fatal')).toEqual([
      'Số CCCD 001062012345: các chữ số năm sinh ứng với năm 1962, không khớp với năm sinh 1963 trên dòng.',
    ]);
  });

  it('takes a missing sex or birth year from the CCCD, with a warning', async () => {
    const r = await importCsv(`${header}Lê Thị Hoa,,,001185004321,,\n`);
    expect(r.rows[0]).toMatchObject({
      fatal: false,
      person: { sex: 'F', birthDate: '1985', cccd: '001185004321' },
    });
    expect(messages(r.rows[0], 'warning')).toEqual([
      'Giới tính lấy theo số CCCD (Nữ).',
      'Năm sinh 1985 lấy theo số CCCD.',
    ]);
  });

  it('keeps a row usable when an optional value is wrong: the value is named as not stored', async () => {
    const r = await importCsv(`${header}Lê Văn Cường,1990,Nam,,abc,Kinhh\n`);
    expect(r.rows[0].fatal).toBe(false);
    expect(r.rows[0].problems.map((p) => [p.field, p.severity, p.message])).toEqual([
      ['phone', 'dropped', 'Số điện thoại «abc» không có chữ số — không lưu số này.'],
      ['ethnicity', 'dropped', 'Dân tộc «Kinhh» không có trong danh mục 54 dân tộc — không lưu giá trị này.'],
    ]);
    expect(r.rows[0].person).toMatchObject({ phoneMobile: '', ethnicityCode: '' });
  });

  it('an identity number that cannot be read makes the row fatal, naming the number', async () => {
    const r = await importCsv(`${header}Lê Văn Cường,1990,Nam,12345,,\n`);
    expect(r.rows[0].fatal).toBe(true);
    expect(messages(r.rows[0])).toEqual([
      'Số CCCD/CMND «12345» có 5 chữ số: số CCCD có 12 chữ số, số CMND cũ có 9.',
    ]);
  });

  it('flags a CCCD listed twice', async () => {
    const r = await importCsv(
      `${header}Lê Văn An,1962,Nam,001062012345,,\nLê Văn An,1962,Nam,001062012345,,\n`,
    );
    expect(messages(r.rows[1], 'warning')).toEqual([
      'Số CCCD/định danh 001062012345 trùng với dòng 2 trong tệp.',
    ]);
  });
});

describe('toPersonRows: layouts and skipped lines', () => {
  it('the "Nam" | "Nữ" two-column layout gives both sex and birth year', async () => {
    const r = await importFile('so.xlsx', await namNuWorkbook());
    expect(
      r.rows.map((x) => [
        x.line,
        x.person.fullName,
        x.person.sex,
        x.person.birthDate,
        x.person.ethnicityCode,
        x.fatal,
      ]),
    ).toEqual([
      [5, 'Hoàng Văn Thụ', 'M', '1948', '02', false],
      [6, 'Nông Thị Xuân', 'F', '1952-05-12', '02', false],
      [7, 'Lục Văn Pảo', 'M', null, '07', true], // an "x": the sex, but no year
      [8, 'Ma Thị Hoa', null, null, '02', true], // both columns filled: neither is believed
    ]);
    expect(messages(r.rows[3], 'fatal')).toEqual([
      expect.stringMatching(/^Có giá trị ở cả cột Nam \(«.+»\) và cột Nữ \(«.+»\): chỉ ghi vào một cột\.$/),
    ]);
  });

  it('Excel cells: dates, CCCDs and phones that lost their zeros in numeric cells, rich text, all-caps names', async () => {
    const r = await importFile('tram.xlsx', await stationWorkbook());
    expect(r.rows.map((x) => x.person)).toEqual([
      expect.objectContaining({
        fullName: 'Nguyễn Văn An',
        birthDate: '1962-03-05',
        cccd: '001062012345',
        phoneMobile: '0912345678',
        email: 'an@example.vn',
        ethnicityCode: '01',
      }),
      expect.objectContaining({
        fullName: 'Trần Thị Bình',
        birthDate: '1965-11-12',
        cccd: '001165004321',
        phoneMobile: '0987654321',
        ethnicityCode: '',
      }),
      expect.objectContaining({ fullName: 'Lê Văn Cường', birthDate: '1990', sex: 'M', ethnicityCode: '08' }),
    ]);
    expect(messages(r.rows[0], 'warning')).toEqual([expect.stringMatching(/mất số 0 ở đầu.*001062012345/)]);
  });

  it('a bare Excel serial in a date column is a date (workbooks without styles)', async () => {
    const r = await importFile('xuat.xlsx', fixture('inline-strings.xlsx'));
    expect(r.rows[0].person).toMatchObject({ fullName: 'Nguyễn Văn An', birthDate: '1962-03-05', sex: 'M' });
  });

  it('TCVN3 workbooks come out as proper Unicode people', async () => {
    const r = await importFile('tcvn3.xlsx', await tcvn3Workbook());
    expect(r.rows.map((x) => [x.person.fullName, x.person.birthDate, x.person.sex])).toEqual([
      ['Nguyễn Văn An', '1962', 'M'],
      ['Trần Thị Thủy', '1968', 'F'],
    ]);
  });

  it('skips blank rows (and numbered but empty template rows), a repeated header and the signature block', async () => {
    const r = await importFile('tram.csv', fixture('station-utf16.csv'));
    expect(r.rows.map((x) => x.person.fullName)).toEqual(["H'Hen Niê", 'Y Moan Êban', 'Vàng A Sử']);
    expect(r.rows.map((x) => x.person.ethnicityCode)).toEqual(['12', '12', '08']);
    expect(r.rows[2].person.birthDate).toBe('1985-09-02');
    expect(r.skipped).toEqual({ empty: 1, repeatedHeaders: 0, footerLines: [9, 10] });

    const s = await importCsv(
      'STT,Họ và tên,Năm sinh,Giới tính\n1,An,1990,Nam\n2,,,\n,,,\nSTT,Họ và tên,Năm sinh,Giới tính\n3,Bình,1991,Nữ\n4,,,\nTổng cộng: 2 người,,,\n',
    );
    expect(s.rows.map((x) => x.line)).toEqual([2, 6]);
    expect(s.skipped).toEqual({ empty: 3, repeatedHeaders: 1, footerLines: [8] });

    // Surnames that fold like footer words are people, even with nothing but a name.
    const t = await importCsv('Họ và tên,Năm sinh,Giới tính\nTrương Văn Tám,,\nTống Thị Cúc,,\n');
    expect(t.rows.map((x) => [x.person.fullName, x.fatal])).toEqual([
      ['Trương Văn Tám', true],
      ['Tống Thị Cúc', true],
    ]);
  });

  it('splits name columns back together and reads month-first dates of a US export', async () => {
    const r = await importCsv(
      'Họ và tên đệm,Tên,Ngày sinh,Giới tính\nNGUYỄN VĂN,AN,12/31/1962,Nam\nLê Thị,Bình,3/5/1970,Nữ\n',
    );
    expect(r.rows.map((x) => [x.person.fullName, x.person.birthDate])).toEqual([
      ['Nguyễn Văn An', '1962-12-31'],
      ['Lê Thị Bình', '1970-03-05'],
    ]);
  });

  it('cells under a vertical merge are blank with a warning, or filled on request', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Mã hộ', 'Họ và tên', 'Năm sinh', 'Giới tính']);
    ws.addRow(['H01', 'Lê Văn An', 1960, 'Nam']);
    ws.addRow([null, 'Trần Thị Bình', 1962, 'Nữ']);
    ws.mergeCells('A2:A3');
    const bytes = await toBuffer(wb);
    const plain = await importFile('h.xlsx', bytes);
    expect(plain.rows.map((x) => x.person.householdCode)).toEqual(['H01', '']);
    expect(messages(plain.rows[1], 'warning')).toEqual([
      'Ô A3 thuộc vùng gộp A2:A3: chỉ ô đầu có giá trị «H01», ô này coi là trống.',
    ]);
    const filled = await importFile('h.xlsx', bytes, { fillMergedCells: true });
    expect(filled.rows.map((x) => x.person.householdCode)).toEqual(['H01', 'H01']);
  });

  it('accepts today as a Date (its Vietnam calendar day)', async () => {
    const sheet = await sheetOf('t.csv', Buffer.from('Họ tên,Ngày sinh,Giới tính\nBé Na,22/11/2026,Nữ\n'));
    const mapping = detectMapping(sheet).mapping;
    // 2026-11-21T18:00Z is already 22 November in Vietnam.
    expect(
      toPersonRows(sheet, mapping, { ...options, today: new Date('2026-11-21T18:00:00Z') }).rows[0].fatal,
    ).toBe(false);
    expect(
      toPersonRows(sheet, mapping, { ...options, today: new Date('2026-11-21T16:00:00Z') }).rows[0].fatal,
    ).toBe(true);
  });
});
