/**
 * Reading and interpreting population lists (CSV/XLSX from the population database, BHXH lists,
 * stations' own spreadsheets). Pure functions, file bytes in, typed person rows out:
 *
 *   const table = await readTable(name, bytes);              // sheets of cell strings, or a clear error
 *   const sheet = table.sheets[table.defaultSheet];
 *   const found = detectMapping(sheet);                      // or applyTemplate(sheet, saved)
 *   const { rows } = toPersonRows(sheet, found.mapping, { today, ethnicities });
 *   const xlsx = await buildErrorReport(errorReportInput(sheet, found.mapping, rows));
 */
export { readTable } from './read-table.ts';
export type {
  ReadError,
  ReadErrorCode,
  ReadLimits,
  ReadOptions,
  ReadTableResult,
  Sheet,
  TableFormat,
  TableRead,
  TableWarning,
  TypedCell,
  WarningCode,
} from './table-types.ts';
export { DEFAULT_LIMITS } from './table-types.ts';
export { FIELD_LABELS, IMPORT_FIELDS, REQUIRED_FIELDS, type ImportField } from './fields.ts';
export { applyTemplate, checkMapping, columnLetter, detectMapping } from './mapping.ts';
export type { ColumnInfo, ColumnMapping, ColumnMatch, MappingDetection } from './mapping-types.ts';
export { toPersonRows, toPersonRowsAsync, type PersonRowsOptions } from './rows.ts';
export type { ImportRow, PersonDraft, PersonRowsResult, ProblemSeverity, RowProblem } from './row-types.ts';
export {
  buildErrorReport,
  errorReportInput,
  problemNote,
  reportHeadings,
  sortNotes,
  ERROR_COLUMN,
  LINE_COLUMN,
  VERDICT_COLUMN,
  type ErrorReportInput,
  type ErrorReportRow,
  type ReportNote,
} from './error-report.ts';
export * from './values.ts';
