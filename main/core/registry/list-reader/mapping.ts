import { FIELD_LABELS, IMPORT_FIELDS, type ImportField } from './fields.ts';
import { locateHeader } from './header-layout.ts';
import { matchHeading, normalizeHeading } from './header-match.ts';
import type { ColumnInfo, ColumnMapping, ColumnMatch, MappingDetection } from './mapping-types.ts';
import type { Sheet } from './table-types.ts';
import { guessFieldFromValues } from './value-shapes.ts';

const SAMPLE_ROWS = 200;

export function columnLetter(index: number): string {
  let s = '';
  for (let c = index + 1; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

function columnValues(sheet: Sheet, column: number, fromRow: number, limit: number): string[] {
  const out: string[] = [];
  for (let r = fromRow; r < sheet.rows.length && out.length < limit; r++) {
    const v = sheet.rows[r][column];
    if (v) out.push(v);
  }
  return out;
}

/**
 * Finds the header and decides which column holds which field, from the headings first and, for
 * columns without a recognisable heading, from what their values look like.
 */
export function detectMapping(sheet: Sheet): MappingDetection {
  const layout = locateHeader(sheet);
  const dataRows = sheet.rows.slice(layout.dataRow, layout.dataRow + SAMPLE_ROWS);
  const width = Math.max(layout.headings.length, ...dataRows.map((r) => r.length), 0);

  const candidates: ColumnMatch[] = [];
  const ignored = new Set<number>();
  for (let c = 0; c < layout.headings.length; c++) {
    const m = matchHeading(layout.headings[c].match);
    if (!m) continue;
    if (m.target === 'ignore') ignored.add(c);
    else candidates.push({ field: m.target, column: c, confidence: m.confidence, source: 'header' });
  }
  const { chosen, losers } = resolve(candidates);

  // Columns nobody claimed by heading: guess from the values (a header-less file, or odd headings).
  for (let c = 0; c < width; c++) {
    if (ignored.has(c) || chosen.some((m) => m.column === c) || losers.has(c)) continue;
    const field = guessFieldFromValues(
      columnValues(sheet, c, layout.dataRow, SAMPLE_ROWS),
      layout.headerRow < 0,
    );
    if (field && !chosen.some((m) => m.field === field))
      chosen.push({ field, column: c, confidence: 0.4, source: 'values' });
  }
  normalizeNameColumns(chosen);

  const headings = Array.from({ length: width }, (_, c) => layout.headings[c]?.match ?? '');
  const mapping: ColumnMapping = {
    version: 1,
    sheetName: sheet.name,
    headerLine: layout.headerRow >= 0 ? layout.headerRow + 1 : null,
    headerLines: layout.headerRows,
    firstDataLine: layout.dataRow + 1,
    columns: Object.fromEntries(chosen.map((m) => [m.field, m.column])),
    headings,
    dateOrder: 'dmy',
  };
  mapping.dateOrder = dateOrderEvidence(sheet, mapping) ?? 'dmy';
  return describe(
    sheet,
    mapping,
    chosen,
    ignored,
    layout.headings.map((h) => h.label),
  );
}

/** One column per field and one field per column: the most confident heading wins, then the leftmost. */
function resolve(candidates: ColumnMatch[]): { chosen: ColumnMatch[]; losers: Set<number> } {
  const sorted = [...candidates].sort((a, b) => b.confidence - a.confidence || a.column - b.column);
  const chosen: ColumnMatch[] = [];
  const losers = new Set<number>();
  for (const m of sorted) {
    if (chosen.some((x) => x.field === m.field || x.column === m.column)) losers.add(m.column);
    else chosen.push(m);
  }
  return { chosen: chosen.sort((a, b) => a.column - b.column), losers };
}

/** A lone "Tên" column is the full name; "Họ" + "Tên" are joined when the rows are read. */
function normalizeNameColumns(chosen: ColumnMatch[]): void {
  const has = (f: ImportField): boolean => chosen.some((m) => m.field === f);
  if (has('fullName')) return;
  const given = chosen.find((m) => m.field === 'givenName');
  if (given && !has('familyName')) given.field = 'fullName';
}

const DMY_LIKE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;

/**
 * Vietnamese dates are day first. A CSV saved by Excel under US regional settings has them month
 * first ("12/31/1962"): that is assumed only when some value proves it and none proves day-first.
 * null when no value decides (every day and month ≤ 12).
 */
function dateOrderEvidence(sheet: Sheet, mapping: ColumnMapping): 'dmy' | 'mdy' | null {
  let dmy = 0;
  let mdy = 0;
  for (const field of ['birthDate', 'idIssuedOn'] as const) {
    const c = mapping.columns[field];
    if (c === undefined) continue;
    for (const v of columnValues(sheet, c, mapping.firstDataLine - 1, 5000)) {
      const m = DMY_LIKE.exec(v);
      if (!m) continue;
      if (Number(m[1]) > 12) dmy++;
      if (Number(m[2]) > 12) mdy++;
    }
  }
  if (mdy > 0 && dmy === 0) return 'mdy';
  return dmy > 0 ? 'dmy' : null;
}

function describe(
  sheet: Sheet,
  mapping: ColumnMapping,
  matches: ColumnMatch[],
  ignored: Set<number>,
  labels: string[],
): MappingDetection {
  const width = mapping.headings.length;
  const byColumn = new Map(matches.map((m) => [m.column, m.field]));
  const columns: ColumnInfo[] = [];
  const unmatched: number[] = [];
  for (let c = 0; c < width; c++) {
    const samples = columnValues(sheet, c, mapping.firstDataLine - 1, 3);
    const heading = labels[c] ?? mapping.headings[c] ?? '';
    if (!heading && samples.length === 0) continue;
    const field = byColumn.get(c) ?? null;
    columns.push({ column: c, letter: columnLetter(c), heading, samples, field, ignored: ignored.has(c) });
    if (!field && !ignored.has(c)) unmatched.push(c);
  }
  return { mapping, matches, columns, unmatched, problems: checkMapping(mapping) };
}

/**
 * What is wrong with a mapping, in Vietnamese: the fields no row can do without, and columns
 * outside the sheet or claimed twice. Empty when the mapping is usable. Run it on a mapping the user
 * edited, before reading rows with it.
 */
export function checkMapping(mapping: ColumnMapping): string[] {
  const cols = mapping.columns;
  const problems: string[] = [];
  const has = (f: ImportField): boolean => cols[f] !== undefined;
  if (!has('fullName') && !(has('familyName') && has('givenName')))
    problems.push('Không tìm thấy cột Họ và tên.');
  const twoColumns = has('maleColumn') || has('femaleColumn');
  if (!has('birthDate') && !has('birthYear') && !twoColumns)
    problems.push('Không tìm thấy cột Ngày sinh hoặc Năm sinh.');
  if (!has('sex') && !twoColumns) {
    problems.push(
      has('cccd')
        ? 'Không tìm thấy cột Giới tính: giới tính sẽ lấy theo số CCCD, dòng không có CCCD sẽ bị báo lỗi.'
        : 'Không tìm thấy cột Giới tính.',
    );
  }
  const seen = new Map<number, ImportField>();
  for (const f of IMPORT_FIELDS) {
    const c = cols[f];
    if (c === undefined) continue;
    if (!Number.isInteger(c) || c < 0) problems.push(`Cột của «${FIELD_LABELS[f]}» không hợp lệ.`);
    const other = seen.get(c);
    if (other)
      problems.push(
        `Cột ${columnLetter(c)} được gán cho cả «${FIELD_LABELS[other]}» và «${FIELD_LABELS[f]}».`,
      );
    seen.set(c, f);
  }
  return problems;
}

/**
 * Applies a saved mapping (a template) to a new file: the header is located again and each field
 * follows its heading, wherever that column now is. Fields whose heading is gone fall back to the
 * detected mapping and are reported.
 */
export function applyTemplate(sheet: Sheet, template: ColumnMapping): MappingDetection {
  const detected = detectMapping(sheet);
  const headings = detected.mapping.headings.map(normalizeHeading);
  const matches: ColumnMatch[] = [];
  const problems: string[] = [];
  for (const f of IMPORT_FIELDS) {
    const old = template.columns[f];
    if (old === undefined) continue;
    const wanted = normalizeHeading(template.headings[old] ?? '');
    let column = wanted ? headings.indexOf(wanted) : -1;
    // A template from a header-less file (or a blank heading) can only go by position.
    if (column < 0 && !wanted && old < Math.max(headings.length, 1)) column = old;
    if (column >= 0 && !matches.some((m) => m.column === column)) {
      matches.push({ field: f, column, confidence: 1, source: 'template' });
      continue;
    }
    const fallback = detected.matches.find(
      (m) => m.field === f && !matches.some((x) => x.column === m.column),
    );
    if (fallback) matches.push(fallback);
    problems.push(
      `Mẫu đã lưu có cột «${template.headings[old] || columnLetter(old)}» cho «${FIELD_LABELS[f]}» nhưng tệp này không có${fallback ? `; dùng cột ${columnLetter(fallback.column)}` : ''}.`,
    );
  }
  const mapping: ColumnMapping = {
    ...detected.mapping,
    columns: Object.fromEntries(matches.map((m) => [m.field, m.column])),
  };
  // The file's own dates decide; the template's choice stands when they cannot.
  mapping.dateOrder = dateOrderEvidence(sheet, mapping) ?? template.dateOrder;
  const ignored = new Set(
    detected.columns
      .filter((c) => c.ignored && !matches.some((m) => m.column === c.column))
      .map((c) => c.column),
  );
  const labels = Array.from(
    { length: mapping.headings.length },
    (_, c) => detected.columns.find((x) => x.column === c)?.heading ?? '',
  );
  const result = describe(
    sheet,
    mapping,
    matches.sort((a, b) => a.column - b.column),
    ignored,
    labels,
  );
  return { ...result, problems: [...problems, ...result.problems] };
}
