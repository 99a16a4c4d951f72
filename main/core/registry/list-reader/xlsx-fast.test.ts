/**
 * The fast XLSX reader must read every workbook exactly as exceljs's streaming reader does (same
 * sheets, cells, typed values, warnings), or step aside: each case is read both ways and compared.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  largeWorkbook,
  multiSheetWorkbook,
  namNuWorkbook,
  stationWorkbook,
  tcvn3Workbook,
  toBuffer,
} from '../../../../test/fixtures/import/workbooks.ts';
import type { SheetBuilder } from './sheet-builder.ts';
import { DEFAULT_LIMITS } from './table-types.ts';
import { runNow } from './turns.ts';
import { CLOSE, END, OPEN, TEXT, XmlScanner, XmlUnsupported } from './xml-scan.ts';
import { readXlsx } from './xlsx.ts';
import { readSheetsFast } from './xlsx-fast.ts';

const fixture = (name: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../../../../test/fixtures/import/${name}`, import.meta.url)));

/** Every quirk of cell values exceljs has an opinion on, in one workbook. */
async function quirksWorkbook(options: { inline?: boolean; date1904?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (options.date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet('Ký tự & số');
  ws.addRow(['Họ và tên', 'Ngày sinh', 'Số', 'Công thức', 'Khác']);
  ws.addRow([
    'Nguyễn <Văn> "An" & \'Bình\'',
    new Date(Date.UTC(1962, 2, 5)),
    0,
    { formula: 'C2*2', result: 0 },
    true,
  ]);
  ws.addRow([
    '  Trần Thị\r\nThủy  ',
    new Date(Date.UTC(1990, 11, 31, 13, 45)),
    1062012345,
    { formula: 'C3&""', result: '1062012345' },
    false,
  ]);
  ws.addRow([
    'Ê-đê 😀 _x000D_ xong',
    22710,
    3.14159265358979,
    { formula: '1/0', result: { error: '#DIV/0!' } },
    { error: '#N/A' },
  ]);
  ws.addRow([
    { richText: [{ text: 'Lê ', font: { bold: true, name: '.VnTime' } }, { text: 'Văn Cường' }] },
    '',
    -42.5,
    { formula: 'NOW()' },
    { text: 'thư', hyperlink: 'mailto:a@b.vn' },
  ]);
  ws.addRow([null, null, null, null, null]);
  const far = ws.getRow(7);
  far.getCell(1).value = 'Cột xa';
  far.getCell(28).value = 'AB';
  far.getCell(703).value = 'AAA';
  ws.getCell('B2').numFmt = 'dd/mm/yyyy';
  ws.getCell('B3').numFmt = 'dd/mm/yyyy hh:mm';
  ws.getCell('B4').numFmt = '[$-vi-VN]d" tháng "m" năm "yyyy';
  ws.getCell('C3').numFmt = '000000000000';
  ws.getCell('C4').numFmt = '0.00%';
  ws.getCell('A3').font = { name: '.VnTime' };
  ws.getRow(8).values = [1, 2];
  ws.getRow(8).numFmt = 'yyyy';
  ws.getCell('C9').value = { sharedFormula: 'C2', result: 7 };
  // A shared formula's master cell (exceljs's types leave out shareType and ref).
  ws.getCell('C2').value = {
    formula: 'C1+1',
    result: 5,
    shareType: 'shared',
    ref: 'C2:C9',
  } as ExcelJS.CellValue;
  ws.getCell('D9').value = 'cuối';
  wb.addWorksheet('Ẩn', { state: 'hidden' }).addRow(['a']);
  wb.addWorksheet('Ẩn hẳn', { state: 'veryHidden' }).addRow(['b']);
  return Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings: !options.inline }));
}

async function sameBothWays(bytes: Buffer, options: { fast?: boolean } = {}): Promise<void> {
  const fast = await readXlsx(bytes, DEFAULT_LIMITS, 'fast');
  const streamed = await readXlsx(bytes, DEFAULT_LIMITS, 'stream');
  expect(fast).toEqual(streamed);
  const builders: SheetBuilder[] = [];
  expect(runNow(readSheetsFast(bytes, DEFAULT_LIMITS.maxRows, builders))).toBe(options.fast ?? true);
}

describe('the fast XLSX reader reads as exceljs does', () => {
  it('the station, commune-register, .VnTime and multi-sheet workbooks', async () => {
    for (const build of [stationWorkbook, namNuWorkbook, tcvn3Workbook, multiSheetWorkbook])
      await sameBothWays(await build());
  });

  it('every kind of cell value: formulas and their results, errors, booleans, rich text, dates, far columns, sheet states', async () => {
    await sameBothWays(await quirksWorkbook());
    await sameBothWays(await quirksWorkbook({ inline: true }));
  });

  it('a generated list of 3,000 people', async () => {
    await sameBothWays(await largeWorkbook(3000));
  });

  it('steps aside for what it does not follow: the 1904 date system, a workbook without styles', async () => {
    await sameBothWays(await quirksWorkbook({ date1904: true }), { fast: false });
    const inline = fixture('inline-strings.xlsx');
    expect(await readXlsx(inline, DEFAULT_LIMITS, 'fast')).toEqual(
      await readXlsx(inline, DEFAULT_LIMITS, 'stream'),
    );
  });

  it('stops at the row limit as the streaming reader does', async () => {
    const bytes = await largeWorkbook(300);
    const limits = { ...DEFAULT_LIMITS, maxRows: 100 };
    const fast = await readXlsx(bytes, limits, 'fast');
    expect(fast).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ROWS' } });
    expect(fast).toEqual(await readXlsx(bytes, limits, 'stream'));
  });

  it('an empty sheet between two with data', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Một').addRow(['x']);
    wb.addWorksheet('Trống');
    wb.addWorksheet('Ba').addRow([1, 'y']);
    await sameBothWays(await toBuffer(wb));
  });
});

describe('XmlScanner', () => {
  const events = (xml: string): string[] => {
    const x = new XmlScanner(xml);
    const out: string[] = [];
    for (let ev = x.next(); ev !== END; ev = x.next()) {
      if (ev === OPEN)
        out.push(`<${x.name}${x.attribute('a') !== undefined ? ` a=${x.attribute('a')}` : ''}>`);
      else if (ev === TEXT) out.push(x.text);
      else if (ev === CLOSE) out.push(`</${x.name}>`);
    }
    return out;
  };

  it('reads tags, attributes (a ">" inside quotes included), entities and character references', () => {
    expect(
      events('<?xml version="1.0"?>\n<r><!-- c --><x a="1 &gt; 0 > -1"/><t>A &amp; B &#272;&#x1EA1;</t></r>'),
    ).toEqual(['<r>', '<x a=1 > 0 > -1>', '</x>', '<t>', 'A & B Đạ', '</t>', '</r>']);
  });

  it('refuses what it does not read, so exceljs reads it instead', () => {
    expect(() => events('<r><![CDATA[x]]></r>')).toThrow(XmlUnsupported);
    expect(() => events('<r>&nbsp;</r>')).toThrow(XmlUnsupported);
    expect(() => events('<r><a></b></r>')).toThrow(XmlUnsupported);
    expect(() => events('<r><a>')).toThrow(XmlUnsupported);
  });
});
