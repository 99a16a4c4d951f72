/**
 * Judges a payload that arrived as keystrokes. BHYT QR codes are pure ASCII (Vietnamese text is
 * hex-encoded), so they survive keyboard wedge unless a Vietnamese input method (Unikey/EVKey in
 * Telex or VNI mode) rewrites the hex ("aa" → "â", "e1" → "é"). CCCD QR codes carry raw Vietnamese:
 * a keyboard can only type what its layout has, so letters come out missing, stripped of their
 * marks, as "?" or as mojibake. Either way the nurse is told to switch the scanner to HID POS or
 * USB COM. Pure string checks: no DOM.
 */

import { vi as t } from '../i18n/vi.ts';

export type WedgeCard = 'cccd' | 'bhyt' | 'other';

export type WedgeProblem =
  /** An input method was composing while the scanner typed. */
  | 'ime'
  /** "?" or U+FFFD where letters should be. */
  | 'replacement'
  /** UTF-8 read as cp1252 ("LÃª"), or letters Vietnamese does not use. */
  | 'foreign-letters'
  /** A word of the name with no vowel left ("Vn" for "Văn"). */
  | 'missing-letters'
  /** Name and address without a single diacritic. */
  | 'no-diacritics'
  /** Digits or hex that were rewritten ("Nu" for "Nữ", "â" inside hex, a shortened id). */
  | 'rewritten';

// The Vietnamese alphabet, data for the checks (not text shown): ui-strings-ignore (next line)
const VIET_LOWER =
  'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz'; // ui-strings-ignore
const VIET_LETTERS = new Set([...VIET_LOWER, ...VIET_LOWER.toUpperCase()]);

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd') // ui-strings-ignore
    .replace(/Đ/g, 'D'); // ui-strings-ignore

export function cardOf(text: string): WedgeCard {
  const f = text.split('|');
  if (
    /^[A-Za-z0-9]{10,15}$/.test(f[0]) &&
    f.length >= 9 &&
    /^(\d{1,2}\/\d{1,2}\/\d{4}|\d{4})$/.test(f[2]?.trim() ?? '')
  )
    return 'bhyt';
  if (/^[A-Za-z0-9]{10,15}$/.test(f[0]) && f.length >= 10 && text.trimEnd().endsWith('$')) return 'bhyt';
  if (/^\d{9,13}$/.test(f[0]) && f.length >= 6 && f.length <= 12) return 'cccd';
  return 'other';
}

function nameProblems(name: string): WedgeProblem[] {
  const out = new Set<WedgeProblem>();
  if (/[?\uFFFD]/.test(name)) out.add('replacement');
  for (const ch of name.normalize('NFC')) {
    if (/\p{L}/u.test(ch) && !VIET_LETTERS.has(ch)) out.add('foreign-letters');
    else if (!/[\p{L}\s'’-]/u.test(ch) && ch !== '?' && ch !== '\uFFFD') out.add('foreign-letters');
  }
  for (const word of name.split(/\s+/).filter(Boolean)) {
    if (!/[aeiouy]/i.test(fold(word))) out.add('missing-letters');
  }
  return [...out];
}

function cccdProblems(text: string): WedgeProblem[] {
  const f = text.split('|');
  const seven = f.length >= 7 && /^\S{8}$/.test(f[3] ?? '');
  const [id, name, dob, sex, address] = seven
    ? [f[0], f[2], f[3], f[4], f[5] ?? '']
    : [f[0], f[1], f[2], f[3], f[4] ?? ''];
  const out = new Set<WedgeProblem>(nameProblems(name ?? ''));
  // ui-strings-ignore: mojibake patterns to detect, not text shown
  if (/[?\uFFFD]/.test(address) || /Ã[\u0080-\u00BF]|[ÄÆ]|á[»º]/.test(address)) out.add('replacement'); // ui-strings-ignore
  if (!/^\d{12}$/.test(id) || !/^\d{8}$/.test(dob ?? '')) out.add('rewritten');
  if (![...Object.values(t.ui.sex)].includes((sex ?? '').normalize('NFC') as 'Nam')) out.add('rewritten');
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(`${name}${address}`) && address.trim()) out.add('no-diacritics');
  return [...out];
}

function bhytProblems(text: string): WedgeProblem[] {
  const out = new Set<WedgeProblem>();
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]*$/.test(text)) out.add('rewritten');
  const f = text.split('|');
  for (const i of [1, 4, 10, 15]) {
    // The last field carries the card's closing '$' ("…|<hex>$", "…|-$").
    const v = f[i]?.trim().replace(/\$$/, '');
    if (v && v !== '-' && !/^([0-9A-Fa-f]{2})+$/.test(v)) out.add('rewritten');
  }
  return [...out];
}

export interface WedgeVerdict {
  card: WedgeCard;
  problems: WedgeProblem[];
  /** Vietnamese, for the nurse. Present when the scan must not be used, or should be checked. */
  message?: string;
  /** True when the payload should not be used. */
  unusable: boolean;
}

const W = t.devices.wedge;

export function checkWedgePayload(text: string, seen: { imeKeys: number; altCodes: number }): WedgeVerdict {
  const card = cardOf(text);
  const problems = new Set<WedgeProblem>(
    card === 'cccd' ? cccdProblems(text) : card === 'bhyt' ? bhytProblems(text) : [],
  );
  if (seen.imeKeys > 0) problems.add('ime');
  const list = [...problems];
  if (card === 'bhyt') {
    if (!list.length) return { card, problems: list, unusable: false };
    return {
      card,
      problems: list,
      unusable: true,
      message: W.bhytBroken,
    };
  }
  if (card === 'cccd') {
    if (!list.length) {
      return {
        card,
        problems: list,
        unusable: false,
        message: W.cccdCheck,
      };
    }
    const ime = problems.has('ime') ? ` ${W.imeOff}` : '';
    return {
      card,
      problems: list,
      unusable: true,
      message: `${W.cccdBroken} ${W.switchMode}${ime}`,
    };
  }
  return list.includes('ime')
    ? { card, problems: list, unusable: false, message: W.imeOff }
    : { card, problems: list, unusable: false };
}
