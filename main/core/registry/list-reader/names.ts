import type { Parsed } from './parsed.ts';

/**
 * A person's name as stored: NFC, single spaces, and proper Vietnamese capitalisation when the list
 * wrote it all in capitals ("NGUYỄN VĂN AN" → "Nguyễn Văn An") or all in lower case. Mixed case is
 * the writer's choice and is kept. Names of the Central Highlands peoples keep their inner
 * capitals: "H'HEN NIÊ" → "H'Hen Niê", "KSOR H'LAN" → "Ksor H'Lan".
 */

const APOSTROPHES = /[’‘`´ʼ]/g;
const ALLOWED = /^[\p{L}\p{M} '.-]+$/u;

function titleWord(word: string): string {
  const lower = word.toLowerCase();
  // Capitalise the first letter and every letter after an apostrophe or a hyphen.
  return lower.replace(/(^|['’‘ʼ-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

export function properCase(name: string): string {
  const hasLetters = /\p{L}/u.test(name);
  const allUpper = hasLetters && name === name.toUpperCase() && name !== name.toLowerCase();
  const allLower = hasLetters && name === name.toLowerCase() && name !== name.toUpperCase();
  if (!allUpper && !allLower) return name;
  return name.split(' ').map(titleWord).join(' ');
}

/** Cleans a name; `label` is what the messages call it ('Họ tên', 'Họ tên mẹ', …). */
export function parseName(raw: string, label = 'Họ tên'): Parsed<string> | null {
  const cleaned = raw
    .normalize('NFC')
    .replace(APOSTROPHES, "'")
    .replace(/\s+/g, ' ')
    .replace(/^[\s.,;:*\-_]+|[\s.,;:*\-_]+$/g, '');
  if (cleaned === '') return null;
  if (/\d/.test(cleaned)) return { ok: false, error: `${label} «${cleaned.slice(0, 60)}» có chữ số.` };
  if (cleaned.length > 100)
    return {
      ok: false,
      error: `${label} «${cleaned.slice(0, 40)}…» dài ${cleaned.length} ký tự, quá 100 ký tự.`,
    };
  const value = properCase(cleaned);
  if (!ALLOWED.test(value))
    return { ok: true, value, warning: `${label} «${value}» có ký tự lạ, hãy kiểm tra lại.` };
  if (!value.includes(' '))
    return { ok: true, value, warning: `${label} «${value}» chỉ có một chữ, hãy kiểm tra lại.` };
  return { ok: true, value };
}
