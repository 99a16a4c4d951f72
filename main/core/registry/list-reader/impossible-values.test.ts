/**
 * Issue 8: the import must never store an impossible birth date, never drop a value without
 * naming it, and never keep a row whose identity numbers it cannot keep.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toBuffer } from '../../../../test/fixtures/import/workbooks.ts';
import { CodeLists } from '../../codes/code-lists.ts';
import { defaultResourcesDir } from '../../paths.ts';
import { FIELD_LABELS } from './fields.ts';
import { detectMapping } from './mapping.ts';
import { readTable } from './read-table.ts';
import type { ImportRow } from './row-types.ts';
import { toPersonRows } from './rows.ts';

const ethnicities = new CodeLists(defaultResourcesDir).ethnicities();
const today = '2026-11-22';

async function rowsOf(name: string, bytes: Uint8Array): Promise<ImportRow[]> {
  const r = await readTable(name, bytes);
  if (!r.ok) throw new Error(r.error.message);
  const sheet = r.sheets[r.defaultSheet];
  return toPersonRows(sheet, detectMapping(sheet).mapping, { today, ethnicities }).rows;
}
const csvRows = (text: string) => rowsOf('t.csv', Buffer.from(text, 'utf8'));
const said = (row: ImportRow, severity?: string) =>
  row.problems.filter((p) => !severity || p.severity === severity).map((p) => p.message);

describe('birth dates that cannot be true', () => {
  const header = 'Họ và tên,Ngày sinh,Giới tính,Số CCCD\n';

  it('a birth date after today is fatal, even when the CCCD has a year to stand in for it', async () => {
    const rows = await csvRows(
      `${header}Tương Lai,15/06/2030,Nam,038230001234\nTương Lai Hai,15/06/2030,Nam,038090001234\n`,
    );
    for (const row of rows) {
      expect(row.fatal).toBe(true);
      expect(row.person.birthDate).toBeNull();
      expect(row.problems[0]).toMatchObject({
        field: 'birthDate',
        column: 1,
        severity: 'fatal',
        message: 'Ngày sinh 15/06/2030 ở sau ngày hôm nay.',
      });
    }
  });

  it.each([
    ['a year alone', '2030', 'Ngày sinh 2030 ở sau ngày hôm nay.'],
    ['month and year', '06/2030', 'Ngày sinh 2030 ở sau ngày hôm nay.'],
    ['year first', '2030-06-15', 'Ngày sinh 15/06/2030 ở sau ngày hôm nay.'],
    ['in words', 'ngày 15 tháng 6 năm 2030', 'Ngày sinh 15/06/2030 ở sau ngày hôm nay.'],
    ['eight digits', '15062030', 'Ngày sinh 15/06/2030 ở sau ngày hôm nay.'],
    ['a two-digit year later this year', '15/12/26', 'Ngày sinh 15/12/2026 ở sau ngày hôm nay.'],
    ['tomorrow', '23/11/2026', 'Ngày sinh 23/11/2026 ở sau ngày hôm nay.'],
    ['more than 125 years ago', '01/01/1890', 'Ngày sinh 01/01/1890 quá xa (trước năm 1901).'],
  ])('%s (%s) is fatal and names the date', async (_what, written, message) => {
    const [row] = await csvRows(`${header}Tương Lai,${written},Nam,\n`);
    expect(row.fatal).toBe(true);
    expect(said(row, 'fatal')).toEqual([message]);
  });

  it('today itself is a birth date', async () => {
    const [row] = await csvRows(`${header}Bé Na,22/11/2026,Nữ,\n`);
    expect(row).toMatchObject({ fatal: false, person: { birthDate: '2026-11-22' } });
  });

  it('Excel dates and serial numbers in the future, and a future year in the "Nam" | "Nữ" layout', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Họ và tên', 'Ngày sinh', 'Giới tính']);
    ws.addRow(['Ô Ngày', new Date('2030-06-15T00:00:00Z'), 'Nam']);
    ws.addRow(['Ô Số', 47649, 'Nam']);
    const rows = await rowsOf('s.xlsx', await toBuffer(wb));
    expect(rows.map((r) => [r.fatal, said(r, 'fatal')])).toEqual([
      [true, ['Ngày sinh 15/06/2030 ở sau ngày hôm nay.']],
      [true, ['Ngày sinh 15/06/2030 ở sau ngày hôm nay.']],
    ]);
    const [namNu] = await csvRows('Họ và tên,Nam,Nữ\nLục Văn Pảo,2031,\n');
    expect(said(namNu, 'fatal')).toEqual(['Ngày sinh 2031 ở sau ngày hôm nay.']);
  });

  it('a CCCD whose year digits are in the future gives no birth year: the row is fatal', async () => {
    const [row] = await csvRows('Họ và tên,Giới tính,Số CCCD\nKhông Năm,Nam,038230001234\n');
    expect(row.fatal).toBe(true);
    expect(said(row, 'fatal')).toContain(
      'Số CCCD 038230001234: các chữ số năm sinh ứng với năm 2030, ở sau năm nay.',
    );
  });

  it('a "Năm sinh" that disagrees with the "Ngày sinh" is fatal: neither is taken', async () => {
    const [row] = await csvRows('Họ và tên,Ngày sinh,Năm sinh,Giới tính\nHai Năm,05/03/1962,1963,Nam\n');
    expect(row.fatal).toBe(true);
    expect(said(row, 'fatal')).toEqual([
      'Năm sinh 1963 khác với ngày sinh 05/03/1962: không biết giá trị nào đúng.',
    ]);
    const [agree] = await csvRows('Họ và tên,Năm sinh,Ngày sinh,Giới tính\nMột Năm,1962,05/03/1962,Nam\n');
    expect(agree).toMatchObject({ fatal: false, person: { birthDate: '1962-03-05' } });
  });

  it('an issue date in the future or before birth is not stored, and says so', async () => {
    const rows = await csvRows(
      'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Ngày cấp\n' +
        'Cấp Sau,05/03/1962,Nam,001062012345,01/01/2030\n' +
        'Cấp Trước,05/03/1962,Nam,001062012345,01/01/1960\n',
    );
    expect(rows.map((r) => [r.fatal, r.person.idIssuedOn, said(r, 'dropped')])).toEqual([
      [false, null, ['Ngày cấp 01/01/2030 ở sau ngày hôm nay — không lưu ngày này.']],
      [false, null, ['Ngày cấp CCCD/CMND 01/01/1960 ở trước ngày sinh 05/03/1962 — không lưu ngày này.']],
    ]);
  });
});

describe('identity numbers are stored whole or the row is not imported', () => {
  const header = 'Họ và tên,Ngày sinh,Giới tính,Số CCCD,Số CMND,Số thẻ BHYT,Mã số BHXH\n';

  it.each([
    [
      'a CCCD contradicting the sex',
      'Sai Giới,01/01/1990,Nữ,038090001234,,,',
      'Số CCCD 038090001234: chữ số giới tính/thế kỷ (chữ số thứ 4 là 0) ứng với Nam, không khớp với giới tính Nữ trên dòng.',
    ],
    [
      'a CCCD contradicting the birth year',
      'Sai Năm,01/01/1991,Nam,038090001235,,,',
      'Số CCCD 038090001235: các chữ số năm sinh ứng với năm 1990, không khớp với năm sinh 1991 trên dòng.',
    ],
    [
      'a CCCD of 11 digits',
      'Thiếu Số,01/01/1990,Nam,03809000123,,,',
      'Số CCCD/CMND «03809000123» có 11 chữ số: số CCCD có 12 chữ số, số CMND cũ có 9.',
    ],
    [
      'two different CCCDs',
      'Hai Số,01/01/1990,Nam,038090001234,001090001234,,',
      'Hai số CCCD khác nhau trên một dòng: 038090001234 và 001090001234; không biết số nào đúng.',
    ],
    [
      'a BHYT card that is not one',
      'Thẻ Sai,01/01/1990,Nam,,,ABC123,',
      'Số thẻ BHYT «ABC123» không đúng dạng: mã BHXH có 10 chữ số (thẻ từ 2021), thẻ cũ có 15 ký tự (ví dụ HS4010120878837).',
    ],
    [
      'a BHXH code that is not the card’s',
      'Hai Mã,01/01/1990,Nam,,,HS4010120878837,0199999999',
      'Mã số BHXH 0199999999 không khớp với số thẻ BHYT HS4010120878837 (mã BHXH là 10 ký tự cuối của thẻ): không biết số nào đúng.',
    ],
  ])('%s: fatal, naming the number', async (_what, line, message) => {
    const [row] = await csvRows(`${header}${line}\n`);
    expect(row.fatal).toBe(true);
    expect(said(row, 'fatal')).toEqual([message]);
  });

  it('the sex taken from the CCCD when the sex cell cannot be read: the cell is named as not stored', async () => {
    const [row] = await csvRows(`${header}Lê Thị Hoa,1985,0,001185004321,,,\n`);
    expect(row).toMatchObject({ fatal: false, person: { sex: 'F', cccd: '001185004321' } });
    expect(said(row)).toEqual([
      'Giới tính lấy theo số CCCD (Nữ).',
      'Giới tính «0» không rõ: ghi Nam hoặc Nữ — không lưu giá trị này.',
    ]);
  });
});

describe('every value read but not stored is named in the row', () => {
  it('names the field, the value and that it is not stored; the rest of the row is kept', async () => {
    const long = `Số 1 đường Lê Lợi, ${'khu dân cư mới '.repeat(25)}phía sau chợ`;
    const header =
      'Họ và tên,Ngày sinh,Giới tính,Điện thoại,Email,Dân tộc,Quốc tịch,Họ tên mẹ,Quan hệ với chủ hộ,Nơi thường trú,Ngày cấp,Nơi cấp\n';
    const [row] = await csvRows(
      `${header}Lê Văn Cường,1990,Nam,"0912345678 - 0987654321",abc,Xyz,Nước Pháp,Mẹ 2,${'Cháu '.repeat(12)},"${long}",01/02/2015,Cục CS\n`,
    );
    expect(row.fatal).toBe(false);
    const dropped = row.problems.filter((p) => p.severity === 'dropped');
    expect(dropped.map((p) => [p.field, p.message])).toEqual([
      ['idIssuedOn', 'Ngày cấp 01/02/2015: dòng không có số CCCD/CMND để ghi kèm — không lưu ngày này.'],
      ['idIssuedBy', 'Nơi cấp «Cục CS»: dòng không có số CCCD/CMND để ghi kèm — không lưu nơi cấp này.'],
      [
        'phone',
        'Số di động thứ hai 0987654321 trong ô điện thoại (mỗi người lưu một số di động và một số cố định; đã lưu 0912345678) — không lưu số này.',
      ],
      ['email', 'Email «abc» không hợp lệ — không lưu email này.'],
      [
        'permanentAddress',
        expect.stringMatching(
          /^Nơi thường trú dài \d+ ký tự, quá 300: chỉ lưu 300 ký tự đầu; phần «.+» — không lưu phần này\.$/,
        ),
      ],
      [
        'relationToHead',
        expect.stringMatching(/^Quan hệ với chủ hộ dài 59 ký tự, quá 50: .* — không lưu phần này\.$/),
      ],
      ['ethnicity', 'Dân tộc «Xyz» không có trong danh mục 54 dân tộc — không lưu giá trị này.'],
      [
        'nationality',
        'Quốc tịch «Nước Pháp» chưa có mã: hãy ghi mã nước (ví dụ VN) hoặc để trống — không lưu giá trị này.',
      ],
      ['motherName', 'Họ tên mẹ «Mẹ 2» có chữ số — không lưu tên này.'],
    ]);
    // Every message names its field as the list's heading does, or the value itself.
    for (const p of dropped) expect(p.message).toMatch(/— không lưu .+\.$/);
    expect(FIELD_LABELS.phone).toBe('Điện thoại');
    expect(row.person).toMatchObject({
      phoneMobile: '0912345678',
      email: '',
      ethnicityCode: '',
      nationality: '',
      motherName: '',
      idIssuedOn: null,
      idIssuedBy: '',
    });
    expect(row.person.permanentAddress).toHaveLength(300);
    expect(row.person.relationToHead).toHaveLength(50);
  });
});
