import { matchHeading } from './header-match.ts';
import type { Sheet } from './table-types.ts';

/**
 * Where the header is. Lists often open with title lines (the national motto, "UBND XÃ …",
 * "DANH SÁCH NHÂN KHẨU …", often one merged cell across the table) and may use a two-row header
 * ("Năm sinh" over "Nam" | "Nữ"), sometimes followed by a row of column numbers "(1) (2) (3)".
 */

export interface HeaderLayout {
  /** 0-based row index of the (upper) header row; -1 when no row looks like a header. */
  headerRow: number;
  /** 0, 1 or 2. */
  headerRows: number;
  /** 0-based index of the first data row. */
  dataRow: number;
  /** Per column: the heading text to match (sub-heading when there is one) and the label to show. */
  headings: { match: string; label: string }[];
}

const SEARCH_ROWS = 20;

/** Values that appear in data rows and never in headings: dates, years, long numbers. */
const DATA_LIKE = /^(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}.*|(19|20)\d{2}|\+?\d[\d .]{6,})$/;

export const looksLikeData = (s: string): boolean => DATA_LIKE.test(s);

function headerScore(row: string[]): number {
  const fields = new Set<string>();
  let ignored = 0;
  let data = 0;
  for (const cell of row) {
    if (cell === '') continue;
    if (looksLikeData(cell)) {
      data++;
      continue;
    }
    const m = matchHeading(cell);
    if (!m || m.confidence < 0.5) continue;
    // "Thôn 1", "Tổ 5": a value that merely contains a heading word is data.
    if (m.confidence < 1 && /\d/.test(cell)) continue;
    if (m.target === 'ignore') ignored++;
    else fields.add(m.target);
  }
  // "Nam" or "Nữ" alone is a sex value in a data row; as headings they come in pairs.
  if (fields.has('maleColumn') !== fields.has('femaleColumn')) {
    fields.delete('maleColumn');
    fields.delete('femaleColumn');
  }
  return fields.size + Math.min(ignored, 2) * 0.5 - data;
}

export function locateHeader(sheet: Sheet): HeaderLayout {
  const rows = sheet.rows;
  let best = -1;
  let bestScore = 1.5; // at least two recognised headings
  for (let r = 0; r < Math.min(rows.length, SEARCH_ROWS); r++) {
    const s = headerScore(rows[r]);
    if (s > bestScore) {
      best = r;
      bestScore = s;
    }
  }
  if (best < 0) return { headerRow: -1, headerRows: 0, dataRow: firstNonEmpty(rows, 0), headings: [] };

  const owners = spanOwners(sheet, best);
  const sub = rows[best + 1] && isSubHeader(rows[best], rows[best + 1], owners) ? rows[best + 1] : null;
  const width = Math.max(rows[best].length, sub?.length ?? 0);
  const headings: HeaderLayout['headings'] = [];
  for (let c = 0; c < width; c++) {
    const parent = owners[c] >= 0 ? rows[best][owners[c]] : '';
    const child = sub?.[c] ?? '';
    headings.push(
      child
        ? { match: child, label: parent ? `${parent} / ${child}` : child }
        : { match: parent, label: parent },
    );
  }
  let dataRow = best + (sub ? 2 : 1);
  if (rows[dataRow] && isColumnNumberRow(rows[dataRow])) dataRow++;
  return { headerRow: best, headerRows: sub ? 2 : 1, dataRow, headings };
}

function firstNonEmpty(rows: string[][], from: number): number {
  for (let r = from; r < rows.length; r++) if (rows[r].some((c) => c !== '')) return r;
  return from;
}

/** "A1:H1" → 0-based bounds. */
function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  const col = (letters: string): number =>
    [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { top: Number(m[2]) - 1, left: col(m[1]), bottom: Number(m[4]) - 1, right: col(m[3]) };
}

/**
 * For each column, the column whose heading covers it in row `r`: itself when it has text, the
 * start of a horizontal merge, or — without merge information (CSV) — the nearest heading to the
 * left when the row below has a sub-heading there. -1 when nothing covers it.
 */
function spanOwners(sheet: Sheet, r: number): number[] {
  const row = sheet.rows[r];
  const below = sheet.rows[r + 1] ?? [];
  const width = Math.max(row.length, below.length);
  const owners = new Array<number>(width).fill(-1);
  for (let c = 0; c < row.length; c++) if (row[c] !== '') owners[c] = c;
  const merges = sheet.merges.map(parseRange).filter((m) => m !== null);
  for (const m of merges) {
    if (m.top !== r || m.right === m.left) continue;
    for (let c = m.left; c <= m.right && c < width; c++) owners[c] = m.left;
  }
  if (merges.length === 0) {
    for (let c = 1; c < width; c++) {
      if (owners[c] < 0 && owners[c - 1] >= 0 && (below[c] ?? '') !== '') owners[c] = owners[c - 1];
    }
  }
  return owners;
}

/**
 * The row below the header is a sub-header when it holds no data-like values, and every text in it
 * sits under a heading that spans several columns or under no heading at all (a data row has values
 * under single-column headings such as "Họ và tên").
 */
function isSubHeader(header: string[], next: string[], owners: number[]): boolean {
  const spanWidth = (owner: number): number => owners.filter((o) => o === owner).length;
  let cells = 0;
  let recognised = 0;
  for (let c = 0; c < next.length; c++) {
    const v = next[c];
    if (v === '') continue;
    cells++;
    if (looksLikeData(v) || /^\d+$/.test(v)) return false;
    if ((header[c] ?? '') !== '' && owners[c] === c && spanWidth(c) < 2) return false;
    if (matchHeading(v)) recognised++;
  }
  return cells > 0 && (recognised > 0 || owners.some((o, c) => o >= 0 && o !== c));
}

/** "1 2 3 4 …", "(1) (2) (3)", "A B C": a row numbering the columns, printed under many headers. */
function isColumnNumberRow(row: string[]): boolean {
  const cells = row.filter((c) => c !== '');
  if (cells.length < 3) return false;
  return cells.every((c) => /^\(?(\d{1,2}|[A-Z])\)?$/.test(c));
}
