import { detectDelimiter, explicitDelimiter, parseCsvSteps } from './csv.ts';
import { decodeText } from './decode-text.ts';
import { readErrors, readWarnings } from './read-messages.ts';
import { trimTrailingBlanks } from './sheet-builder.ts';
import { sniffContent } from './sniff.ts';
import {
  DEFAULT_LIMITS,
  type ReadLimits,
  type ReadOptions,
  type ReadTableResult,
  type Sheet,
  type TableRead,
  type TableWarning,
} from './table-types.ts';
import { repairSheetTextSteps } from './text-cells.ts';
import { runInTurns, sliceTimer, type Steps } from './turns.ts';
import { readXlsx } from './xlsx.ts';

const XLSX_EXTENSIONS = new Set(['xlsx', 'xlsm', 'xltx']);
const EXCEL_EXTENSIONS = new Set([...XLSX_EXTENSIONS, 'xls']);

function splitName(fileName: string): { base: string; ext: string } {
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = name.lastIndexOf('.');
  return dot > 0
    ? { base: name.slice(0, dot), ext: name.slice(dot + 1).toLowerCase() }
    : { base: name, ext: '' };
}

/**
 * Reads a population list (CSV or XLSX, whatever its extension claims) into sheets of cell
 * strings. Never throws: every failure is `{ ok: false, error }` with a Vietnamese message that
 * tells the user what to do. Works in slices of ~10 ms, so the event loop stays free.
 */
export async function readTable(
  fileName: string,
  bytes: Uint8Array,
  options: ReadOptions = {},
): Promise<ReadTableResult> {
  const { onProgress, signal, ...limits } = options;
  const context: ReadContext = {
    limits: { ...DEFAULT_LIMITS, ...limits },
    progress: onProgress ?? (() => undefined),
    signal,
  };
  try {
    const r = await read(fileName, bytes, context);
    if (r.ok) context.progress(1);
    return r;
  } catch (e) {
    if (signal?.aborted) return { ok: false, error: readErrors.cancelled() };
    return { ok: false, error: readErrors.unreadable(e instanceof Error ? e.message : String(e)) };
  }
}

interface ReadContext {
  limits: Required<ReadLimits>;
  progress: (fraction: number) => void;
  signal: AbortSignal | undefined;
}

async function read(fileName: string, bytes: Uint8Array, context: ReadContext): Promise<ReadTableResult> {
  const { limits, signal } = context;
  signal?.throwIfAborted();
  if (bytes.length === 0) return { ok: false, error: readErrors.empty() };
  if (bytes.length > limits.maxBytes)
    return { ok: false, error: readErrors.tooLarge(bytes.length, limits.maxBytes) };
  const { base, ext } = splitName(fileName);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = sniffContent(buffer);
  switch (kind) {
    case 'empty':
      return { ok: false, error: readErrors.empty() };
    case 'ole2':
      return { ok: false, error: readErrors.xls() };
    case 'ole2-encrypted':
      return { ok: false, error: readErrors.encrypted() };
    case 'html':
      return { ok: false, error: readErrors.html() };
    case 'ods':
      return { ok: false, error: readErrors.ods() };
    case 'pdf':
      return { ok: false, error: readErrors.pdf() };
    case 'binary':
      return { ok: false, error: readErrors.binary() };
    case 'zip': {
      const r = await readXlsx(buffer, limits, 'fast', {
        onProgress: (f) => context.progress(f * 0.9),
        signal,
      });
      if (!r.ok) return r;
      const warnings = [...r.warnings];
      if (ext && !XLSX_EXTENSIONS.has(ext)) warnings.unshift(readWarnings.contentMismatch(ext, 'xlsx'));
      for (const sheet of r.sheets) {
        // Cells typed in .VnTime fonts were converted while reading; this catches TCVN3 text whose
        // font was changed later (copied between workbooks), which only the characters betray.
        const repair = await runInTurns(repairSheetTextSteps(sheet, false), signal);
        if (repair.tcvn3Cells > 0) addTcvn3(warnings, repair.tcvn3Cells, sheet.name);
      }
      return finish({ format: 'xlsx', encoding: null, delimiter: null, sheets: r.sheets, warnings });
    }
    case 'text':
      return readCsv(base, ext, buffer, context);
  }
}

async function readCsv(
  base: string,
  ext: string,
  bytes: Buffer,
  { limits, progress, signal }: ReadContext,
): Promise<ReadTableResult> {
  const warnings: TableWarning[] = [];
  if (EXCEL_EXTENSIONS.has(ext)) warnings.push(readWarnings.contentMismatch(ext, 'csv'));
  const decoded = decodeText(bytes);
  let text = decoded.text;
  const explicit = explicitDelimiter(text);
  if (explicit) text = text.slice(explicit.skip);
  const delimiter = explicit?.delimiter ?? detectDelimiter(text);
  const parsed = await runInTurns(parseCsvSteps(text, delimiter, limits.maxRows + 1), signal);
  if (parsed.rows.length > limits.maxRows)
    return { ok: false, error: readErrors.tooManyRows(base, limits.maxRows) };
  // Before anything looks at a cell's shape: a 12 MiB cell overflowed a regular expression's
  // stack further on (an INTERNAL error instead of a message).
  const long = await runInTurns(findLongCell(parsed.rows, MAX_CELL_CHARS), signal);
  if (long) return { ok: false, error: readErrors.cellTooLong(long.line, long.column, MAX_CELL_CHARS) };
  progress(0.6);
  for (const line of parsed.unterminatedQuotes.slice(0, 5))
    warnings.push(readWarnings.unterminatedQuote(line));

  const rows = await runInTurns(mapInSlices(parsed.rows, csvRow), signal);
  const sheet: Sheet = { name: base || 'CSV', hidden: false, rows, typed: {}, merges: [] };
  const repair = await runInTurns(repairSheetTextSteps(sheet, decoded.encoding === 'legacy-8bit'), signal);
  if (repair.tcvn3Cells > 0) addTcvn3(warnings, repair.tcvn3Cells);
  if (repair.windows1258) warnings.push(readWarnings.windows1258());
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  const encoding =
    repair.tcvn3Cells > 0 && decoded.encoding === 'legacy-8bit'
      ? 'tcvn3'
      : decoded.encoding === 'legacy-8bit'
        ? 'windows-1258'
        : decoded.encoding;
  return finish({ format: 'csv', encoding, delimiter, sheets: [sheet], warnings });
}

/** Excel's own limit for one cell: no list a person made has a longer one. */
export const MAX_CELL_CHARS = 32_767;

function* findLongCell(rows: string[][], max: number): Steps<{ line: number; column: number } | null> {
  const timeUp = sliceTimer();
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < row.length; c++) if (row[c].length > max) return { line: r + 1, column: c + 1 };
    if (timeUp()) yield;
  }
  return null;
}

function* mapInSlices<T, U>(items: T[], f: (item: T) => U): Steps<U[]> {
  const timeUp = sliceTimer();
  const out: U[] = new Array<U>(items.length);
  for (let i = 0; i < items.length; i++) {
    out[i] = f(items[i]);
    if (timeUp()) yield;
  }
  return out;
}

/** Excel's trick for keeping leading zeros in CSV: ="001062012345". */
const FORMULA_TEXT = /^="(.*)"$/s;

function csvRow(fields: string[]): string[] {
  const row = fields.map((f) => {
    const t = f.trim();
    const m = t.length > 3 && t.charCodeAt(0) === 61 ? FORMULA_TEXT.exec(t) : null;
    return m ? m[1].replace(/""/g, '"') : t;
  });
  trimTrailingBlanks(row);
  return row;
}

function addTcvn3(warnings: TableWarning[], cells: number, sheet?: string): void {
  const i = warnings.findIndex((w) => w.code === 'TCVN3_CONVERTED' && w.sheet === sheet);
  const earlier = i >= 0 ? Number(/^(\d+)/.exec(warnings[i].detail)?.[1] ?? 0) : 0;
  const w = readWarnings.tcvn3(earlier + cells, sheet);
  if (i >= 0) warnings[i] = w;
  else warnings.push(w);
}

const hasData = (s: Sheet): boolean => s.rows.some((r) => r.some((c) => c !== ''));

function finish(r: Omit<TableRead, 'ok' | 'defaultSheet'>): ReadTableResult {
  const visible = r.sheets.findIndex((s) => !s.hidden && hasData(s));
  const any = visible >= 0 ? visible : r.sheets.findIndex(hasData);
  if (any < 0) return { ok: false, error: readErrors.noData() };
  return { ok: true, ...r, defaultSheet: any };
}
