import {
  CCCD_PROVINCES,
  compactNumber,
  decodeCccd,
  normalizeBhyt,
  validateBhyt,
  validateCccd,
  validateCmnd,
} from '../identity.ts';
import type { Sex } from '#contract/schemas/common.ts';
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
      : { ok: false, error: `Số CMND «${s}»: ${c.errors.join(' ')}` };
  }
  if (!/^\d+$/.test(digits)) return { ok: false, error: `Số CCCD/CMND «${s}» có ký tự không phải chữ số.` };
  if (digits.length !== 12)
    return {
      ok: false,
      error: `Số CCCD/CMND «${s}» có ${digits.length} chữ số: số CCCD có 12 chữ số, số CMND cũ có 9.`,
    };
  const c = validateCccd(digits);
  if (!c.ok) return { ok: false, error: `Số CCCD «${s}»: ${c.errors.join(' ')}` };
  const warnings = [warning, ...c.warnings].filter(Boolean).join(' ');
  return { ok: true, value: { kind: 'cccd', value: digits }, ...(warnings ? { warning: warnings } : {}) };
}

const SEX_NAME: Record<Sex, string> = { M: 'Nam', F: 'Nữ' };

/**
 * The CCCD's 4th to 6th digits against the row's sex and birth year. Each contradiction is one
 * Vietnamese sentence naming the number, the digits and the row's value.
 */
export function checkCccdAgainstPerson(cccd: string, person: { sex?: Sex; birthYear?: number }): string[] {
  const parts = decodeCccd(cccd);
  if (!parts) return [];
  const out: string[] = [];
  if (person.sex && person.sex !== parts.sex)
    out.push(
      `Số CCCD ${cccd}: chữ số giới tính/thế kỷ (chữ số thứ 4 là ${cccd[3]}) ứng với ${SEX_NAME[parts.sex]}, không khớp với giới tính ${SEX_NAME[person.sex]} trên dòng.`,
    );
  if (person.birthYear !== undefined && person.birthYear !== parts.birthYear)
    out.push(
      `Số CCCD ${cccd}: các chữ số năm sinh ứng với năm ${parts.birthYear}, không khớp với năm sinh ${person.birthYear} trên dòng.`,
    );
  return out;
}

/**
 * Reads a BHYT card number or a BHXH code. A 10-digit BHXH code in a numeric cell may have lost
 * its leading zeros (codes start with the province: 01…); 8 or 9 digits are padded back.
 */
export function parseBhyt(
  raw: string,
  options: { typed?: TypedCell; birthYear?: number; today: string; label?: string },
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
  if (!c.ok)
    return {
      ok: false,
      error: `${options.label ?? 'Số thẻ BHYT'} «${s}» không đúng dạng: mã BHXH có 10 chữ số (thẻ từ 2021), thẻ cũ có 15 ký tự (ví dụ HS4010120878837).`,
    };
  const warnings = [warning, ...c.warnings].filter(Boolean).join(' ');
  return { ok: true, value, ...(warnings ? { warning: warnings } : {}) };
}
