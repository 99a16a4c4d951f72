/**
 * The A1 register as an XLSX workbook a district officer prints: the station and form in the title
 * block, a two-level header (birth date under "Nam" or "Nữ", as the paper register has it) frozen
 * and repeated on every printed page, A4 landscape fitted to the width. Written by exceljs's
 * streaming writer a page of lines at a time, yielding between pages, so a year's register holds
 * neither all its rows nor the event loop.
 */
import { PassThrough } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { isoToVn } from '#contract/dates.ts';
import type { CoreContext } from '../../context.ts';
import { neutraliseFormula as safe } from '../../registry/list-reader/formula-text.ts';
import { getStation } from '../../station/station.ts';
import { a1Rows, countA1 } from './a1.ts';
import { A4_LANDSCAPE, FONT, headerCell, THIN, titleLine } from './sheet-layout.ts';

const TEXT_STYLE: Partial<ExcelJS.Style> = {
  font: { name: FONT, size: 11 },
  alignment: { vertical: 'top', wrapText: true },
  border: THIN,
};
const NUMBER_STYLE: Partial<ExcelJS.Style> = {
  ...TEXT_STYLE,
  alignment: { vertical: 'top', horizontal: 'right' },
};

/** The columns, in the register's order (birth date takes two: Nam, Nữ). */
export const A1_COLUMNS = [
  { header: 'STT', width: 6 },
  { header: 'Ngày khám', width: 11 },
  { header: 'Họ và tên', width: 22 },
  { header: 'Nam', width: 11, group: 'Ngày sinh' },
  { header: 'Nữ', width: 11, group: 'Ngày sinh' },
  { header: 'Giấy tờ tùy thân', width: 19 },
  { header: 'Số thẻ BHYT', width: 17 },
  { header: 'Địa chỉ', width: 26 },
  { header: 'Dân tộc', width: 9 },
  { header: 'Nghề nghiệp', width: 13 },
  { header: 'Triệu chứng', width: 24 },
  { header: 'Chẩn đoán', width: 28 },
  { header: 'Phương pháp điều trị', width: 32 },
  { header: 'Người khám', width: 18 },
  { header: 'Ghi chú', width: 22 },
] as const;

/** Rows of the title block and header: titles 1–3, a blank 4, header 5–6, column numbers 7. */
export const A1_HEADER_ROWS = { first: 5, last: 7 } as const;
const PAGE = 500;

export async function a1Workbook(
  ctx: CoreContext,
  from: string,
  to: string,
): Promise<{ bytes: Buffer; rows: number }> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: false,
  });
  const n = A1_COLUMNS.length;
  const sheet = wb.addWorksheet('Sổ khám bệnh', {
    views: [{ state: 'frozen', ySplit: A1_HEADER_ROWS.last, xSplit: 0 }],
    pageSetup: { ...A4_LANDSCAPE, printTitlesRow: `${A1_HEADER_ROWS.first}:${A1_HEADER_ROWS.last}` },
  });
  // The body's look is the columns' (every cell of a line takes it as it is made): one style per
  // column instead of one per cell keeps a month of lines quick to write.
  sheet.columns = A1_COLUMNS.map((c, i) => ({ width: c.width, style: i === 0 ? NUMBER_STYLE : TEXT_STYLE }));

  const station = getStation(ctx);
  titleLine(sheet, 1, 5, `TRẠM Y TẾ ${(station.name || '').replace(/^Trạm y tế\s*/i, '').toUpperCase()}`, {
    bold: true,
    align: 'left',
  });
  titleLine(sheet, 1, 3, 'Mẫu A1/CSYT (TT 23/2025/TT-BYT)', { italic: true, align: 'right' }, n - 2);
  titleLine(sheet, 2, n, 'SỔ KHÁM BỆNH', { size: 16, bold: true });
  titleLine(sheet, 3, n, `Từ ngày ${isoToVn(from)} đến ngày ${isoToVn(to)}`, { italic: true });

  // Header: single columns span both header rows; "Ngày sinh" spans Nam and Nữ.
  const top = A1_HEADER_ROWS.first;
  A1_COLUMNS.forEach((c, i) => {
    const col = i + 1;
    if ('group' in c) {
      headerCell(sheet.getCell(top + 1, col), c.header);
      if (A1_COLUMNS[i - 1] && 'group' in A1_COLUMNS[i - 1]) return;
      sheet.mergeCells(top, col, top, col + 1);
      headerCell(sheet.getCell(top, col), c.group);
      headerCell(sheet.getCell(top, col + 1), c.group);
    } else {
      sheet.mergeCells(top, col, top + 1, col);
      headerCell(sheet.getCell(top, col), c.header);
    }
    const number = sheet.getCell(top + 2, col);
    headerCell(number, `(${col})`);
    number.font = { name: 'Times New Roman', italic: true, size: 9 };
  });
  for (let r = 1; r <= A1_HEADER_ROWS.last; r += 1) sheet.getRow(r).commit();

  const total = countA1(ctx, from, to);
  let row = A1_HEADER_ROWS.last;
  for (let offset = 0; offset < total; offset += PAGE) {
    for (const l of a1Rows(ctx, from, to, offset, PAGE)) {
      row += 1;
      const birth = isoToVn(l.birthDate);
      const values: (string | number)[] = [
        l.stt,
        isoToVn(l.visitOn),
        safe(l.fullName),
        l.sex === 'M' ? birth : '',
        l.sex === 'F' ? birth : '',
        safe(l.identity),
        safe(l.bhyt),
        safe(l.address),
        safe(l.ethnicity),
        safe(l.occupation),
        safe(l.symptoms),
        safe(l.diagnosis),
        safe(l.treatment),
        safe(l.examiner),
        safe(l.note),
      ];
      const line = sheet.getRow(row);
      line.values = values;
      line.commit();
    }
    await yieldToEventLoop();
  }
  sheet.commit();
  await wb.commit();
  await done;
  return { bytes: Buffer.concat(chunks), rows: total };
}
