import { fold } from '#contract/text.ts';
import type { Parsed } from './parsed.ts';
import { hasNonAscii } from './tcvn3.ts';

/** Free text (addresses, village, occupation, religion…): NFC, single spaces, trimmed, bounded. */
export function cleanText(raw: string, max = 300): string {
  let s = hasNonAscii(raw) ? raw.normalize('NFC') : raw;
  if (/\s\s|[\t\n\r\f\v\u00A0]/.test(s)) s = s.replace(/\s+/g, ' ');
  s = s.trim();
  return s.length > max ? s.slice(0, max) : s;
}

/** Capitalises the first letter only: "con trai" → "Con trai", "VỢ" → "Vợ". */
function sentenceCase(s: string): string {
  const lower = s === s.toUpperCase() ? s.toLowerCase() : s;
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseEmail(raw: string): Parsed<string> | null {
  const s = raw
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  if (s === '') return null;
  return EMAIL.test(s) && s.length <= 200
    ? { ok: true, value: s }
    : { ok: false, error: `Email «${raw.slice(0, 40)}» không hợp lệ.` };
}

/**
 * Nationality as the persons table keeps it: a code of up to 3 letters ('VN'). Vietnam is
 * recognised in any spelling; other codes are kept; other names cannot be coded yet (no official
 * list is available, see the identifiers reference §5.2) and are reported.
 */
export function parseNationality(raw: string): Parsed<string> | null {
  const s = raw.trim();
  if (s === '') return null;
  const key = fold(s).replace(/[^a-z]/g, '');
  if (['vietnam', 'vn', 'vnm', 'viet', 'nuocvietnam'].includes(key)) return { ok: true, value: 'VN' };
  if (/^[A-Za-z]{2,3}$/.test(s)) return { ok: true, value: s.toUpperCase() };
  return {
    ok: false,
    error: `Quốc tịch «${s.slice(0, 30)}» chưa có mã: hãy ghi mã nước (ví dụ VN) hoặc để trống.`,
  };
}

const HEAD_WORDS = new Set(['chu ho', 'ch', 'la chu ho', 'chuho']);
const MARKS = new Set(['x', 'v', '1', 'co', 'true', '✓', '✔', '√', '+', '*']);

export interface Relation {
  relation: string;
  isHead: boolean;
}

/** "Quan hệ với chủ hộ": kept as written (sentence case); "Chủ hộ"/"CH" marks the head. */
export function parseRelation(raw: string): Relation | null {
  // Not shortened here: the row reader names what does not fit (person-row.ts).
  const s = cleanText(raw, Infinity);
  if (s === '') return null;
  const key = fold(s)
    .replace(/[^a-z ]/g, '')
    .trim();
  if (HEAD_WORDS.has(key)) return { relation: 'Chủ hộ', isHead: true };
  return { relation: sentenceCase(s), isHead: false };
}

/**
 * The "Chủ hộ" column holds either a mark on the head's own row or the head's name on every
 * member's row.
 */
export function parseHeadCell(raw: string): { isHead: true } | { headName: string } | null {
  const s = cleanText(raw, Infinity);
  if (s === '') return null;
  const key = fold(s).trim();
  if (MARKS.has(key) || HEAD_WORDS.has(key.replace(/[^a-z ]/g, '').trim())) return { isHead: true };
  return { headName: s };
}
