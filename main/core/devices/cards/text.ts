/** Small text and date helpers shared by the card parsers. */
import { vnDay } from '../../clock.ts';

/** Removes what scanners add or leave (NUL bytes, CR/LF suffix, BOM) and normalises to NFC. */
export function cleanPayload(raw: string): string {
  return raw
    .replace(/\0/g, '')
    .replace(/^\uFEFF/, '')
    .replace(/[\r\n]+$/g, '')
    .trim()
    .normalize('NFC');
}

/** Trimmed, inner whitespace collapsed, NFC; '' and '-' become null. */
export function field(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const t = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  return t === '' || t === '-' ? null : t;
}

/** ISO date for a day/month/year, or null when that day does not exist. */
export function isoDate(day: number, month: number, year: number): string | null {
  const t = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1800 ||
    year > 2200 ||
    t.getUTCFullYear() !== year ||
    t.getUTCMonth() !== month - 1 ||
    t.getUTCDate() !== day
  )
    return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "23052002" → "2002-05-23". */
export function parseDdMmYyyy(s: string | null): string | null {
  const m = s ? /^(\d{2})(\d{2})(\d{4})$/.exec(s) : null;
  return m ? isoDate(+m[1], +m[2], +m[3]) : null;
}

/** "29/03/1988" → "1988-03-29"; "1988" → "1988" when `allowYear`. */
export function parseSlashDate(s: string | null, allowYear = false): string | null {
  if (!s) return null;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  return allowYear && /^\d{4}$/.test(s) && +s >= 1800 && +s <= 2200 ? s : null;
}

/** Hex of UTF-8 bytes → text (the BHYT QR encodes Vietnamese this way); null if not hex or not UTF-8. */
export function decodeHexUtf8(s: string): string | null {
  if (!s || s.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(s)) return null;
  const bytes = new Uint8Array(s.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(s.slice(i * 2, i * 2 + 2), 16);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).normalize('NFC');
  } catch {
    return null;
  }
}

/** "yyyy-mm-dd" of a Date in Vietnam: what "today" means on a card's validity. */
export const vietnamToday = (now: Date): string => vnDay(now);

/** dd/mm/yyyy for messages. */
export function viDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return d ? `${d}/${m}/${y}` : iso;
}

/** Text a QR scan garbled: replacement characters, control characters, mojibake of UTF-8 read as cp1252. */
export function looksCorrupted(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\uFFFD\u0000-\u001F\u007F-\u009F]/.test(s) || /Ã[\u0080-\u00BF]|[ÄÆ]|á[»º]/.test(s);
}
