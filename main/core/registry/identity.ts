/**
 * Vietnamese identity numbers (see shared/reference/identifiers-and-code-lists.md §2–3).
 *
 * CCCD / personal id (số định danh cá nhân), TT 07/2016/TT-BCA art. 7 and TT 59/2021/TT-BCA:
 *   PPP G YY RRRRRR — birth-registration province (old 63-province list), gender+century digit,
 *   last two digits of the birth year, six random digits. There is NO check digit.
 * Old CMND: 9 digits (12-digit CMNDs were CCCD-format).
 * BHYT: the 10-digit BHXH number printed since 2021, or the legacy 15-character code
 *   XX N PP SSSSSSSSSS (category, benefit level, province, then a serial that was not yet numeric
 *   on pre-2018 cards).
 */
import type { Sex } from '#contract/schemas/common.ts';

/** Phụ lục 1, TT 07/2016/TT-BCA. Unchanged by the 2025 province merger: ids keep their prefix. */
export const CCCD_PROVINCES: Readonly<Record<string, string>> = {
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa – Vũng Tàu',
  '079': 'TP Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
};

export interface IdCheck {
  ok: boolean;
  /** Vietnamese, shown beside the field. */
  errors: string[];
  warnings: string[];
}

const check = (errors: string[], warnings: string[] = []): IdCheck => ({
  ok: errors.length === 0,
  errors,
  warnings,
});

/** The 4th digit: even for men, odd for women; 0/1 born 1900–1999, 2/3 2000–2099, … */
export function genderCenturyDigit(sex: Sex, birthYear: number): number {
  const century = Math.floor(birthYear / 100) - 19;
  return century * 2 + (sex === 'F' ? 1 : 0);
}

export interface CccdParts {
  provinceCode: string;
  provinceName: string | null;
  sex: Sex;
  /** The two known digits placed in their century, e.g. 1962. */
  birthYear: number;
}

export function decodeCccd(id: string): CccdParts | null {
  if (!/^\d{12}$/.test(id)) return null;
  const g = Number(id[3]);
  const yy = Number(id.slice(4, 6));
  return {
    provinceCode: id.slice(0, 3),
    provinceName: CCCD_PROVINCES[id.slice(0, 3)] ?? null,
    sex: g % 2 === 0 ? 'M' : 'F',
    birthYear: 1900 + Math.floor(g / 2) * 100 + yy,
  };
}

/** Strips the spaces and dots people type into long numbers ("001 062 012 345"). */
export const compactNumber = (s: string): string => s.replace(/[\s.-]/g, '');

export function validateCccd(raw: string, person: { sex?: Sex; birthYear?: number } = {}): IdCheck {
  const id = compactNumber(raw);
  if (!/^\d+$/.test(id)) return check(['Số CCCD/định danh chỉ gồm chữ số.']);
  if (id.length !== 12) return check([`Số CCCD/định danh phải có 12 chữ số (đang có ${id.length}).`]);
  const parts = decodeCccd(id) as CccdParts;
  const errors: string[] = [];
  const warnings: string[] = [];
  // Codes outside the 2016 list are only warned about: births registered after the 2025 merger may use new codes.
  if (!parts.provinceName)
    warnings.push(`Mã tỉnh nơi đăng ký khai sinh «${parts.provinceCode}» không có trong danh mục 63 tỉnh.`);
  if (person.sex && person.sex !== parts.sex) {
    errors.push(
      `Chữ số thứ 4 (${id[3]}) của số CCCD ứng với giới tính ${parts.sex === 'M' ? 'Nam' : 'Nữ'}, khác với giới tính đã nhập.`,
    );
  }
  if (person.birthYear !== undefined && person.birthYear !== parts.birthYear) {
    errors.push(
      `Số CCCD ứng với năm sinh ${parts.birthYear}, khác với năm sinh đã nhập (${person.birthYear}).`,
    );
  }
  return check(errors, warnings);
}

export function validateCmnd(raw: string): IdCheck {
  const id = compactNumber(raw);
  if (!/^\d{9}$/.test(id)) return check(['Số CMND cũ gồm đúng 9 chữ số.']);
  return check([]);
}

export type BhytForm = 'bhxh10' | 'legacy15';

/** Participant categories seen on 15-character cards (QĐ 1351/QĐ-BHXH). Unknown ones are warned, not refused. */
const BHYT_CATEGORIES = new Set([
  'DN',
  'HX',
  'CH',
  'NN',
  'TK',
  'HC',
  'XK',
  'CA',
  'QN',
  'CY',
  'HT',
  'TB',
  'NO',
  'XB',
  'XN',
  'TN',
  'CS',
  'XD',
  'MS',
  'HD',
  'TE',
  'CC',
  'CK',
  'CB',
  'KC',
  'HN',
  'DT',
  'DK',
  'XV',
  'TS',
  'TC',
  'TQ',
  'TA',
  'TY',
  'HG',
  'LS',
  'PV',
  'HS',
  'SV',
  'GB',
  'GD',
  'ND',
  'TL',
  'BT',
  'HK',
  'NK',
  'TV',
  'KS',
  'CN',
  'HV',
  'DS',
  'TH',
  'NH',
]);

export interface BhytParts {
  form: BhytForm;
  /** Always the last 10 characters: on current cards that is the lifelong BHXH number. */
  bhxhNumber: string;
  category: string | null;
  benefitLevel: number | null;
  provinceCode: string | null;
}

export function decodeBhyt(raw: string): BhytParts | null {
  const v = compactNumber(raw).toUpperCase();
  if (/^\d{10}$/.test(v))
    return { form: 'bhxh10', bhxhNumber: v, category: null, benefitLevel: null, provinceCode: null };
  const m = /^([A-Z]{2})([1-5])(\d{2})([0-9A-Z]{10})$/.exec(v);
  if (!m) return null;
  return {
    form: 'legacy15',
    bhxhNumber: m[4],
    category: m[1],
    benefitLevel: Number(m[2]),
    provinceCode: m[3],
  };
}

export function validateBhyt(raw: string, person: { birthYear?: number; onDate?: Date } = {}): IdCheck {
  const v = compactNumber(raw).toUpperCase();
  const parts = decodeBhyt(v);
  if (!parts) {
    return check([
      'Số thẻ BHYT là mã BHXH 10 chữ số (thẻ từ 2021) hoặc mã 15 ký tự trên thẻ cũ (ví dụ HS4010120878837).',
    ]);
  }
  const warnings: string[] = [];
  if (parts.category && !BHYT_CATEGORIES.has(parts.category))
    warnings.push(`Mã đối tượng «${parts.category}» không có trong danh mục quen thuộc.`);
  if (parts.category === 'TE' && person.birthYear !== undefined) {
    const age = (person.onDate ?? new Date()).getUTCFullYear() - person.birthYear;
    if (age > 6)
      warnings.push('Thẻ đối tượng TE (trẻ em dưới 6 tuổi) nhưng người này đã quá 6 tuổi: kiểm tra lại thẻ.');
  }
  return check([], warnings);
}

export function normalizeBhyt(raw: string): string {
  return compactNumber(raw).toUpperCase();
}

export function validatePassport(raw: string): IdCheck {
  const v = compactNumber(raw).toUpperCase();
  // Vietnamese passports: one letter + 7 digits; foreign ones vary, so only the shape is checked.
  if (!/^[A-Z0-9]{6,12}$/.test(v)) return check(['Số hộ chiếu gồm 6–12 chữ cái in hoa và chữ số.']);
  return check([]);
}
