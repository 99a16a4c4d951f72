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

/** One number, written any way. */
export function parsePhone(raw: string, typed?: TypedCell): Parsed<PhoneNumber> | null {
  const text = typed?.type === 'number' ? String(typed.value) : raw.trim();
  if (text === '') return null;
  if (!/\d/.test(text)) return { ok: false, error: `Số điện thoại «${text.slice(0, 30)}» không có chữ số.` };
  return parseOne(text);
}

/**
 * What a phone cell gives: the person keeps one mobile and one landline number. Every other part of
 * the cell (a second mobile, a number that cannot be read, words beside a number) is named in
 * `notStored`, so the row's verdict can say what was left out.
 */
export interface PhoneCell {
  mobile: string;
  landline: string;
  /** One per part left out: a Vietnamese message naming the part, and what to call it ("số này"). */
  notStored: { message: string; what: string }[];
  warnings: string[];
}

export function parsePhoneCell(raw: string, typed?: TypedCell): PhoneCell | null {
  const text = typed?.type === 'number' ? String(typed.value) : raw.trim();
  if (text === '') return null;
  const cell: PhoneCell = { mobile: '', landline: '', notStored: [], warnings: [] };
  const parts = text.split(SEPARATORS).filter((p) => p.trim() !== '');
  for (const part of parts) {
    const r = parsePhone(part);
    if (!r) continue;
    if (!r.ok) {
      cell.notStored.push({ message: r.error, what: 'số này' });
      continue;
    }
    if (r.warning) cell.warnings.push(r.warning);
    const words = part
      .replace(/[\d+().-]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (words)
      cell.notStored.push({
        message: `Phần chữ «${words.slice(0, 40)}» bên số ${r.value.number} trong ô điện thoại (chỉ lưu số)`,
        what: 'phần chữ này',
      });
    const slot = r.value.kind === 'mobile' ? 'mobile' : 'landline';
    if (!cell[slot]) cell[slot] = r.value.number;
    else if (cell[slot] !== r.value.number)
      cell.notStored.push({
        message: `Số ${r.value.kind === 'mobile' ? 'di động' : 'cố định'} thứ hai ${r.value.number} trong ô điện thoại (mỗi người lưu một số di động và một số cố định; đã lưu ${cell[slot]})`,
        what: 'số này',
      });
  }
  return cell;
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
