import {
  CCCD_PROVINCES,
  compactNumber,
  normalizeBhyt,
  validateBhyt,
  validateCccd,
  validateCmnd,
} from '../identity.ts';
import type { Sex } from '../../../../preload/contract/schemas/common.ts';
import type { TypedCell } from './table-types.ts';
import type { Parsed } from './parsed.ts';

/**
 * Identity numbers as spreadsheets mangle them. A CCCD typed into a numeric cell loses its leading
 * zeros (every CCCD starts with 0: the province codes are 001–096), and Excel shows long numbers
 * as "1.06201E+11", which has lost digits for good. The number itself is then checked by
 * identity.ts.
 */

export interface IdNumber {
  kind: 'cccd' | 'cmnd';
  value: string;
}

/** Words that mean "has none" in an id column: the row simply has no number. */
const NONE = /^(khong|khong co|chua co|chua cap|chua lam|chua|ko|k|kc|x|-+|0+|tre em.*|treem.*|n\/?a)$/;
const SCIENTIFIC = /^\d+(?:[.,]\d+)?e\+?\d+$/i;

const scientificError = (raw: string): Parsed<never> => ({
  ok: false,
  error: `Số «${raw}» đã bị Excel đổi sang dạng số mũ nên mất chữ số. Hãy định dạng cột là Văn bản (Text), nhập lại số đầy đủ rồi nhập lại tệp.`,
});

function foldedNone(s: string): boolean {
  return NONE.test(
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/gi, 'd')
      .toLowerCase()
      .trim(),
  );
}

/** Restores zeros a numeric cell dropped, when the result is a CCCD with a known province code. */
function restoreCccdZeros(digits: string): string | null {
  if (digits.startsWith('0') || digits.length < 10 || digits.length > 11) return null;
  const padded = digits.padStart(12, '0');
  return CCCD_PROVINCES[padded.slice(0, 3)] ? padded : null;
}

/**
 * Reads a CCCD/CMND cell. A 9-digit number is an old CMND and a 12-digit one a CCCD, whichever
 * column it was in (lists often have one "CMND/CCCD" column).
 */
export function parseIdNumber(raw: string, typed?: TypedCell): Parsed<IdNumber> | null {
  const s = raw.trim();
  if (s === '' || foldedNone(s)) return null;
  if (SCIENTIFIC.test(s)) return scientificError(s);
  let digits = compactNumber(s);
  let warning: string | undefined;
  if (/^\d+$/.test(digits)) {
    const restored = restoreCccdZeros(digits);
    if (restored) {
      warning = `Số CCCD «${s}» bị mất số 0 ở đầu (ô kiểu số); đã thêm lại thành ${restored}.`;
      digits = restored;
    } else if (typed?.type === 'number' && digits.length === 8) {
      // A CMND starting with 0 in a numeric cell.
      digits = digits.padStart(9, '0');
      warning = `Số CMND «${s}» bị mất số 0 ở đầu (ô kiểu số); đã thêm lại thành ${digits}.`;
    }
  }
  if (/^\d{9}$/.test(digits)) {
    const c = validateCmnd(digits);
    return c.ok
      ? { ok: true, value: { kind: 'cmnd', value: digits }, ...(warning ? { warning } : {}) }
      : { ok: false, error: c.errors.join(' ') };
  }
  const c = validateCccd(digits);
  if (!c.ok) return { ok: false, error: c.errors.join(' ') };
  const warnings = [warning, ...c.warnings].filter(Boolean).join(' ');
  return { ok: true, value: { kind: 'cccd', value: digits }, ...(warnings ? { warning: warnings } : {}) };
}

/** The CCCD's 4th to 6th digits against the row's sex and birth year: a contradiction is an error. */
export function checkCccdAgainstPerson(cccd: string, person: { sex?: Sex; birthYear?: number }): string[] {
  return validateCccd(cccd, person).errors;
}

/**
 * Reads a BHYT card number or a BHXH code. A 10-digit BHXH code in a numeric cell may have lost
 * its leading zeros (codes start with the province: 01…); 8 or 9 digits are padded back.
 */
export function parseBhyt(
  raw: string,
  options: { typed?: TypedCell; birthYear?: number; today: string },
): Parsed<string> | null {
  const s = raw.trim();
  if (s === '' || foldedNone(s)) return null;
  if (SCIENTIFIC.test(s)) return scientificError(s);
  let value = normalizeBhyt(s);
  let warning: string | undefined;
  if (/^\d{8,9}$/.test(value)) {
    const padded = value.padStart(10, '0');
    warning = `Mã số BHXH «${s}» bị mất số 0 ở đầu (ô kiểu số); đã thêm lại thành ${padded}.`;
    value = padded;
  }
  const c = validateBhyt(value, {
    birthYear: options.birthYear,
    onDate: new Date(`${options.today}T00:00:00Z`),
  });
  if (!c.ok) return { ok: false, error: c.errors.join(' ') };
  const warnings = [warning, ...c.warnings].filter(Boolean).join(' ');
  return { ok: true, value, ...(warnings ? { warning: warnings } : {}) };
}
