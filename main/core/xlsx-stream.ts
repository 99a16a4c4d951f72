import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';

/**
 * One worksheet written with exceljs's streaming writer into memory: each row is serialised as it is
 * committed, so a long export holds the file's bytes, not every row's objects. The header row is
 * frozen so it stays in view while a district officer scrolls. Used by every XLSX export (residents,
 * the vaccination invitation list, the audit trail); a core root file so any module may use it.
 */
export interface StreamedSheet {
  readonly sheet: ExcelJS.Worksheet;
  /** Commits the sheet and the workbook, and returns the file. */
  finish(): Promise<Buffer>;
}

export function streamedSheet(
  name: string,
  columns: readonly Partial<ExcelJS.Column>[],
  options: { boldHeader?: boolean } = {},
): StreamedSheet {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    // Styles only where something is styled: the style table costs time on every row otherwise.
    useStyles: options.boldHeader ?? false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ ...c }));
  if (options.boldHeader) sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return {
    sheet,
    async finish() {
      sheet.commit();
      await workbook.commit();
      await done;
      return Buffer.concat(chunks);
    },
  };
}
