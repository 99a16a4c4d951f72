/**
 * CSV as Excel and the population/BHXH portals write it: RFC 4180 quoting (delimiters, quotes and
 * line breaks inside quoted fields, "" for a quote), any of CRLF/LF/CR, and the delimiter of the
 * machine's regional settings: ',' in English Windows, ';' in Vietnamese Windows (where ',' is the
 * decimal mark), tab in "Unicode text" exports.
 */

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface CsvParse {
  /** Records as arrays of raw field strings (not trimmed). */
  rows: string[][];
  /** 1-based record numbers where an opening quote was never closed and was read literally. */
  unterminatedQuotes: number[];
  /** True when parsing stopped at `maxRows` records. */
  truncated: boolean;
}

/** Excel writes "sep=;" as the first line when asked to keep the delimiter explicit. */
export function explicitDelimiter(text: string): { delimiter: Delimiter; skip: number } | null {
  const m = /^sep=(.)\r?\n/i.exec(text.slice(0, 10));
  if (!m) return null;
  const d = DELIMITERS.find((x) => x === m[1]);
  return d ? { delimiter: d, skip: m[0].length } : null;
}

/**
 * Picks the delimiter that splits the first lines into the same number (> 1) of fields most
 * consistently. Title lines above the header ("DANH SÁCH NHÂN KHẨU") have one field whatever the
 * delimiter, so consistency is measured over lines with more than one field.
 */
export function detectDelimiter(text: string): Delimiter {
  const sample = text.slice(0, 64 * 1024);
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const { rows } = parseCsv(sample, d, 40);
    const counts = rows.map((r) => r.length).filter((n) => n > 1);
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const n of counts) freq.set(n, (freq.get(n) ?? 0) + 1);
    let mode = 0;
    let modeFreq = 0;
    for (const [n, f] of freq) {
      if (f > modeFreq || (f === modeFreq && n > mode)) {
        mode = n;
        modeFreq = f;
      }
    }
    // Agreement first, then how many lines have several fields, then the field count.
    const score = (modeFreq / counts.length) * 1000 + counts.length * 10 + Math.min(mode, 9);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

import { runNow, sliceTimer, type Steps } from './turns.ts';

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * Parses with a fixed delimiter. A quote that is never closed would swallow the rest of the file
 * into one field; instead it is read as a literal character and the file is parsed again.
 */
export function parseCsv(text: string, delimiter: string, maxRows = Infinity): CsvParse {
  return runNow(parseCsvSteps(text, delimiter, maxRows));
}

/** The same, yielding now and then (see turns.ts). */
export function* parseCsvSteps(text: string, delimiter: string, maxRows = Infinity): Steps<CsvParse> {
  const literal = new Set<number>();
  const unterminatedQuotes: number[] = [];
  for (;;) {
    // After many broken quotes the file is not using quoting at all: read every quote literally.
    const r = yield* parseOnce(
      text,
      delimiter.charCodeAt(0),
      maxRows,
      literal,
      unterminatedQuotes.length >= MAX_QUOTE_RETRIES,
    );
    if (r.openQuoteAt === null) return { rows: r.rows, unterminatedQuotes, truncated: r.truncated };
    literal.add(r.openQuoteAt);
    unterminatedQuotes.push(r.openQuoteRecord);
  }
}

const MAX_QUOTE_RETRIES = 20;

function* parseOnce(
  text: string,
  delim: number,
  maxRows: number,
  literal: ReadonlySet<number>,
  noQuotes: boolean,
): Steps<{ rows: string[][]; truncated: boolean; openQuoteAt: number | null; openQuoteRecord: number }> {
  const timeUp = sliceTimer();
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  let fieldStart = 0; // index where the current unquoted run started
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE && !noQuotes && field === '' && i === fieldStart && !literal.has(i)) {
      // Quoted field: scan to the closing quote, unescaping "".
      const open = i;
      i++;
      let value = '';
      let closed = false;
      while (i < n) {
        const q = text.indexOf('"', i);
        if (q < 0) break;
        value += text.slice(i, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        closed = true;
        break;
      }
      if (!closed) return { rows, truncated: false, openQuoteAt: open, openQuoteRecord: rows.length + 1 };
      field = value;
      // Anything between the closing quote and the next delimiter is kept as is (lenient).
      fieldStart = -1;
      continue;
    }
    if (c === delim) {
      row.push(field);
      field = '';
      i++;
      fieldStart = i;
      continue;
    }
    if (c === LF || c === CR) {
      row.push(field);
      rows.push(row);
      if (rows.length >= maxRows)
        return { rows, truncated: i + 1 < n, openQuoteAt: null, openQuoteRecord: 0 };
      if (timeUp()) yield;
      row = [];
      field = '';
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      fieldStart = i;
      continue;
    }
    // Plain run up to the next special character.
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === delim || d === LF || d === CR) break;
      j++;
    }
    field += text.slice(i, j);
    i = j;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return { rows, truncated: false, openQuoteAt: null, openQuoteRecord: 0 };
}
