import ExcelJS from 'exceljs';
import { FIELD_LABELS, IMPORT_FIELDS, type ImportField } from './fields.ts';
import type { ColumnMapping } from './mapping-types.ts';
import type { ImportRow, RowProblem } from './row-types.ts';
import type { Sheet, TypedCell } from './table-types.ts';

/**
 * The rows that could not be imported cleanly, as an XLSX the user fixes and imports again: the
 * original columns, then "Lỗi" (the reasons, in Vietnamese) and "Dòng gốc" (the line in the file
 * they came from). Cells with a problem are shaded (red: rejected, yellow: check). Every cell is
 * written as text so identity numbers keep their leading zeros on the way back; both extra columns
 * are ignored when the file is imported again.
 */

export interface ErrorReportRow {
  line: number;
  cells: string[];
  typed?: Record<number, TypedCell>;
  problems: RowProblem[];
}

export interface ErrorReportInput {
  /** The heading of each original column. */
  headings: string[];
  rows: ErrorReportRow[];
  sheetName?: string;
}

export const ERROR_COLUMN = 'Lỗi';
export const LINE_COLUMN = 'Dòng gốc';

const RED = 'FFFFC7CE';
const YELLOW = 'FFFFEB9C';
const GREY = 'FFE7E6E6';

/** Headings for columns of a header-less file, chosen so that they are recognised on re-import. */
const REIMPORT_LABELS: Partial<Record<ImportField, string>> = { maleColumn: 'Nam', femaleColumn: 'Nữ' };

/**
 * Gathers the report's input from an import: the rows with problems of at least `minSeverity`
 * ('error' by default: fatal and error rows; 'warning' includes rows with warnings only).
 */
export function errorReportInput(
  sheet: Sheet,
  mapping: ColumnMapping,
  rows: readonly ImportRow[],
  minSeverity: 'fatal' | 'error' | 'warning' = 'error',
): ErrorReportInput {
  const rank = { fatal: 0, error: 1, warning: 2 };
  const chosen = rows.filter((r) => r.problems.some((p) => rank[p.severity] <= rank[minSeverity]));
  const width = Math.max(
    mapping.headings.length,
    ...chosen.map((r) => sheet.rows[r.line - 1]?.length ?? 0),
    0,
  );
  const fieldOf = new Map<number, ImportField>();
  for (const f of IMPORT_FIELDS) {
    const c = mapping.columns[f];
    if (c !== undefined && !fieldOf.has(c)) fieldOf.set(c, f);
  }
  const headings = Array.from({ length: width }, (_, c) => {
    const h = mapping.headings[c];
    if (h) return h;
    const f = fieldOf.get(c);
    return f ? (REIMPORT_LABELS[f] ?? FIELD_LABELS[f]) : `Cột ${c + 1}`;
  });
  return {
    headings,
    sheetName: sheet.name,
    rows: chosen.map((r) => ({
      line: r.line,
      cells: sheet.rows[r.line - 1] ?? [],
      typed: sheet.typed[r.line - 1],
      problems: r.problems,
    })),
  };
}

function describeProblems(problems: RowProblem[]): string {
  const order = { fatal: 0, error: 1, warning: 2 };
  return [...problems]
    .sort((a, b) => order[a.severity] - order[b.severity])
    .map((p) => (p.severity === 'warning' ? `(Lưu ý) ${p.message}` : p.message))
    .join('\n');
}

export async function buildErrorReport(input: ErrorReportInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'HSSK Trạm';
  const ws = wb.addWorksheet(sanitizeSheetName(input.sheetName ? `Lỗi - ${input.sheetName}` : 'Lỗi nhập'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const width = input.headings.length;
  const header = ws.addRow([...input.headings, ERROR_COLUMN, LINE_COLUMN]);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: GREY } };
    c.alignment = { vertical: 'middle', wrapText: true };
  });

  for (const row of input.rows) {
    const values: (string | number | Date)[] = [];
    for (let c = 0; c < width; c++) {
      const t = row.typed?.[c];
      values.push(t?.type === 'date' ? new Date(`${t.iso}T00:00:00Z`) : (row.cells[c] ?? ''));
    }
    values.push(describeProblems(row.problems), row.line);
    const xr = ws.addRow(values);
    for (let c = 0; c < width; c++) {
      const cell = xr.getCell(c + 1);
      cell.numFmt = row.typed?.[c]?.type === 'date' ? 'dd/mm/yyyy' : '@';
      const worst = row.problems
        .filter((p) => p.column === c)
        .sort((a, b) => (a.severity === 'warning' ? 1 : 0) - (b.severity === 'warning' ? 1 : 0))[0];
      if (worst)
        cell.fill = {
          type: 'pattern',
          pattern: 'solid',
          fgColor: { argb: worst.severity === 'warning' ? YELLOW : RED },
        };
    }
    xr.getCell(width + 1).alignment = { wrapText: true, vertical: 'top' };
  }

  for (let c = 1; c <= width; c++) {
    const longest = Math.max(
      input.headings[c - 1]?.length ?? 0,
      ...input.rows.slice(0, 200).map((r) => r.cells[c - 1]?.length ?? 0),
    );
    ws.getColumn(c).width = Math.min(40, Math.max(8, longest + 2));
  }
  ws.getColumn(width + 1).width = 60;
  ws.getColumn(width + 2).width = 10;
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: width + 2 } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sanitizeSheetName(name: string): string {
  return (
    name
      .replace(/[:\\/?*[\]]/g, ' ')
      .slice(0, 31)
      .trim() || 'Lỗi nhập'
  );
}
