import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { namNuWorkbook, stationWorkbook } from '../../../../test/fixtures/import/workbooks.ts';
import { matchHeading } from './header-match.ts';
import { applyTemplate, checkMapping, detectMapping } from './mapping.ts';
import type { ColumnMapping } from './mapping-types.ts';
import { readTable } from './read-table.ts';
import type { Sheet } from './table-types.ts';

const fixture = (name: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../../../../test/fixtures/import/${name}`, import.meta.url)));

async function sheetOf(name: string, bytes: Uint8Array): Promise<Sheet> {
  const r = await readTable(name, bytes);
  if (!r.ok) throw new Error(r.error.message);
  return r.sheets[r.defaultSheet];
}
const csvSheet = (text: string): Promise<Sheet> => sheetOf('t.csv', Buffer.from(text, 'utf8'));

describe('detectMapping: realistic layouts', () => {
  it('the national population database export', async () => {
    const d = detectMapping(await sheetOf('dan-cu.csv', fixture('population-db.csv')));
    expect(d.mapping).toMatchObject({
      headerLine: 1,
      headerLines: 1,
      firstDataLine: 2,
      dateOrder: 'dmy',
      columns: {
        fullName: 1,
        birthDate: 2,
        sex: 3,
        cccd: 4,
        cmnd: 5,
        ethnicity: 6,
        religion: 7,
        nationality: 8,
        permanentAddress: 9,
        currentAddress: 10,
        relationToHead: 11,
        householdHead: 12,
      },
    });
    expect(d.problems).toEqual([]);
    expect(d.unmatched).toEqual([]);
    expect(d.columns[0]).toMatchObject({ letter: 'A', heading: 'STT', ignored: true, field: null });
    expect(d.matches.every((m) => m.source === 'header' && m.confidence === 1)).toBe(true);
  });

  it('a BHXH participant list', async () => {
    const d = detectMapping(await sheetOf('bhxh.csv', fixture('bhxh-list.csv')));
    expect(d.mapping.columns).toEqual({
      bhxhCode: 1,
      fullName: 2,
      birthDate: 3,
      sex: 4,
      cccd: 5,
      permanentAddress: 6,
      householdCode: 7,
      phone: 8,
    });
  });

  it('a station sheet with title lines and abbreviated headings (TT, NS, GT, SĐT)', async () => {
    const d = detectMapping(await sheetOf('tram.csv', fixture('station-utf16.csv')));
    expect(d.mapping).toMatchObject({ headerLine: 4, firstDataLine: 5 });
    expect(d.mapping.columns).toEqual({
      fullName: 1,
      birthDate: 2,
      sex: 3,
      cccd: 4,
      village: 5,
      phone: 6,
      ethnicity: 7,
    });
    expect(d.matches.find((m) => m.field === 'birthDate')?.confidence).toBeLessThan(1); // "NS" is a weak heading
  });

  it('an XLSX with merged title cells above the header', async () => {
    const d = detectMapping(await sheetOf('tram.xlsx', await stationWorkbook()));
    expect(d.mapping).toMatchObject({ headerLine: 4, firstDataLine: 5 });
    expect(d.mapping.columns).toEqual({
      fullName: 1,
      birthDate: 2,
      sex: 3,
      cccd: 4,
      phone: 5,
      email: 6,
      ethnicity: 7,
    });
  });

  it('"Năm sinh" over two columns "Nam" | "Nữ", with merged headings and a row of column numbers', async () => {
    for (const merged of [true, false]) {
      const d = detectMapping(await sheetOf('so.xlsx', await namNuWorkbook({ merged })));
      expect(d.mapping).toMatchObject({ headerLine: 2, headerLines: 2, firstDataLine: 5 });
      expect(d.mapping.columns).toEqual({
        fullName: 1,
        maleColumn: 2,
        femaleColumn: 3,
        permanentAddress: 4,
        ethnicity: 5,
      });
      expect(d.mapping.headings).toEqual(['STT', 'Họ và tên', 'Nam', 'Nữ', 'Địa chỉ', 'Dân tộc']);
      expect(d.columns.find((c) => c.column === 2)?.heading).toBe('Năm sinh / Nam');
      expect(d.problems).toEqual([]);
    }
  });

  it('the same layout as CSV ("Năm sinh" in one cell, the cell to its right blank)', async () => {
    const d = detectMapping(
      await csvSheet('STT,Họ và tên,Năm sinh,,Thôn\n,,Nam,Nữ,\n1,Lò Văn Sơn,1950,,Bản Mường\n'),
    );
    expect(d.mapping).toMatchObject({
      headerLines: 2,
      firstDataLine: 3,
      columns: { fullName: 1, maleColumn: 2, femaleColumn: 3, village: 4 },
    });
  });

  it('"Giới tính" over "Nam" | "Nữ" holding marks, with a date of birth column', async () => {
    const d = detectMapping(await csvSheet('Họ tên,Ngày sinh,Giới tính,\n,,Nam,Nữ\nAn,01/01/1990,x,\n'));
    expect(d.mapping.columns).toEqual({ fullName: 0, birthDate: 1, maleColumn: 2, femaleColumn: 3 });
  });

  it('a file without a header: columns guessed from their values, with low confidence', async () => {
    const d = detectMapping(
      await csvSheet(
        'Nguyễn Văn An,05/03/1962,Nam,001062012345,0912345678\nTrần Thị Bình,12/11/1965,Nữ,001165004321,0987654321\nLê Văn Cường,01/01/1990,Nam,001090000001,0911111111\n',
      ),
    );
    expect(d.mapping).toMatchObject({ headerLine: null, headerLines: 0, firstDataLine: 1 });
    expect(d.mapping.columns).toEqual({ fullName: 0, birthDate: 1, sex: 2, cccd: 3, phone: 4 });
    expect(d.matches.every((m) => m.source === 'values' && m.confidence < 0.5)).toBe(true);
  });

  it('does not take a data row for a header because its values look like headings ("Nam", "Chủ hộ", "Thôn 1")', async () => {
    const d = detectMapping(
      await csvSheet(
        'Lê Văn An,Nam,Chủ hộ,Thôn 1,001062012345\nLê Thị Bình,Nữ,Vợ,Thôn 1,001165004321\nLê Văn Cường,Nam,Con,Thôn 1,001090000001\n',
      ),
    );
    expect(d.mapping).toMatchObject({
      headerLine: null,
      firstDataLine: 1,
      columns: { fullName: 0, sex: 1, cccd: 4 },
    });
  });

  it('an unrecognised heading over recognisable values is guessed; a second column for a field is left unmatched', async () => {
    const d = detectMapping(
      await csvSheet(
        'Họ và tên,Ngày sinh,Giới tính,Số giấy tờ,Địa chỉ,Địa chỉ\nAn,1990,Nam,001090000001,Thôn 1,Xã A\nBình,1991,Nữ,001191000002,Thôn 2,Xã A\n',
      ),
    );
    expect(d.mapping.columns).toMatchObject({ cccd: 3, permanentAddress: 4 });
    expect(d.matches.find((m) => m.field === 'cccd')?.source).toBe('values');
    expect(d.unmatched).toEqual([5]);
  });

  it('reports what is missing, in Vietnamese', async () => {
    const d = detectMapping(await csvSheet('Họ và tên,Số CCCD,Thôn\nAn,001090000001,Thôn 1\n'));
    expect(d.problems).toEqual([
      'Không tìm thấy cột Ngày sinh hoặc Năm sinh.',
      'Không tìm thấy cột Giới tính: giới tính sẽ lấy theo số CCCD, dòng không có CCCD sẽ bị báo lỗi.',
    ]);
  });

  it('detects month-first dates of a US-locale export', async () => {
    const d = detectMapping(
      await csvSheet('Họ tên,Ngày sinh,Giới tính\nAn,12/31/1962,Nam\nBình,3/5/1970,Nữ\n'),
    );
    expect(d.mapping.dateOrder).toBe('mdy');
    const e = detectMapping(
      await csvSheet('Họ tên,Ngày sinh,Giới tính\nAn,31/12/1962,Nam\nBình,3/5/1970,Nữ\n'),
    );
    expect(e.mapping.dateOrder).toBe('dmy');
  });

  it('joins "Họ (và tên đệm)" + "Tên"; a lone "Tên" is the full name', async () => {
    expect(
      detectMapping(await csvSheet('Họ và tên đệm,Tên,Ngày sinh,Giới tính\nNguyễn Văn,An,1990,Nam\n')).mapping
        .columns,
    ).toEqual({
      familyName: 0,
      givenName: 1,
      birthDate: 2,
      sex: 3,
    });
    expect(
      detectMapping(await csvSheet('Tên,Năm sinh,Giới tính\nNguyễn Văn An,1990,Nam\n')).mapping.columns,
    ).toEqual({
      fullName: 0,
      birthYear: 1,
      sex: 2,
    });
  });
});

describe('headings', () => {
  it.each([
    ['Họ và tên', 'fullName'],
    ['HỌ VÀ TÊN', 'fullName'],
    ['ho ten', 'fullName'],
    ['1. Họ và tên (*)', 'fullName'],
    ['Họ và tên\n(chữ in hoa)', 'fullName'],
    ['Ngày sinh', 'birthDate'],
    ['Ngày, tháng, năm sinh', 'birthDate'],
    ['Ngày/tháng/năm sinh', 'birthDate'],
    ['NS', 'birthDate'],
    ['Năm sinh', 'birthYear'],
    ['Giới tính', 'sex'],
    ['GT', 'sex'],
    ['Nam/Nữ', 'sex'],
    ['Nam', 'maleColumn'],
    ['Nữ', 'femaleColumn'],
    ['Số CCCD', 'cccd'],
    ['CCCD', 'cccd'],
    ['Số định danh', 'cccd'],
    ['Số ĐDCN', 'cccd'],
    ['Số CMND/CCCD', 'cccd'],
    ['CMND', 'cmnd'],
    ['Số CMT', 'cmnd'],
    ['Số thẻ BHYT', 'bhyt'],
    ['Mã thẻ', 'bhyt'],
    ['Mã số BHXH', 'bhxhCode'],
    ['Điện thoại', 'phone'],
    ['SĐT', 'phone'],
    ['Số ĐT', 'phone'],
    ['Địa chỉ', 'permanentAddress'],
    ['Nơi thường trú', 'permanentAddress'],
    ['Nơi ở hiện tại', 'currentAddress'],
    ['Thôn', 'village'],
    ['Xóm', 'village'],
    ['Tổ dân phố', 'village'],
    ['Ấp', 'village'],
    ['Bản', 'village'],
    ['Thôn/Xóm', 'village'],
    ['Mã hộ', 'householdCode'],
    ['Số hộ', 'householdCode'],
    ['Quan hệ với chủ hộ', 'relationToHead'],
    ['QH với CH', 'relationToHead'],
    ['Chủ hộ', 'householdHead'],
    ['Họ tên chủ hộ', 'householdHead'],
    ['Dân tộc', 'ethnicity'],
    ['Nghề nghiệp', 'occupation'],
    ['Tôn giáo', 'religion'],
    ['Quốc tịch', 'nationality'],
    ['E-mail', 'email'],
    ['Họ tên mẹ', 'motherName'],
    ['Họ tên bố', 'fatherName'],
    ['Họ tên cha', 'fatherName'],
    ['Họ tên bố/mẹ', 'caregiverName'],
    ['Người giám hộ', 'caregiverName'],
    ['STT', 'ignore'],
    ['Ghi chú', 'ignore'],
    ['Lỗi', 'ignore'],
    ['Dòng gốc', 'ignore'],
  ])('%s → %s', (heading, target) => {
    expect(matchHeading(heading)?.target).toBe(target);
  });

  it('does not read words inside other words', () => {
    expect(matchHeading('Tên thôn')?.target).toBe('village');
    expect(matchHeading('Danh sách nhân khẩu')).toBeNull();
    expect(matchHeading('Trạm y tế xã Hòa Bình')).toBeNull();
  });
});

describe('mappings as templates', () => {
  it('are plain JSON and follow their headings into a file whose columns moved', async () => {
    const first = detectMapping(
      await csvSheet('STT,Họ và tên,Ngày sinh,Giới tính,Ghi chú 2\n1,An,1990,Nam,x\n'),
    );
    // The user fixed a column by hand: "Ghi chú 2" holds the village.
    const saved: ColumnMapping = JSON.parse(
      JSON.stringify({ ...first.mapping, columns: { ...first.mapping.columns, village: 4 } }),
    );
    const next = await csvSheet(
      'DANH SÁCH\nGhi chú 2,Giới tính,Họ và tên,Ngày sinh,Dân tộc\nThôn 1,Nữ,Bình,1991,Kinh\n',
    );
    const d = applyTemplate(next, saved);
    expect(d.mapping).toMatchObject({
      headerLine: 2,
      firstDataLine: 3,
      columns: { village: 0, sex: 1, fullName: 2, birthDate: 3 },
    });
    expect(d.matches.find((m) => m.field === 'village')?.source).toBe('template');
    expect(d.problems).toEqual([]);
  });

  it('report a heading the new file lacks and fall back to what is detected', async () => {
    const first = detectMapping(await csvSheet('Họ và tên,Ngày sinh,Giới tính,Thôn\nAn,1990,Nam,1\n'));
    const d = applyTemplate(await csvSheet('Họ tên,Ngày sinh,Giới tính,Xóm\nAn,1990,Nam,1\n'), first.mapping);
    expect(d.mapping.columns).toEqual({ fullName: 0, birthDate: 1, sex: 2, village: 3 });
    expect(d.problems).toHaveLength(2);
    expect(d.problems[0]).toMatch(/Mẫu đã lưu có cột «Họ và tên».*dùng cột A/);
  });

  it('checkMapping catches a column given to two fields', () => {
    const m: ColumnMapping = {
      version: 1,
      sheetName: 'S',
      headerLine: 1,
      headerLines: 1,
      firstDataLine: 2,
      columns: { fullName: 0, birthDate: 1, sex: 1 },
      headings: ['Họ tên', 'Ngày sinh'],
      dateOrder: 'dmy',
    };
    expect(checkMapping(m)).toEqual(['Cột B được gán cho cả «Ngày sinh» và «Giới tính».']);
  });
});
