import { fold } from '#contract/text.ts';
import type { Parsed } from './parsed.ts';

/**
 * Ethnicity names → the 2-digit codes of QĐ 121-TCTK/PPCĐ (resources/codes/ethnicity.json).
 * Lists spell them every way: with or without diacritics, hyphens and apostrophes ("H'Mông",
 * "HMông", "Hmông", "Mông"), with "dân tộc"/"người" in front, by their older or international
 * names (Mèo, Khmer, Jrai, K'Ho), or as the code itself ("1", "01").
 */

export interface EthnicityItem {
  code: string;
  name: string;
}

/** Other names in use, squashed (folded, letters and digits only) → code. */
// prettier-ignore
const ALIASES: Readonly<Record<string, string>> = {
  viet: '01', kinhviet: '01',
  khmer: '05', mien: '05', khomer: '05',
  mong: '08', meo: '08',
  jrai: '10', jarai: '10',
  rade: '12',
  bahnar: '13',
  sedang: '14',
  caolan: '15', sanchi: '15',
  kho: '16', koho: '16',
  chamhroi: '17',
  monong: '20',
  raglay: '21',
  stieng: '22',
  vankieu: '23', bru: '23',
  katu: '26',
  gie: '27', trieng: '27',
  khmu: '29',
  paco: '31', pako: '31',
  chro: '32',
  xinhmul: '34',
};

const squash = (s: string): string =>
  fold(s)
    .replace(/^(dan toc|dt|nguoi)\s+/, '')
    .replace(/[^a-z0-9]/g, '');

/** Answers that mean "not stated" rather than a misspelt name. */
const NOT_STATED = new Set([
  '',
  'khong',
  'khongro',
  'chuaro',
  'khac',
  'nuocngoai',
  'nguoinuocngoai',
  'kxd',
  'khongxacdinh',
]);

export type EthnicityMatcher = (raw: string) => Parsed<string> | null;

export function createEthnicityMatcher(items: readonly EthnicityItem[]): EthnicityMatcher {
  const byKey = new Map<string, string>();
  const codes = new Set(items.map((i) => i.code));
  for (const i of items) byKey.set(squash(i.name), i.code);
  for (const [alias, code] of Object.entries(ALIASES))
    if (codes.has(code) && !byKey.has(alias)) byKey.set(alias, code);
  const cache = new Map<string, Parsed<string> | null>();

  const match = (raw: string): Parsed<string> | null => {
    const s = raw.normalize('NFC').trim();
    if (s === '') return null;
    if (/^\d{1,2}$/.test(s)) {
      const code = s.padStart(2, '0');
      return codes.has(code)
        ? { ok: true, value: code }
        : { ok: false, error: `Mã dân tộc «${s}» không có trong danh mục (01–54).` };
    }
    const key = squash(s);
    const code = byKey.get(key);
    if (code) return { ok: true, value: code };
    if (NOT_STATED.has(key)) return { ok: true, value: '', warning: `Dân tộc ghi «${s}»: để trống.` };
    return { ok: false, error: `Dân tộc «${s.slice(0, 30)}» không có trong danh mục 54 dân tộc.` };
  };

  // Lists repeat a handful of values thousands of times.
  return (raw) => {
    let r = cache.get(raw);
    if (r === undefined) {
      r = match(raw);
      if (cache.size < 1000) cache.set(raw, r);
    }
    return r;
  };
}
