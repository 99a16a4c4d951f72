import { FIELD_LABELS, IMPORT_FIELDS, type ImportField } from './fields.ts';
import { neutraliseFormula } from './formula-text.ts';
import type { ColumnMapping } from './mapping-types.ts';
import type { ImportRow, RowProblem } from './row-types.ts';
import type { Sheet, TypedCell } from './table-types.ts';

/**
 * The rows that could not be imported cleanly, as an XLSX the user fixes and imports again: the
 * original columns, then "Kết quả" (what the import does with the row, when the caller knows),
 * "Lỗi" (the reasons and the values not stored, in Vietnamese, word for word as the dry run shows
 * them) and "Dòng gốc" (the line in the file they came from). Cells with a problem are shaded
 * (red: rejected or not stored, yellow: check). Every cell is written as text so identity numbers
 * keep their leading zeros on the way back; the extra columns are ignored when the file is
 * imported again.
 */

/**
 * One line of a row's verdict: why it is not imported (`reason`), a value not stored (`dropped`),
 * something to check (`warning`), or what an update changes (`change`). `text` is final.
 */
export interface ReportNote {
  kind: 'reason' | 'dropped' | 'warning' | 'change';
  text: string;
  /** 0-based column of the cell concerned, to shade it. */
  column: number | null;
}

export interface ErrorReportRow {
  line: number;
  cells: string[];
  typed?: Record<number, TypedCell>;
  /** "Lỗi, bỏ qua", "Mới"…: written in the "Kết quả" column when given. */
  verdict?: string;
  notes: ReportNote[];
}

export interface ErrorReportInput {
  /** The heading of each original column. */
  headings: string[];
  rows: ErrorReportRow[];
  sheetName?: string;
}

export const ERROR_COLUMN = 'Lỗi';
export const LINE_COLUMN = 'Dòng gốc';
export const VERDICT_COLUMN = 'Kết quả';

const RED = 'FFFFC7CE';
const YELLOW = 'FFFFEB9C';
const GREY = 'FFE7E6E6';

/** Headings for columns of a header-less file, chosen so that they are recognised on re-import. */
const REIMPORT_LABELS: Partial<Record<ImportField, string>> = { maleColumn: 'Nam', femaleColumn: 'Nữ' };

const NOTE_KIND = { fatal: 'reason', dropped: 'dropped', warning: 'warning' } as const;

/** A reader's problem as a verdict line: warnings are marked "Lưu ý:", the others say it all. */
export function problemNote(p: RowProblem): ReportNote {
  return {
    kind: NOTE_KIND[p.severity],
    text: p.severity === 'warning' ? `Lưu ý: ${p.message}` : p.message,
    column: p.column,
  };
}

/** The original headings, or recognisable ones for the columns of a header-less file. */
export function reportHeadings(sheet: Sheet, mapping: ColumnMapping, lines: readonly number[]): string[] {
  const width = Math.max(mapping.headings.length, ...lines.map((l) => sheet.rows[l - 1]?.length ?? 0), 0);
  const fieldOf = new Map<number, ImportField>();
  for (const f of IMPORT_FIELDS) {
    const c = mapping.columns[f];
    if (c !== undefined && !fieldOf.has(c)) fieldOf.set(c, f);
  }
  return Array.from({ length: width }, (_, c) => {
    const h = mapping.headings[c];
    if (h) return h;
    const f = fieldOf.get(c);
    return f ? (REIMPORT_LABELS[f] ?? FIELD_LABELS[f]) : `Cột ${c + 1}`;
  });
}

/**
 * Gathers the report's input straight from the reader's rows (without the dry run's verdicts):
 * the rows with problems of at least `minSeverity` ('dropped' by default: fatal rows and rows with
 * values not stored; 'warning' includes rows with warnings only).
 */
export function errorReportInput(
  sheet: Sheet,
  mapping: ColumnMapping,
  rows: readonly ImportRow[],
  minSeverity: 'fatal' | 'dropped' | 'warning' = 'dropped',
): ErrorReportInput {
  const rank = { fatal: 0, dropped: 1, warning: 2 };
  const chosen = rows.filter((r) => r.problems.some((p) => rank[p.severity] <= rank[minSeverity]));
  return {
    headings: reportHeadings(
      sheet,
      mapping,
      chosen.map((r) => r.line),
    ),
    sheetName: sheet.name,
    rows: chosen.map((r) => ({
      line: r.line,
      cells: sheet.rows[r.line - 1] ?? [],
      typed: sheet.typed[r.line - 1],
      notes: r.problems.map(problemNote),
    })),
  };
}

const KIND_ORDER = { reason: 0, dropped: 1, change: 2, warning: 3 };

/** Reasons first, then values not stored, changes, and things to check: as the dry run lists them. */
export function sortNotes<N extends { kind: ReportNote['kind'] }>(notes: readonly N[]): N[] {
  return [...notes].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

function describeNotes(notes: readonly ReportNote[]): string {
  return sortNotes(notes)
    .map((n) => n.text)
    .join('\n');
}

export async function buildErrorReport(input: ErrorReportInput): Promise<Buffer> {
  // Loaded when a report is asked for: the import worker reads files without exceljs.
  const excel = (await import('exceljs')).default;
  const wb = new excel.Workbook();
  wb.creator = 'HSSK Trạm';
  const ws = wb.addWorksheet(sanitizeSheetName(input.sheetName ? `Lỗi - ${input.sheetName}` : 'Lỗi nhập'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const width = input.headings.length;
  const withVerdict = input.rows.some((r) => r.verdict !== undefined);
  const extra = withVerdict ? [VERDICT_COLUMN, ERROR_COLUMN, LINE_COLUMN] : [ERROR_COLUMN, LINE_COLUMN];
  const header = ws.addRow([...input.headings, ...extra]);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: GREY } };
    c.alignment = { vertical: 'middle', wrapText: true };
  });

  for (const row of input.rows) {
    const values: (string | number | Date)[] = [];
    for (let c = 0; c < width; c++) {
      const t = row.typed?.[c];
      // A cell the list brought as formula text goes back neutralised (see formula-text.ts).
      values.push(
        t?.type === 'date' ? new Date(`${t.iso}T00:00:00Z`) : neutraliseFormula(row.cells[c] ?? ''),
      );
    }
    if (withVerdict) values.push(row.verdict ?? '');
    values.push(describeNotes(row.notes), row.line);
    const xr = ws.addRow(values);
    for (let c = 0; c < width; c++) {
      const cell = xr.getCell(c + 1);
      cell.numFmt = row.typed?.[c]?.type === 'date' ? 'dd/mm/yyyy' : '@';
      const here = row.notes.filter((n) => n.column === c && n.kind !== 'change');
      if (here.length)
        cell.fill = {
          type: 'pattern',
          pattern: 'solid',
          fgColor: { argb: here.every((n) => n.kind === 'warning') ? YELLOW : RED },
        };
    }
    xr.getCell(width + extra.length - 1).alignment = { wrapText: true, vertical: 'top' };
  }

  for (let c = 1; c <= width; c++) {
    const longest = Math.max(
      input.headings[c - 1]?.length ?? 0,
      ...input.rows.slice(0, 200).map((r) => r.cells[c - 1]?.length ?? 0),
    );
    ws.getColumn(c).width = Math.min(40, Math.max(8, longest + 2));
  }
  if (withVerdict) ws.getColumn(width + 1).width = 16;
  ws.getColumn(width + extra.length - 1).width = 60;
  ws.getColumn(width + extra.length).width = 10;
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: width + extra.length } };
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
