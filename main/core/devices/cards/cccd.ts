/**
 * The QR code on the chip CCCD card (identifiers-and-code-lists.md §1.2): seven `|`-separated
 * fields, UTF-8, no checksum:
 *   id12 | cmnd9 (may be empty) | full name | ddMMyyyy birth | Nam/Nữ | permanent address | ddMMyyyy issued
 * Also accepted: the 6-field variant without the CMND field, and newer cards with more than seven
 * fields (extras kept raw). The id is checked against the birth year and sex (identity.ts).
 * Never throws.
 */
import type { Sex } from '#contract/schemas/common.ts';
import { compactNumber, validateCccd } from '../../registry/identity.ts';
import { cleanPayload, field, looksCorrupted, parseDdMmYyyy, vietnamToday, viDate } from './text.ts';
import type { CardParseResult, ParsedCard } from './types.ts';

const DATE8 = /^\d{8}$/;

export function sexFromWord(s: string | undefined): Sex | null {
  const t = (s ?? '').normalize('NFC').trim().toLowerCase();
  if (t === 'nam') return 'M';
  if (t === 'nữ' || t === 'nu') return 'F';
  return null;
}

const isSexWord = (s: string | undefined): boolean => sexFromWord(s) !== null;

interface Layout {
  id: string;
  cmnd: string | undefined;
  name: string;
  dob: string;
  sex: string;
  address: string | undefined;
  issued: string | undefined;
  extra: string[];
  sixFields: boolean;
}

/** Reads the fields by shape: 7-field cards first, then the 6-field variant. */
function layoutOf(f: string[]): Layout | null {
  if (f.length >= 7 && DATE8.test(f[3].trim()) && isSexWord(f[4])) {
    return {
      id: f[0],
      cmnd: f[1],
      name: f[2],
      dob: f[3],
      sex: f[4],
      address: f[5],
      issued: f[6],
      extra: f.slice(7),
      sixFields: false,
    };
  }
  if (f.length >= 6 && DATE8.test(f[2].trim()) && isSexWord(f[3])) {
    return {
      id: f[0],
      cmnd: undefined,
      name: f[1],
      dob: f[2],
      sex: f[3],
      address: f[4],
      issued: f[5],
      extra: f.slice(6),
      sixFields: true,
    };
  }
  return null;
}

export interface CardParseOptions {
  /** "Today" for date checks; default now. */
  now?: Date;
}

export function parseCccdQr(payload: unknown, options: CardParseOptions = {}): CardParseResult {
  try {
    return parse(payload, options);
  } catch {
    // A parser bug must not take the registration screen down with it.
    return {
      ok: false,
      warnings: [],
      errors: ['Không đọc được mã QR thẻ CCCD (lỗi chương trình): hãy nhập tay và báo cho quản trị.'],
    };
  }
}

function parse(payload: unknown, options: CardParseOptions): CardParseResult {
  if (typeof payload !== 'string')
    return { ok: false, warnings: [], errors: ['Dữ liệu quét không phải văn bản.'] };
  const text = cleanPayload(payload);
  if (text.length > 2000) return { ok: false, warnings: [], errors: ['Mã QR quá dài, không phải thẻ CCCD.'] };
  const layout = layoutOf(text.split('|'));
  if (!layout)
    return {
      ok: false,
      warnings: [],
      errors: [
        'Không phải mã QR của thẻ CCCD/căn cước (cần các trường: số CCCD | CMND | họ tên | ngày sinh | giới tính | địa chỉ | ngày cấp).',
      ],
    };

  const errors: string[] = [];
  const warnings: string[] = [];
  const today = vietnamToday(options.now ?? new Date());

  const id = compactNumber(layout.id);
  const idOk = /^\d{12}$/.test(id);
  if (!idOk) errors.push(`Số CCCD «${layout.id.trim()}» phải có đúng 12 chữ số.`);

  const sex = sexFromWord(layout.sex);
  const birthDate = parseDdMmYyyy(layout.dob.trim());
  if (!birthDate) errors.push(`Ngày sinh «${layout.dob.trim()}» không phải ngày có thật.`);
  else if (birthDate > today) errors.push(`Ngày sinh ${viDate(birthDate)} ở tương lai.`);

  const fullName = field(layout.name);
  if (!fullName) errors.push('Mã QR không có họ tên.');
  else if (looksCorrupted(fullName) || fullName.includes('?')) {
    errors.push(
      'Họ tên trong mã QR bị lỗi ký tự: hãy chuyển máy quét sang chế độ HID POS hoặc cổng COM (USB serial) rồi quét lại.',
    );
  }
  const address = field(layout.address);
  if (address && (looksCorrupted(address) || address.includes('?')))
    errors.push('Địa chỉ trong mã QR bị lỗi ký tự: hãy quét lại bằng chế độ HID POS hoặc cổng COM.');

  let cmnd: string | null = null;
  const cmndRaw = field(layout.cmnd);
  if (cmndRaw) {
    const c = compactNumber(cmndRaw);
    if (/^\d{9}$/.test(c)) cmnd = c;
    else if (/^\d{12}$/.test(c)) {
      cmnd = c;
      warnings.push('Số CMND cũ có 12 chữ số (CMND mẫu mới): đã giữ nguyên.');
    } else warnings.push(`Số CMND cũ «${cmndRaw}» không đúng dạng 9 chữ số, đã bỏ qua.`);
  }
  if (layout.sixFields) warnings.push('Mã QR dạng 6 trường (không có số CMND cũ).');

  const issueDate = parseDdMmYyyy(field(layout.issued));
  if (!issueDate) warnings.push('Không đọc được ngày cấp thẻ.');
  else if (birthDate && issueDate < birthDate) errors.push(`Ngày cấp ${viDate(issueDate)} trước ngày sinh.`);
  else if (issueDate > today)
    warnings.push(`Ngày cấp ${viDate(issueDate)} ở tương lai: kiểm tra đồng hồ máy tính.`);

  if (idOk && sex && birthDate) {
    const check = validateCccd(id, { sex, birthYear: Number(birthDate.slice(0, 4)) });
    errors.push(...check.errors);
    warnings.push(...check.warnings);
  }
  const extraFields = layout.extra.map((x) => x.normalize('NFC'));
  if (extraFields.some((x) => x.trim() !== ''))
    warnings.push(
      `Mã QR có thêm ${extraFields.length} trường chưa rõ nghĩa (thẻ căn cước mẫu mới?), đã giữ nguyên.`,
    );

  const card: ParsedCard = {
    source: 'cccd',
    fullName,
    sex,
    birthDate,
    cccd: idOk ? id : null,
    cmnd,
    address,
    issueDate,
    bhyt: null,
    extraFields,
  };
  return { ok: errors.length === 0, card, warnings, errors };
}
