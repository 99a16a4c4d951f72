import type { ImportField } from './fields.ts';

/**
 * Which column holds which field, and where the data starts. Plain JSON: the UI shows it, the user
 * corrects it, it is saved as a template and passed back in for the next file of the same kind.
 */
export interface ColumnMapping {
  version: 1;
  /** The sheet it was made for (a template applies to any sheet). */
  sheetName: string;
  /** 1-based line of the header row (the upper one of a two-row header); null when there is none. */
  headerLine: number | null;
  /** 0 (no header), 1, or 2 (a heading with sub-headings such as "Năm sinh" over "Nam" | "Nữ"). */
  headerLines: number;
  /** 1-based line of the first data row. */
  firstDataLine: number;
  /** 0-based column index of each field found. */
  columns: Partial<Record<ImportField, number>>;
  /** The heading of each column as read (sub-heading when there is one), '' when blank. */
  headings: string[];
  /** How d/m/y-looking dates are read: day first (Vietnamese), or month first (a US-locale export). */
  dateOrder: 'dmy' | 'mdy';
}

export interface ColumnMatch {
  field: ImportField;
  column: number;
  /** 0–1: 1 for an exact heading, ~0.6–0.9 for a heading that contains a known phrase, ≤ 0.5 when guessed from the values. */
  confidence: number;
  source: 'header' | 'values' | 'template';
}

export interface ColumnInfo {
  column: number;
  /** Excel column letter: A, B, …, AA. */
  letter: string;
  /** Heading as shown to the user ("Năm sinh / Nam" for a sub-heading). */
  heading: string;
  /** A few values from the first data rows, for the mapping screen. */
  samples: string[];
  field: ImportField | null;
  /** Recognised and deliberately skipped (STT, Ghi chú, Lỗi…). */
  ignored: boolean;
}

export interface MappingDetection {
  mapping: ColumnMapping;
  matches: ColumnMatch[];
  /** Every column that has a heading or data, mapped or not. */
  columns: ColumnInfo[];
  /** Columns with a heading or data that no field claimed. */
  unmatched: number[];
  /** Vietnamese: what is missing or doubtful (no name column, two columns for one field, …). */
  problems: string[];
}
