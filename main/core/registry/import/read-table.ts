import { detectDelimiter, explicitDelimiter, parseCsv } from './csv.ts';
import { decodeText } from './decode-text.ts';
import { readErrors, readWarnings } from './read-messages.ts';
import { trimTrailingBlanks } from './sheet-builder.ts';
import { sniffContent } from './sniff.ts';
import {
  DEFAULT_LIMITS,
  type ReadLimits,
  type ReadTableResult,
  type Sheet,
  type TableRead,
  type TableWarning,
} from './table-types.ts';
import { repairSheetText } from './text-cells.ts';
import { readXlsx } from './xlsx.ts';

const XLSX_EXTENSIONS = new Set(['xlsx', 'xlsm', 'xltx']);
const EXCEL_EXTENSIONS = new Set([...XLSX_EXTENSIONS, 'xls']);

function splitName(fileName: string): { base: string; ext: string } {
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? { base: name.slice(0, dot), ext: name.slice(dot + 1).toLowerCase() } : { base: name, ext: '' };
}

/**
 * Reads a population list (CSV or XLSX, whatever its extension claims) into sheets of cell
 * strings. Never throws: every failure is `{ ok: false, error }` with a Vietnamese message that
 * tells the user what to do.
 */
export async function readTable(fileName: string, bytes: Uint8Array, limits: ReadLimits = {}): Promise<ReadTableResult> {
  try {
    return await read(fileName, bytes, { ...DEFAULT_LIMITS, ...limits });
  } catch (e) {
    return { ok: false, error: readErrors.unreadable(e instanceof Error ? e.message : String(e)) };
  }
}

async function read(fileName: string, bytes: Uint8Array, limits: Required<ReadLimits>): Promise<ReadTableResult> {
  if (bytes.length === 0) return { ok: false, error: readErrors.empty() };
  if (bytes.length > limits.maxBytes) return { ok: false, error: readErrors.tooLarge(bytes.length, limits.maxBytes) };
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
      const r = await readXlsx(buffer, limits);
      if (!r.ok) return r;
      const warnings = [...r.warnings];
      if (ext && !XLSX_EXTENSIONS.has(ext)) warnings.unshift(readWarnings.contentMismatch(ext, 'xlsx'));
      for (const sheet of r.sheets) {
        // Cells typed in .VnTime fonts were converted while reading; this catches TCVN3 text whose
        // font was changed later (copied between workbooks), which only the characters betray.
        const repair = repairSheetText(sheet, false);
        if (repair.tcvn3Cells > 0) addTcvn3(warnings, repair.tcvn3Cells, sheet.name);
      }
      return finish({ format: 'xlsx', encoding: null, delimiter: null, sheets: r.sheets, warnings });
    }
    case 'text':
      return readCsv(base, ext, buffer, limits);
  }
}

function readCsv(base: string, ext: string, bytes: Buffer, limits: Required<ReadLimits>): ReadTableResult {
  const warnings: TableWarning[] = [];
  if (EXCEL_EXTENSIONS.has(ext)) warnings.push(readWarnings.contentMismatch(ext, 'csv'));
  const decoded = decodeText(bytes);
  let text = decoded.text;
  const explicit = explicitDelimiter(text);
  if (explicit) text = text.slice(explicit.skip);
  const delimiter = explicit?.delimiter ?? detectDelimiter(text);
  const parsed = parseCsv(text, delimiter, limits.maxRows + 1);
  if (parsed.rows.length > limits.maxRows) return { ok: false, error: readErrors.tooManyRows(base, limits.maxRows) };
  for (const line of parsed.unterminatedQuotes.slice(0, 5)) warnings.push(readWarnings.unterminatedQuote(line));

  const rows = parsed.rows.map(csvRow);
  const sheet: Sheet = { name: base || 'CSV', hidden: false, rows, typed: {}, merges: [] };
  const repair = repairSheetText(sheet, decoded.encoding === 'legacy-8bit');
  if (repair.tcvn3Cells > 0) addTcvn3(warnings, repair.tcvn3Cells);
  if (repair.windows1258) warnings.push(readWarnings.windows1258());
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  const encoding = repair.tcvn3Cells > 0 && decoded.encoding === 'legacy-8bit' ? 'tcvn3' : decoded.encoding === 'legacy-8bit' ? 'windows-1258' : decoded.encoding;
  return finish({ format: 'csv', encoding, delimiter, sheets: [sheet], warnings });
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
