import { vnDay } from '../../clock.ts';
import type { EthnicityItem } from './ethnicity.ts';
import { FIELD_LABELS, IMPORT_FIELDS, type ImportField } from './fields.ts';
import { columnLetter } from './mapping.ts';
import type { ColumnMapping } from './mapping-types.ts';
import { readPersonRow, rowContext } from './person-row.ts';
import type { ImportRow, PersonRowsResult } from './row-types.ts';
import type { Sheet } from './table-types.ts';
import { runInTurns, runNow, sliceTimer, type Steps } from './turns.ts';

export interface PersonRowsOptions {
  /** Today, for refusing future dates: a Date (its Vietnam calendar day is used) or 'yyyy-mm-dd'. */
  today: Date | string;
  /** The ethnicity code list (CodeLists.ethnicities()). */
  ethnicities: readonly EthnicityItem[];
  /** Read "01/01/yyyy" as the year only (see dates.ts). Default false. */
  janFirstIsYearOnly?: boolean;
  /**
   * Cells covered by a vertical merge in the data (a household code merged over its members' rows)
   * are blank except the top one, and each such row gets a warning. With `fillMergedCells` they
   * take the top cell's value instead. Default false.
   */
  fillMergedCells?: boolean;
}

/**
 * Turns a sheet's data rows into person drafts with per-field problems. Blank rows, a header
 * repeated further down and the totals/signature block under the table are skipped and counted.
 */
export function toPersonRows(
  sheet: Sheet,
  mapping: ColumnMapping,
  options: PersonRowsOptions,
): PersonRowsResult {
  return runNow(personRowsSteps(sheet, mapping, options));
}

/**
 * The same in slices of ~10 ms across event-loop turns (100,000 rows take about a second), with
 * progress (0–1) and cancellation: aborting rejects with the signal's reason.
 */
export function toPersonRowsAsync(
  sheet: Sheet,
  mapping: ColumnMapping,
  options: PersonRowsOptions & { onProgress?: (fraction: number) => void; signal?: AbortSignal },
): Promise<PersonRowsResult> {
  return runInTurns(personRowsSteps(sheet, mapping, options, options.onProgress), options.signal);
}

function* personRowsSteps(
  sheet: Sheet,
  mapping: ColumnMapping,
  options: PersonRowsOptions,
  onProgress?: (fraction: number) => void,
): Steps<PersonRowsResult> {
  const timeUp = sliceTimer();
  const today = typeof options.today === 'string' ? options.today : vnDay(options.today);
  const ctx = rowContext(mapping, today, options.ethnicities, options.janFirstIsYearOnly ?? false);
  const fieldsByColumn = new Map<number, ImportField>();
  for (const f of IMPORT_FIELDS) {
    const c = mapping.columns[f];
    if (c !== undefined && !fieldsByColumn.has(c)) fieldsByColumn.set(c, f);
  }
  const mapped = [...fieldsByColumn.keys()];
  const merged = mergedCells(sheet, mapping.firstDataLine - 1);
  const headerKeys = headerSignature(mapping);

  const rows: ImportRow[] = [];
  const skipped: PersonRowsResult['skipped'] = { empty: 0, repeatedHeaders: 0, footerLines: [] };
  let inFooter = false;
  for (let r = Math.max(0, mapping.firstDataLine - 1); r < sheet.rows.length; r++) {
    if (timeUp()) {
      onProgress?.(r / sheet.rows.length);
      yield;
    }
    let cells = sheet.rows[r];
    const notes: { field: ImportField; column: number; message: string }[] = [];
    if (merged.size > 0) {
      const patched = applyMerges(
        sheet,
        r,
        cells,
        fieldsByColumn,
        merged,
        options.fillMergedCells ?? false,
        notes,
      );
      if (patched) cells = patched;
    }
    if (cells.every((c) => !c)) {
      skipped.empty++;
      continue;
    }
    if (inFooter ? !hasPersonData(cells, mapping) : isFooter(cells, mapping)) {
      inFooter = true;
      skipped.footerLines.push(r + 1);
      continue;
    }
    if (mapped.every((c) => !cells[c])) {
      skipped.empty++;
      continue;
    }
    if (headerKeys.length > 0 && headerKeys.every(([c, key]) => (cells[c] ?? '').toLowerCase() === key)) {
      skipped.repeatedHeaders++;
      continue;
    }
    const row = readPersonRow(ctx, r + 1, cells, sheet.typed[r]);
    for (const n of notes)
      row.problems.push({ field: n.field, column: n.column, severity: 'warning', message: n.message });
    rows.push(row);
  }
  yield* flagDuplicates(rows, mapping);
  onProgress?.(1);
  return { rows, skipped, counts: count(rows) };
}

/**
 * The name column's heading and one more: a data row equal to them is the header again. Compared
 * lower-cased but otherwise exact, because a repeated header is a copy (and this runs on every row).
 */
function headerSignature(mapping: ColumnMapping): [number, string][] {
  const keys: [number, string][] = [];
  for (const f of ['fullName', 'birthDate', 'birthYear', 'sex', 'cccd'] as const) {
    const c = mapping.columns[f];
    const key = c === undefined ? '' : (mapping.headings[c] ?? '').toLowerCase();
    if (key) keys.push([c as number, key]);
    if (keys.length === 2) break;
  }
  return keys;
}

/**
 * Compared with diacritics on purpose: folded, "Trưởng trạm" and "Tổng cộng" would also match the
 * surnames Trương and Tống.
 */
const FOOTER_START =
  /^(tổng|cộng\b|người lập|người ghi|trưởng|xác nhận|ký tên|ký, ghi rõ|thủ trưởng|kế toán|cán bộ|chủ tịch|phó chủ tịch|ghi chú|lưu ý|t\/m|tm[ .]|ngày \d* ?tháng|.*, ngày .* tháng .* năm)/;

/** "Tổng cộng: 350 người", "Người lập biểu", "…, ngày 5 tháng 3 năm 2026": not a person. */
function isFooter(cells: string[], mapping: ColumnMapping): boolean {
  const filled = cells.filter((c) => c !== '');
  if (filled.length > 4 || hasPersonData(cells, mapping)) return false;
  return filled.some((c) => FOOTER_START.test(c.toLowerCase()));
}

/** Below a footer line, only rows with a birth date, sex or id number are people again. */
function hasPersonData(cells: string[], mapping: ColumnMapping): boolean {
  return (
    [
      'birthDate',
      'birthYear',
      'sex',
      'maleColumn',
      'femaleColumn',
      'cccd',
      'cmnd',
      'bhyt',
      'bhxhCode',
    ] as const
  ).some((f) => {
    const c = mapping.columns[f];
    return c !== undefined && !!cells[c];
  });
}

interface MergeSource {
  row: number;
  column: number;
  range: string;
}

/** Cells of the data area covered by a merge (other than its top-left cell) → that cell. */
function mergedCells(sheet: Sheet, firstDataRow: number): Map<string, MergeSource> {
  const out = new Map<string, MergeSource>();
  for (const range of sheet.merges) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
    if (!m) continue;
    const col = (letters: string): number =>
      [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const [top, left, bottom, right] = [Number(m[2]) - 1, col(m[1]), Number(m[4]) - 1, col(m[3])];
    if (bottom < firstDataRow) continue;
    for (let r = Math.max(top, firstDataRow); r <= bottom; r++) {
      for (let c = left; c <= right; c++)
        if (r !== top || c !== left) out.set(`${r}:${c}`, { row: top, column: left, range });
    }
  }
  return out;
}

function applyMerges(
  sheet: Sheet,
  r: number,
  cells: string[],
  fieldsByColumn: Map<number, ImportField>,
  merged: Map<string, MergeSource>,
  fill: boolean,
  notes: { field: ImportField; column: number; message: string }[],
): string[] | null {
  let out: string[] | null = null;
  for (const [c, field] of fieldsByColumn) {
    const src = merged.get(`${r}:${c}`);
    if (!src) continue;
    const value = sheet.rows[src.row]?.[src.column] ?? '';
    if (!value) continue;
    const cellRef = `${columnLetter(c)}${r + 1}`;
    if (fill) {
      out ??= [...cells];
      out[c] = value;
      notes.push({
        field,
        column: c,
        message: `Ô ${cellRef} thuộc vùng gộp ${src.range}: đã lấy giá trị «${value}» của ô đầu.`,
      });
    } else {
      notes.push({
        field,
        column: c,
        message: `Ô ${cellRef} thuộc vùng gộp ${src.range}: chỉ ô đầu có giá trị «${value}», ô này coi là trống.`,
      });
    }
  }
  return out;
}

/** The same CCCD or BHYT number on two rows: probably one person listed twice. */
function* flagDuplicates(rows: ImportRow[], mapping: ColumnMapping): Steps<void> {
  const timeUp = sliceTimer();
  for (const key of ['cccd', 'bhyt'] as const) {
    const first = new Map<string, number>();
    for (const row of rows) {
      if (timeUp()) yield;
      const v = row.person[key];
      if (!v) continue;
      const earlier = first.get(v);
      if (earlier === undefined) first.set(v, row.line);
      else {
        row.problems.push({
          field: key,
          column: mapping.columns[key] ?? null,
          severity: 'warning',
          message: `${FIELD_LABELS[key]} ${v} trùng với dòng ${earlier} trong tệp.`,
        });
      }
    }
  }
}

function count(rows: ImportRow[]): PersonRowsResult['counts'] {
  let fatal = 0;
  let withDropped = 0;
  let withWarnings = 0;
  for (const r of rows) {
    if (r.fatal) fatal++;
    else if (r.problems.some((p) => p.severity === 'dropped')) withDropped++;
    else if (r.problems.length > 0) withWarnings++;
  }
  return {
    rows: rows.length,
    fatal,
    withDropped,
    withWarnings,
    clean: rows.length - fatal - withDropped - withWarnings,
  };
}
