import type { CellValue, RichText } from 'exceljs';
import { convertTcvn3Cell, tcvn3Font } from './tcvn3.ts';
import type { TypedCell } from './table-types.ts';

/**
 * One Excel cell as the importer sees it: the text the user reads in Excel, plus the typed value
 * where the text alone would lose information (dates; numbers that were identity numbers).
 */
export interface CellText {
  text: string;
  typed?: TypedCell;
  /** A formula whose result was never calculated (files written by some tools): read as blank. */
  noResult?: boolean;
  /** An error value (#N/A, #REF!…): read as blank, counted for the sheet's warning. */
  error?: boolean;
  /** Text typed in a .VnTime font and converted from TCVN3. */
  tcvn3?: boolean;
}

const MS_PER_DAY = 86_400_000;
/** Days between Excel's 1900 epoch (with its fictitious 29 Feb 1900) and 1970-01-01. */
const EPOCH_1900 = 25_569;

/**
 * exceljs turns date-formatted numbers into JS Dates at UTC midnight of the wall date. We keep the
 * calendar date; serials are rounded to the minute first because floating-point serials can land a
 * hair before midnight.
 */
export function dateCell(d: Date): { text: string; typed: TypedCell } | null {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) return null;
  const rounded = new Date(Math.round(ms / 60_000) * 60_000);
  const iso = rounded.toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 16);
  const serial = Math.round((rounded.getTime() / MS_PER_DAY + EPOCH_1900) * 1e6) / 1e6;
  return { text: time === '00:00' ? day : `${day} ${time}`, typed: { type: 'date', iso: day, serial } };
}

/**
 * Numbers as Excel shows them in a General cell: no exponent for whole numbers (a 12-digit CCCD
 * typed into a numeric cell must come back as its digits), 15 significant digits otherwise. A
 * zero-padding format ("000000000000") is applied, since that is how stations keep leading zeros.
 */
export function numberText(value: number, numFmt?: string): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value) && Math.abs(value) < 1e21) {
    const digits = Math.abs(value).toFixed(0);
    const pad = numFmt && /^0+$/.test(numFmt.replace(/["\\]/g, '')) ? numFmt.replace(/["\\]/g, '').length : 0;
    return (value < 0 ? '-' : '') + digits.padStart(pad, '0');
  }
  const s = String(Number(value.toPrecision(15)));
  return s.includes('e') ? value.toFixed(10).replace(/\.?0+$/, '') : s;
}

/** OOXML escapes control characters as _xHHHH_ inside strings. */
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

function cleanString(s: string): string {
  const unescaped = s.includes('_x')
    ? s.replace(OOXML_ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : s;
  return unescaped.replace(/\r\n?/g, '\n');
}

function fontText(text: string, fontName: string | undefined): { text: string; tcvn3: boolean } {
  const font = tcvn3Font(fontName);
  if (!font) return { text, tcvn3: false };
  const converted = convertTcvn3Cell(text, { capitals: font === 'capitals' });
  return { text: converted, tcvn3: converted !== text };
}

function richText(runs: RichText[]): { text: string; tcvn3: boolean } {
  let text = '';
  let tcvn3 = false;
  for (const run of runs) {
    const t = fontText(cleanString(String(run.text ?? '')), run.font?.name);
    text += t.text;
    tcvn3 ||= t.tcvn3;
  }
  return { text, tcvn3 };
}

type Scalar = number | string | boolean | Date;

function scalar(v: Scalar, numFmt: string | undefined, fontName: string | undefined): CellText {
  if (typeof v === 'string') {
    const t = fontText(cleanString(v), fontName);
    return t.tcvn3 ? { text: t.text, tcvn3: true } : { text: t.text };
  }
  if (typeof v === 'number') return { text: numberText(v, numFmt), typed: { type: 'number', value: v } };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
  return dateCell(v) ?? { text: '' };
}

/** Converts any exceljs cell value (both readers produce the same shapes). */
export function cellText(value: CellValue, numFmt?: string, fontName?: string): CellText {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value !== 'object' || value instanceof Date) return scalar(value, numFmt, fontName);
  if ('richText' in value) {
    const t = richText(value.richText ?? []);
    return t.tcvn3 ? { text: t.text, tcvn3: true } : { text: t.text };
  }
  // Error values are blank: the streaming reader cannot say which error it was (it reads the
  // result of an erroring formula as NaN), and both readers must agree.
  if ('error' in value) return { text: '', error: true };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || result === null) return { text: '', noResult: true };
    if (
      (typeof result === 'object' && !(result instanceof Date)) ||
      (typeof result === 'number' && Number.isNaN(result))
    ) {
      return { text: '', error: true };
    }
    return scalar(result, numFmt, fontName);
  }
  if ('hyperlink' in value) {
    // The display text may itself be rich text; fall back to the address when there is none.
    const text: unknown = value.text;
    if (text && typeof text === 'object' && 'richText' in text)
      return cellText(text as CellValue, numFmt, fontName);
    const shown = typeof text === 'string' && text !== '' ? text : value.hyperlink.replace(/^mailto:/i, '');
    return scalar(shown, numFmt, fontName);
  }
  return { text: '' };
}
