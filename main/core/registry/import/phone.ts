import type { Parsed } from './parsed.ts';
import type { TypedCell } from './table-types.ts';

/**
 * Vietnamese phone numbers, written any way ("+84 912.345.678", "(024) 3825 1234", 912345678 in a
 * numeric cell), stored as national digits: mobiles have 10 digits (03, 05, 07, 08, 09), landlines
 * 11 (02 + area code). Numbers from before the 2018 switch-over (11-digit 01xx mobiles) are
 * converted, with a warning.
 */
export interface PhoneNumber {
  number: string;
  kind: 'mobile' | 'landline';
}

/** 2018 conversion of 11-digit mobile prefixes (Viettel, MobiFone, VinaPhone, Vietnamobile, Gmobile). */
// prettier-ignore
const OLD_MOBILE_PREFIXES: Readonly<Record<string, string>> = {
  '0162': '032', '0163': '033', '0164': '034', '0165': '035', '0166': '036', '0167': '037', '0168': '038', '0169': '039',
  '0120': '070', '0121': '079', '0122': '077', '0126': '076', '0128': '078',
  '0123': '083', '0124': '084', '0125': '085', '0127': '081', '0129': '082',
  '0186': '056', '0188': '058', '0199': '059',
};

const SEPARATORS = /\s*(?:[/,;\n|]|\s[-–]\s|\bhoặc\b|\bhay\b|\bor\b)\s*/i;

export function parsePhone(raw: string, typed?: TypedCell): Parsed<PhoneNumber> | null {
  const text = typed?.type === 'number' ? String(typed.value) : raw.trim();
  if (text === '') return null;
  const parts = text.split(SEPARATORS).filter((p) => /\d/.test(p));
  if (parts.length === 0) return { ok: false, error: `Số điện thoại «${raw.slice(0, 30)}» không có chữ số.` };
  const first = parts[0];
  const r = parseOne(first);
  if (r.ok && parts.length > 1)
    return {
      ...r,
      warning: [r.warning, `Ô có ${parts.length} số điện thoại, chỉ lấy số đầu ${r.value.number}.`]
        .filter(Boolean)
        .join(' '),
    };
  return r;
}

function parseOne(raw: string): Parsed<PhoneNumber> {
  let d = raw.replace(/[^\d+]/g, '');
  if (d.startsWith('+84')) d = `0${d.slice(3)}`;
  else if (d.startsWith('0084')) d = `0${d.slice(4)}`;
  else if (d.startsWith('84') && (d.length === 11 || d.length === 12)) d = `0${d.slice(2)}`;
  d = d.replace(/\+/g, '');
  // A numeric cell drops the leading zero: 912345678 is 0912345678.
  if ((d.length === 9 && /^[35789]/.test(d)) || (d.length === 10 && d.startsWith('2'))) d = `0${d}`;
  let warning: string | undefined;
  if (d.length === 11 && OLD_MOBILE_PREFIXES[d.slice(0, 4)]) {
    const converted = OLD_MOBILE_PREFIXES[d.slice(0, 4)] + d.slice(4);
    warning = `Số di động 11 số cũ ${d} đã được đổi sang số mới ${converted}.`;
    d = converted;
  }
  if (/^0[35789]\d{8}$/.test(d))
    return { ok: true, value: { number: d, kind: 'mobile' }, ...(warning ? { warning } : {}) };
  if (/^02\d{9}$/.test(d)) return { ok: true, value: { number: d, kind: 'landline' } };
  return {
    ok: false,
    error: `Số điện thoại «${raw.slice(0, 30)}» không đúng: số di động có 10 chữ số (bắt đầu bằng 03, 05, 07, 08, 09), số cố định có 11 chữ số (bắt đầu bằng 02).`,
  };
}
