/**
 * The printed look shared by the register workbooks a district officer reads and prints: A4
 * landscape fitted to the page width, a title block (station, form name, period), bordered header
 * cells, and the signature lines at the foot.
 */
import type ExcelJS from 'exceljs';

/** A4 (paper size 9) landscape, every column on the page width, as many pages down as it takes. */
export const A4_LANDSCAPE: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
};

export const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export const FONT = 'Times New Roman';

/** A header cell: bold, centred, wrapped, bordered. */
export function headerCell(cell: ExcelJS.Cell, value: string): void {
  cell.value = value;
  cell.font = { name: FONT, bold: true, size: 11 };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  cell.border = THIN;
}

/** A body cell: wrapped, top-aligned, bordered; numbers right-aligned. */
export function bodyCell(cell: ExcelJS.Cell, value: string | number, options: { bold?: boolean } = {}): void {
  cell.value = value;
  cell.font = { name: FONT, size: 11, bold: options.bold ?? false };
  cell.alignment = {
    vertical: 'top',
    wrapText: true,
    horizontal: typeof value === 'number' ? 'right' : 'left',
  };
  cell.border = THIN;
}

/** A line of the title block, merged across `cols` columns. */
export function titleLine(
  sheet: ExcelJS.Worksheet,
  row: number,
  cols: number,
  text: string,
  style: { size?: number; bold?: boolean; italic?: boolean; align?: 'left' | 'center' | 'right' } = {},
  firstCol = 1,
): void {
  sheet.mergeCells(row, firstCol, row, firstCol + cols - 1);
  const cell = sheet.getCell(row, firstCol);
  cell.value = text;
  cell.font = {
    name: FONT,
    size: style.size ?? 12,
    bold: style.bold ?? false,
    italic: style.italic ?? false,
  };
  cell.alignment = { horizontal: style.align ?? 'center', vertical: 'middle', wrapText: true };
  // No frame around the title block, whatever the column's style.
  cell.border = {};
}

/** "…, ngày … tháng … năm …" and the two signatures under a report. */
export function signatureBlock(sheet: ExcelJS.Worksheet, row: number, cols: number): void {
  const half = Math.floor(cols / 2);
  titleLine(sheet, row, cols - half, 'Ngày …… tháng …… năm ……', { italic: true }, half + 1);
  titleLine(sheet, row + 1, half, 'NGƯỜI LẬP BIỂU', { bold: true });
  titleLine(sheet, row + 1, cols - half, 'TRƯỞNG TRẠM Y TẾ', { bold: true }, half + 1);
  titleLine(sheet, row + 2, half, '(Ký, ghi rõ họ tên)', { italic: true });
  titleLine(sheet, row + 2, cols - half, '(Ký, ghi rõ họ tên, đóng dấu)', { italic: true }, half + 1);
}
