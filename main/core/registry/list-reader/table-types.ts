/**
 * The shapes `readTable` produces: a file's sheets as rows of cell strings, before anyone decides
 * what the columns mean. Everything here is plain data (JSON-safe), so a sheet can be previewed in
 * the UI or kept between the dry run and the commit.
 */

/** The original value of a cell whose display string loses something the parsers need. */
export type TypedCell =
  /** An Excel date cell. `iso` is the calendar date (yyyy-mm-dd) Excel shows; `serial` the stored number. */
  | { type: 'date'; iso: string; serial: number }
  /** A numeric cell. Identity numbers typed into numeric cells lose their leading zeros; the value says so. */
  | { type: 'number'; value: number };

export interface Sheet {
  name: string;
  /** Hidden sheets are listed but never chosen by default. */
  hidden: boolean;
  /**
   * `rows[i]` is line i + 1 as the user sees it in Excel (or the (i+1)-th record of a CSV file).
   * Cells are display strings, '' when blank; trailing blank cells are trimmed, so rows differ in length.
   */
  rows: string[][];
  /** Typed originals, sparse: `typed[rowIndex][columnIndex]`, only for date and number cells. */
  typed: Record<number, Record<number, TypedCell>>;
  /** Merged ranges in A1 notation ("A1:H1"). Only the top-left cell of a range holds the value. */
  merges: string[];
}

export type TableFormat = 'csv' | 'xlsx';

export type WarningCode =
  | 'CONTENT_MISMATCH'
  | 'ENCODING_FALLBACK'
  | 'TCVN3_CONVERTED'
  | 'MERGED_CELLS'
  | 'UNTERMINATED_QUOTE'
  | 'FORMULA_WITHOUT_RESULT'
  | 'CELL_ERRORS';

export interface TableWarning {
  code: WarningCode;
  /** Vietnamese, for the user. */
  message: string;
  /** English, for the log. */
  detail: string;
  sheet?: string;
}

export type ReadErrorCode =
  | 'EMPTY_FILE'
  | 'NO_DATA'
  | 'FILE_TOO_LARGE'
  | 'TOO_MANY_ROWS'
  | 'CELL_TOO_LONG'
  | 'XLS_BIFF'
  | 'ENCRYPTED_WORKBOOK'
  | 'HTML_TABLE'
  | 'OPEN_DOCUMENT'
  | 'PDF'
  | 'BINARY'
  | 'NOT_A_WORKBOOK'
  | 'UNREADABLE_WORKBOOK'
  | 'CANCELLED';

export interface ReadError {
  code: ReadErrorCode;
  /** Vietnamese: what happened and what to do about it. */
  message: string;
  /** English, for the log. */
  detail: string;
}

export interface ReadLimits {
  /** Largest file accepted, in bytes. Default 50 MB. */
  maxBytes?: number;
  /** Most rows accepted in one sheet (blank rows included). Default 300,000. */
  maxRows?: number;
}

export interface ReadOptions extends ReadLimits {
  /** Called with 0–1 as the file is read (XLSX: by bytes unpacked; CSV: by phase). */
  onProgress?: (fraction: number) => void;
  /** Stops reading; the result is then the CANCELLED error. */
  signal?: AbortSignal;
}

export interface TableRead {
  ok: true;
  format: TableFormat;
  /** How the text was decoded (CSV only): 'utf-8', 'utf-16le', 'windows-1258', 'tcvn3', … */
  encoding: string | null;
  /** The CSV delimiter found (CSV only). */
  delimiter: string | null;
  sheets: Sheet[];
  /** Index in `sheets` of the first visible sheet with data. */
  defaultSheet: number;
  warnings: TableWarning[];
}

export type ReadTableResult = TableRead | { ok: false; error: ReadError };

export const DEFAULT_LIMITS: Required<ReadLimits> = {
  maxBytes: 50 * 1024 * 1024,
  maxRows: 300_000,
};
