/**
 * The QR code on the health-insurance (BHYT) card (identifiers-and-code-lists.md §3.2). Pure
 * ASCII: `|`-separated, ending in `$`; Vietnamese text is hex of its UTF-8 bytes; dates dd/MM/yyyy;
 * `-` means empty. The layout grew over time (10 to 17 fields), so fields are read by position
 * and shape:
 *   [0] card number  [1] name (hex)  [2] birth date or year  [3] sex 1/2  [4] address (hex or -)
 *   [5] facility "01 - 043"  [6] valid from  [7] valid to (or -)  [8] issued  [9] management code
 *   [10] guardian (hex)  [11] ?  [12] five years continuous from (note the leading space)
 *   [13] check code  [14] ? (newer cards)  [15] place of issue (hex)
 * The check code's algorithm is unknown: it is kept, not verified. Never throws.
 */
import { compactNumber, decodeBhyt } from '../../registry/identity.ts';
import { sexFromWord, type CardParseOptions } from './cccd.ts';
import {
  cleanPayload,
  decodeHexUtf8,
  field,
  looksCorrupted,
  parseSlashDate,
  vietnamToday,
  viDate,
} from './text.ts';
import type { BhytCardInfo, CardParseResult, ParsedCard } from './types.ts';

/** A hex text field: decoded when it is hex of valid UTF-8; plain text is kept; damaged hex is an error. */
function hexText(raw: string | undefined, label: string, errors: string[]): string | null {
  const v = field(raw);
  if (!v) return null;
  const decoded = decodeHexUtf8(v);
  if (decoded !== null) return field(decoded);
  if (/^[0-9A-Fa-f]{8,}$/.test(v)) {
    errors.push(`${label} trên thẻ BHYT không giải mã được (mã hex bị hỏng): quét lại.`);
    return null;
  }
  // Mostly hex with a few letters hex never has: a Vietnamese input method rewrote the scan.
  const hexish = (v.match(/[0-9A-Fa-f]/g) ?? []).length;
  if (hexish / v.length > 0.8 && v.length >= 8) {
    errors.push(
      `${label} trên thẻ BHYT bị bộ gõ tiếng Việt (Unikey/EVKey) làm sai: tắt bộ gõ hoặc chuyển máy quét sang HID POS/COM rồi quét lại.`,
    );
    return null;
  }
  if (looksCorrupted(v)) {
    errors.push(`${label} trên thẻ BHYT bị lỗi ký tự: quét lại.`);
    return null;
  }
  return v;
}

export function parseBhytQr(payload: unknown, options: CardParseOptions = {}): CardParseResult {
  try {
    return parse(payload, options);
  } catch {
    return {
      ok: false,
      warnings: [],
      errors: ['Không đọc được mã QR thẻ BHYT (lỗi chương trình): hãy nhập tay và báo cho quản trị.'],
    };
  }
}

function parse(payload: unknown, options: CardParseOptions): CardParseResult {
  if (typeof payload !== 'string')
    return { ok: false, warnings: [], errors: ['Dữ liệu quét không phải văn bản.'] };
  const text = cleanPayload(payload);
  if (text.length > 4000) return { ok: false, warnings: [], errors: ['Mã QR quá dài, không phải thẻ BHYT.'] };
  const fields = text.split('|');
  const errors: string[] = [];
  const warnings: string[] = [];

  let terminated = false;
  const last = fields[fields.length - 1].trim();
  if (last === '$') {
    fields.pop();
    terminated = true;
  } else if (last.endsWith('$')) {
    fields[fields.length - 1] = last.slice(0, -1);
    terminated = true;
  }
  const total = fields.length + (terminated ? 1 : 0);
  if (fields.length < 9) {
    return { ok: false, warnings, errors: [`Mã QR thẻ BHYT phải có ít nhất 10 trường (đang có ${total}).`] };
  }
  if (!terminated) warnings.push('Mã QR thẻ BHYT thiếu ký tự kết thúc «$»: có thể bị cắt, hãy kiểm tra lại.');
  if (total > 17)
    warnings.push(
      `Mã QR thẻ BHYT có ${total} trường (nhiều hơn mẫu đã biết), các trường thêm được giữ nguyên.`,
    );

  const number = compactNumber(fields[0]).toUpperCase();
  const parts = decodeBhyt(number);
  let form: BhytCardInfo['form'] = parts?.form ?? 'unknown';
  if (!parts) {
    if (/^[A-Z0-9]{10,15}$/.test(number)) {
      form = 'unknown';
      warnings.push(`Số thẻ BHYT «${number}» không theo mẫu đã biết (10 chữ số hoặc 15 ký tự).`);
    } else errors.push(`Số thẻ BHYT «${fields[0].trim()}» không hợp lệ.`);
  }

  const fullName = hexText(fields[1], 'Họ tên', errors);
  if (!fullName && !errors.length) errors.push('Mã QR thẻ BHYT không có họ tên.');

  const birthRaw = field(fields[2]);
  const birthDate = parseSlashDate(birthRaw, true);
  if (!birthDate) errors.push(`Ngày sinh «${birthRaw ?? ''}» trên thẻ BHYT không hợp lệ.`);
  const today = vietnamToday(options.now ?? new Date());
  if (birthDate && birthDate.slice(0, 4) > today.slice(0, 4))
    errors.push(`Ngày sinh ${viDate(birthDate)} ở tương lai.`);

  const sexRaw = field(fields[3]);
  const sex = sexRaw === '1' ? 'M' : sexRaw === '2' ? 'F' : sexFromWord(sexRaw ?? '');
  if (!sex) warnings.push(`Không đọc được giới tính trên thẻ BHYT («${sexRaw ?? ''}»).`);

  const address = hexText(fields[4], 'Địa chỉ', errors);

  const facilityRaw = field(fields[5]);
  const facility = facilityRaw ? facilityRaw.replace(/[\s-]+/g, '').toUpperCase() : null;
  if (facility && !/^[0-9A-Z]{5}$/.test(facility))
    warnings.push(`Mã nơi đăng ký KCB ban đầu «${facilityRaw}» không đúng dạng 5 ký tự.`);

  const date = (i: number, label: string): string | null => {
    const raw = field(fields[i]);
    if (!raw) return null;
    const d = parseSlashDate(raw);
    if (!d) warnings.push(`${label} «${raw}» không đọc được.`);
    return d;
  };
  const validFrom = date(6, 'Ngày bắt đầu giá trị thẻ');
  const validTo = date(7, 'Ngày hết giá trị thẻ');
  const issueDate = date(8, 'Ngày cấp thẻ');
  const fiveYearFrom = date(12, 'Ngày đủ 5 năm liên tục');

  if (validFrom && validTo && validTo < validFrom)
    errors.push(`Thẻ BHYT có ngày hết hạn (${viDate(validTo)}) trước ngày bắt đầu (${viDate(validFrom)}).`);
  else if (validTo && validTo < today) warnings.push(`Thẻ BHYT đã hết hạn từ ngày ${viDate(validTo)}.`);
  if (validFrom && validFrom > today) warnings.push(`Thẻ BHYT chỉ có giá trị từ ngày ${viDate(validFrom)}.`);

  const bhyt: BhytCardInfo = {
    number,
    form,
    bhxhNumber: parts?.bhxhNumber ?? null,
    category: parts?.category ?? null,
    benefitLevel: parts?.benefitLevel ?? null,
    facility,
    validFrom,
    validTo,
    fiveYearFrom,
    issueDate,
    issuePlace: fields.length > 15 ? hexText(fields[15], 'Nơi cấp', errors) : null,
    guardianName: fields.length > 10 ? hexText(fields[10], 'Họ tên cha/mẹ', errors) : null,
    managementCode: field(fields[9]),
    checkCode: field(fields[13]),
    rawFields: fields.map((f) => f),
  };
  const card: ParsedCard = {
    source: 'bhyt',
    fullName,
    sex,
    birthDate,
    cccd: null,
    cmnd: null,
    address,
    issueDate: null,
    bhyt,
    extraFields: fields.slice(16),
  };
  return { ok: errors.length === 0, card, warnings, errors };
}
