import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  largeCsv,
  largeWorkbook,
  multiSheetWorkbook,
  namNuWorkbook,
  stationWorkbook,
  tcvn3Workbook,
  toBuffer,
} from '../../../../test/fixtures/import/workbooks.ts';
import { readTable } from './read-table.ts';
import { DEFAULT_LIMITS, type ReadTableResult, type TableRead, type TableWarning } from './table-types.ts';
import { reorderZip } from './zip-directory.ts';
import { readXlsx } from './xlsx.ts';

const fixture = (name: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../../../../test/fixtures/import/${name}`, import.meta.url)));

function ok(r: ReadTableResult): TableRead {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r;
}
const rowsOf = (r: ReadTableResult): string[][] => {
  const t = ok(r);
  return t.sheets[t.defaultSheet].rows;
};
const errorOf = (r: ReadTableResult) => {
  if (r.ok) throw new Error('expected an error');
  return r.error;
};

describe('readTable: CSV in the encodings stations produce', () => {
  it('UTF-8 without BOM, comma, quoted addresses (population database export)', async () => {
    const r = ok(await readTable('dan-cu.csv', fixture('population-db.csv')));
    expect(r).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', warnings: [] });
    const rows = r.sheets[0].rows;
    expect(rows[0][1]).toBe('Họ và tên');
    expect(rows[1]).toEqual(
      expect.arrayContaining(['NGUYỄN VĂN AN', '05/03/1962', 'Thôn Đông, xã Hòa Bình, tỉnh An Giang']),
    );
    expect(rows).toHaveLength(5);
  });

  it('UTF-8 with BOM, semicolon, line breaks and quotes inside quoted fields (BHXH list)', async () => {
    const r = ok(await readTable('bhxh.csv', fixture('bhxh-list.csv')));
    expect(r).toMatchObject({ encoding: 'utf-8', delimiter: ';' });
    const rows = r.sheets[0].rows;
    expect(rows[0][0]).toBe('STT'); // no BOM left on the first heading
    expect(rows[1][6]).toBe('Số 5 ngõ 12\nphường Cầu Giấy');
    expect(rows[2][6]).toBe('Xóm "Chợ" cũ; Cầu Giấy');
  });

  it('UTF-16 LE with BOM, tab-separated ("Unicode text")', async () => {
    const r = ok(await readTable('tram.csv', fixture('station-utf16.csv')));
    expect(r).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(r.sheets[0].rows[4]).toEqual([
      '1',
      "H'Hen Niê",
      '15/7/1990',
      'Nữ',
      '066190000123',
      'Buôn Ky',
      '0905123456',
      'Ê-đê',
    ]);
  });

  it('UTF-16 BE with BOM', async () => {
    const le = Buffer.from('Họ và tên,Năm sinh\nĐặng Văn Ễ,1970\n', 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
    const r = ok(await readTable('be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), be])));
    expect(r.encoding).toBe('utf-16be');
    expect(r.sheets[0].rows[1]).toEqual(['Đặng Văn Ễ', '1970']);
  });

  it('invalid UTF-8 falls back to Windows-1258, with a warning', async () => {
    const r = ok(await readTable('ansi.csv', fixture('station-windows1258.csv')));
    expect(r.encoding).toBe('windows-1258');
    expect(r.warnings.map((w) => w.code)).toEqual(['ENCODING_FALLBACK']);
    expect(r.sheets[0].rows[1]).toEqual(['Đặng Thị Hương', '01.02.1970', 'Nữ', 'Xóm Thượng', 'Làm ruộng']);
  });

  it('TCVN3 (.VnTime) text is recognised and converted, with a warning', async () => {
    const r = ok(await readTable('tcvn3.csv', fixture('station-tcvn3.csv')));
    expect(r.encoding).toBe('tcvn3');
    expect(r.warnings).toEqual([
      expect.objectContaining({ code: 'TCVN3_CONVERTED', message: expect.stringMatching(/TCVN3/) }),
    ]);
    expect(r.sheets[0].rows).toEqual([
      ['Họ và tên', 'Năm sinh', 'Giới tính', 'Địa chỉ', 'Quan hệ với chủ hộ'],
      ['Nguyễn Văn An', '1962', 'Nam', 'Thôn Đông', 'Chủ hộ'],
      ['Trần Thị Thủy', '1968', 'Nữ', 'Thôn Đông', 'Vợ'],
      ['Người Được Ghi', '1990', 'Nam', 'Thôn Đông', 'Con'],
    ]);
  });

  it('TCVN3 text inside a UTF-8 file (an Excel sheet in .VnTime saved as CSV UTF-8)', async () => {
    const r = ok(
      await readTable(
        'x.csv',
        Buffer.from('Hä vµ tªn,Giíi tÝnh\nNguyÔn V¨n An,Nam\nTrÇn ThÞ B×nh,N÷\n', 'utf8'),
      ),
    );
    expect(r.sheets[0].rows).toEqual([
      ['Họ và tên', 'Giới tính'],
      ['Nguyễn Văn An', 'Nam'],
      ['Trần Thị Bình', 'Nữ'],
    ]);
  });

  it('tolerates a stray NUL byte in a text file', async () => {
    const r = ok(await readTable('x.csv', Buffer.from('Họ tên,Năm sinh\nAn\0,1990\n', 'utf8')));
    expect(r.sheets[0].rows[1]).toEqual(['An', '1990']);
  });

  it('decomposed Vietnamese (typed on a Mac) comes out NFC; Excel\'s ="00…" keeps its zeros', async () => {
    const r = ok(
      await readTable('x.csv', Buffer.from('Họ tên,CCCD\nNguye\u0302\u0303n An,="001062012345"\n', 'utf8')),
    );
    expect(r.sheets[0].rows[1]).toEqual(['Nguyễn An', '001062012345']);
  });
});

describe('readTable: XLSX', () => {
  it('reads cells as Excel shows them: dates as ISO, formulas by their result, rich text, hyperlinks, errors', async () => {
    const r = ok(await readTable('tram.xlsx', await stationWorkbook()));
    const sheet = r.sheets[0];
    expect(sheet.name).toBe('Thôn Đông');
    expect(sheet.rows[0]).toEqual(['TRẠM Y TẾ XÃ HÒA BÌNH']); // merged A1:H1: value in A1 only
    expect(sheet.rows[2]).toEqual([]);
    expect(sheet.rows[4]).toEqual([
      '1',
      'Nguyễn Văn An',
      '1962-03-05',
      'Nam',
      '1062012345',
      '912345678',
      'an@example.vn',
      'Kinh',
    ]);
    expect(sheet.typed[4][2]).toEqual({ type: 'date', iso: '1962-03-05', serial: 22710 });
    expect(sheet.typed[4][4]).toEqual({ type: 'number', value: 1062012345 });
    expect(sheet.rows[5]).toEqual(['2', 'Trần Thị Bình', '12/11/1965', 'Nữ', '001165004321', '0987 654 321']); // #N/A: blank
    expect(sheet.rows[6][7]).toBe('H’Mông');
    expect(sheet.merges).toEqual(['A1:H1', 'A2:H2']);
    expect(r.warnings.map((w) => w.code).sort()).toEqual(['FORMULA_WITHOUT_RESULT', 'MERGED_CELLS']);
    expect(r.warnings.find((w) => w.code === 'MERGED_CELLS')?.message).toMatch(/A1:H1.*ô đầu/);
  });

  it('lists every sheet, picks the first visible one with data', async () => {
    const r = ok(await readTable('ds.xlsx', await multiSheetWorkbook()));
    expect(r.sheets.map((s) => [s.name, s.hidden, s.rows.length])).toEqual([
      ['Hướng dẫn', false, 0],
      ['Mã', true, 1],
      ['Danh sách', false, 2],
    ]);
    expect(r.defaultSheet).toBe(2);
  });

  it('converts cells typed in .VnTime fonts, capitals for .VnTimeH', async () => {
    const r = ok(await readTable('tcvn3.xlsx', await tcvn3Workbook()));
    expect(r.sheets[0].rows).toEqual([
      ['Họ và tên', 'Năm sinh', 'Giới tính'],
      ['Nguyễn Văn An', '1962', 'Nam'],
      ['TRẦN THỊ THỦY', '1968', 'NỮ'],
    ]);
    expect(r.warnings.map((w) => w.code)).toEqual(['TCVN3_CONVERTED']);
  });

  it("exceljs's streaming reader (reordered archive) and its full loader give the same sheets", async () => {
    for (const build of [stationWorkbook, namNuWorkbook, tcvn3Workbook, multiSheetWorkbook]) {
      const bytes = await build();
      const streamed = await readXlsx(bytes, DEFAULT_LIMITS, 'stream');
      const loaded = await readXlsx(bytes, DEFAULT_LIMITS, 'load');
      if (!streamed.ok || !loaded.ok) throw new Error('unreadable');
      expect(streamed.sheets).toEqual(loaded.sheets);
      // The streaming reader cannot tell a formula that failed (#N/A) from one never calculated:
      // both are blank cells with a warning.
      const codes = (r: { warnings: TableWarning[] }) =>
        r.warnings.map((w) => (w.code === 'CELL_ERRORS' ? 'FORMULA_WITHOUT_RESULT' : w.code));
      expect(codes(streamed)).toEqual(codes(loaded));
    }
  });

  it('reorders the archive so the streaming reader meets shared strings and styles before the sheets', async () => {
    const bytes = await stationWorkbook();
    const localNames = (b: Buffer): string[] => {
      const names: string[] = [];
      for (let at = 0; b.readUInt32LE(at) === 0x04034b50;) {
        const n = b.readUInt16LE(at + 26);
        names.push(b.toString('utf8', at + 30, at + 30 + n));
        const next = b.indexOf(Buffer.from([0x50, 0x4b]), at + 30 + n);
        at = next;
        while (at >= 0 && ![0x04034b50, 0x02014b50].includes(b.readUInt32LE(at)))
          at = b.indexOf(Buffer.from([0x50, 0x4b]), at + 1);
        if (at < 0) break;
      }
      return names.filter((n) => !n.endsWith('/'));
    };
    // exceljs, like Excel, writes the sheets before the shared strings and styles.
    expect(localNames(bytes).indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(
      localNames(bytes).indexOf('xl/sharedStrings.xml'),
    );
    const reordered = reorderZip(bytes, (n) => (n.startsWith('xl/worksheets/') ? 1 : 0));
    if (!reordered) throw new Error('not reordered');
    expect(localNames(reordered).indexOf('xl/worksheets/sheet1.xml')).toBeGreaterThan(
      localNames(reordered).indexOf('xl/sharedStrings.xml'),
    );
    expect(localNames(reordered).indexOf('xl/worksheets/sheet1.xml')).toBeGreaterThan(
      localNames(reordered).indexOf('xl/styles.xml'),
    );
    expect(reordered.length).toBe(bytes.length);
  });

  it('reads workbooks written with inline strings and no styles (SheetJS, web exports)', async () => {
    const r = ok(await readTable('xuat.xlsx', fixture('inline-strings.xlsx')));
    expect(r.sheets[0]).toMatchObject({
      name: 'Xuất dữ liệu',
      rows: [
        ['Họ và tên', 'Ngày sinh', 'Giới tính'],
        ['Nguyễn Văn An', '22710', 'Nam'],
      ],
      typed: { 1: { 1: { type: 'number', value: 22710 } } }, // no styles: the date is a bare serial
      merges: ['D1:E1'],
    });
  });

  it('never parks sheet data in temporary files (the streaming reader would, given the parts in file order)', async () => {
    const require = createRequire(import.meta.url);
    const tmp = require(require.resolve('tmp', { paths: [require.resolve('exceljs')] })) as {
      file: (...args: unknown[]) => unknown;
    };
    const original = tmp.file;
    let calls = 0;
    tmp.file = (...args: unknown[]) => {
      calls++;
      return original(...args);
    };
    try {
      ok(await readTable('a.xlsx', await stationWorkbook()));
      ok(await readTable('b.xlsx', fixture('inline-strings.xlsx')));
    } finally {
      tmp.file = original;
    }
    expect(calls).toBe(0);
  });

  it('a formula saved without its result is read as blank, with a warning', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Họ và tên', 'Tuổi']);
    ws.addRow(['An', { formula: 'YEAR(TODAY())-1962' }]);
    const r = ok(await readTable('f.xlsx', await toBuffer(wb)));
    expect(r.sheets[0].rows[1]).toEqual(['An']);
    expect(r.warnings.map((w) => w.code)).toEqual(['FORMULA_WITHOUT_RESULT']);
  });
});

describe('readTable: files that are not what they say', () => {
  it('reads by content: an .xlsx holding CSV text, a .csv holding a workbook', async () => {
    const csv = ok(await readTable('ds.xlsx', fixture('actually-csv.xlsx')));
    expect(csv.format).toBe('csv');
    expect(csv.warnings[0]).toMatchObject({
      code: 'CONTENT_MISMATCH',
      message: expect.stringMatching(/văn bản CSV/),
    });
    const xlsx = ok(await readTable('ds.csv', await multiSheetWorkbook()));
    expect(xlsx.format).toBe('xlsx');
    expect(xlsx.warnings[0]).toMatchObject({ code: 'CONTENT_MISMATCH' });
  });

  it.each([
    ['old-excel.xls', 'XLS_BIFF', /Excel 97-2003.*\.xlsx/],
    ['portal-export.xls', 'HTML_TABLE', /trang web.*\.xlsx/],
    ['random-bytes.csv', 'BINARY', /không phải văn bản CSV/],
    ['only-empty-rows.csv', 'NO_DATA', /mọi dòng đều trống/],
  ])('%s → %s', async (name, code, message) => {
    expect(errorOf(await readTable(name, fixture(name)))).toMatchObject({
      code,
      message: expect.stringMatching(message),
    });
  });

  it('empty, encrypted, OpenDocument, PDF, Word, damaged workbooks', async () => {
    expect(errorOf(await readTable('a.csv', new Uint8Array()))).toMatchObject({ code: 'EMPTY_FILE' });
    const encrypted = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(encrypted);
    Buffer.from('EncryptionInfo', 'utf16le').copy(encrypted, 1500);
    expect(errorOf(await readTable('a.xlsx', encrypted))).toMatchObject({
      code: 'ENCRYPTED_WORKBOOK',
      message: expect.stringMatching(/mật khẩu/),
    });
    const ods = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'),
    ]);
    expect(errorOf(await readTable('a.ods', ods))).toMatchObject({ code: 'OPEN_DOCUMENT' });
    expect(errorOf(await readTable('a.pdf', Buffer.from('%PDF-1.7\n...')))).toMatchObject({ code: 'PDF' });
    const valid = await multiSheetWorkbook();
    expect(errorOf(await readTable('a.xlsx', valid.subarray(0, valid.length - 200)))).toMatchObject({
      code: 'UNREADABLE_WORKBOOK',
      message: expect.stringMatching(/hỏng/),
    });
    const notWorkbook = Buffer.from(
      valid.toString('latin1').replaceAll('xl/workbook.xml', 'xl/workbooX.xml'),
      'latin1',
    );
    expect(errorOf(await readTable('a.xlsx', notWorkbook))).toMatchObject({
      code: 'NOT_A_WORKBOOK',
      message: expect.stringMatching(/không phải bảng tính Excel/),
    });
  });

  it('a sheet of blank cells only (formatted but empty) is no data', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('C5').value = '   ';
    ws.getCell('D9').numFmt = '@';
    expect(errorOf(await readTable('a.xlsx', await toBuffer(wb)))).toMatchObject({ code: 'NO_DATA' });
  });
});

describe('readTable: limits', () => {
  it('refuses files over the byte limit (default 50 MB) before reading them', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024 + 1, 0x61);
    expect(errorOf(await readTable('a.csv', big))).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: expect.stringMatching(/50 MB/),
    });
  });

  it('refuses more rows than the limit (default 300,000), CSV and XLSX', async () => {
    const lines = Buffer.from('Họ tên\n' + 'a\n'.repeat(300_000), 'utf8');
    expect(errorOf(await readTable('a.csv', lines))).toMatchObject({
      code: 'TOO_MANY_ROWS',
      message: expect.stringMatching(/300\.000/),
    });
    const xlsx = await largeWorkbook(120);
    expect(errorOf(await readTable('a.xlsx', xlsx, { maxRows: 100 }))).toMatchObject({
      code: 'TOO_MANY_ROWS',
    });
    expect(await readXlsx(xlsx, { ...DEFAULT_LIMITS, maxRows: 100 }, 'load')).toMatchObject({
      ok: false,
      error: { code: 'TOO_MANY_ROWS' },
    });
    expect(ok(await readTable('a.csv', largeCsv(120), { maxRows: 200 })).sheets[0].rows).toHaveLength(121);
  });

  it('refuses a workbook that would unpack far beyond the byte limit (a zip bomb)', async () => {
    const bytes = await multiSheetWorkbook();
    // Declare 1.5 GB for the first sheet in the central directory, as a zip bomb would.
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (let at = bytes.indexOf(name); at >= 0; at = bytes.indexOf(name, at + 1)) {
      if (bytes.readUInt32LE(at - 46) === 0x02014b50) bytes.writeUInt32LE(1_500_000_000, at - 46 + 24);
    }
    expect(errorOf(await readTable('a.xlsx', bytes))).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: expect.stringMatching(/giải nén/),
    });
  });

  it('never throws nor hangs, whatever the bytes', { timeout: 90_000 }, async () => {
    const seeds = [await stationWorkbook(), fixture('population-db.csv'), fixture('station-utf16.csv')];
    let x = 7;
    for (const seed of seeds) {
      for (let n = 0; n < 12; n++) {
        const copy = Buffer.from(seed);
        for (let k = 0; k < 30; k++) {
          x = (x * 1103515245 + 12345) & 0x7fffffff;
          copy[x % copy.length] = x >> 8;
        }
        const r = await readTable('fuzz.xlsx', copy);
        expect(typeof r.ok).toBe('boolean');
      }
    }
  });
});

describe('readTable: rows and lines', () => {
  it('row i is line i + 1: blank lines are kept, trailing ones dropped', async () => {
    expect(
      rowsOf(await readTable('a.csv', Buffer.from('\n\nHọ tên,Năm sinh\n\nAn,1990\n\n\n', 'utf8'))),
    ).toEqual([[], [], ['Họ tên', 'Năm sinh'], [], ['An', '1990']]);
  });
});
