import { isRealCalendarDate } from '#contract/schemas/common.ts';
import { fold } from '#contract/text.ts';
import type { TypedCell } from './table-types.ts';
import type { Parsed } from './parsed.ts';

/**
 * Dates as they appear in population lists, read into 'yyyy-mm-dd' or, when only the year is
 * known, 'yyyy' (the persons table's PartialDate).
 *
 * Accepted: dd/mm/yyyy with '/', '-', '.' or spaces; d/m/yy (two-digit years: up to this year's
 * two digits means 20yy, above means 19yy, with a warning); yyyy-mm-dd (time ignored); ddmmyyyy;
 * "ngày 5 tháng 3 năm 1962"; yyyy alone; mm/yyyy (kept as the year, with a warning); Excel date
 * cells and serial numbers; JS Dates.
 *
 * Conventions for unknown parts:
 * - "00/00/1962", "0/0/1962", "xx/xx/1962", "../../1962" mean the year only → '1962'.
 * - "01/01/1962" is kept as a full date by default. It is very often a stand-in for "year only",
 *   but it is also what the person's CCCD card says (the population database fills unknown days
 *   that way), and matching and upload must agree with the card. `janFirstIsYearOnly: true` turns
 *   it into '1962' for lists known to use it as a placeholder.
 */

export interface DateOptions {
  /** The Vietnam calendar day, yyyy-mm-dd: dates after it are refused. */
  today: string;
  /** 'mdy' for lists exported under US regional settings (see mapping.dateOrder). */
  order?: 'dmy' | 'mdy';
  /** Accept a year alone (birth dates) or require a full date (issue dates). Default true. */
  allowYearOnly?: boolean;
  janFirstIsYearOnly?: boolean;
  /** The field's name in messages, lower case: 'ngày sinh', 'ngày cấp'. Default 'ngày sinh'. */
  label?: string;
}

/** People older than this are not in a living population list: the value is a typo. */
const MAX_AGE = 125;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const shown = (s: string): string => `«${s.length > 40 ? `${s.slice(0, 40)}…` : s}»`;

function fromSerial(serial: number): string | null {
  if (!(serial > 0 && serial < 2_958_466)) return null;
  return new Date(EXCEL_EPOCH_MS + Math.round(serial) * MS_PER_DAY).toISOString().slice(0, 10);
}

const PLACEHOLDER = '(?:0{1,2}|x{1,2}|\\.{1,2}|-{1,2}|_{1,2}|\\?{1,2}|\\*{1,2})';
const YEAR_ONLY_PLACEHOLDER = new RegExp(
  `^${PLACEHOLDER}\\s*[/.-]\\s*${PLACEHOLDER}\\s*[/.-]\\s*(\\d{4})$`,
  'i',
);
const MONTH_YEAR = new RegExp(`^(\\d{1,2}|${PLACEHOLDER})\\s*[/.-]\\s*(\\d{4})$`, 'i');
const YEAR = /^(?:nam\s*)?(\d{4})(?:\.0+)?$/;
const DMY = /^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{4}|\d{2})$/;
const YMD = /^(\d{4})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:[ T]\d{1,2}:\d{2}.*)?$/;
const DIGITS8 = /^\d{7,8}$/;
const SERIAL = /^\d{5}(?:\.\d+)?$/;
const WORDS = /^(?:sinh\s+)?ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})$/;

type Ymd = { y: number; m: number; d: number };

/**
 * Parses one date value. Returns null for a blank value; otherwise the date, or a Vietnamese error
 * naming the value and the expected form.
 */
export function parseDate(
  input: string | number | Date | TypedCell | null | undefined,
  options: DateOptions,
): Parsed<string> | null {
  const o = {
    order: 'dmy' as const,
    allowYearOnly: true,
    janFirstIsYearOnly: false,
    label: 'ngày sinh',
    ...options,
  };
  if (input === null || input === undefined) return null;
  if (input instanceof Date) {
    return Number.isFinite(input.getTime())
      ? check(input.toISOString().slice(0, 10), o)
      : { ok: false, error: `Ngày không hợp lệ.` };
  }
  if (typeof input === 'number') return parseNumber(input, o);
  if (typeof input === 'object')
    return input.type === 'date' ? check(input.iso, o) : parseNumber(input.value, o);
  const raw = input.normalize('NFC').trim();
  if (raw === '') return null;
  return parseText(raw, o);
}

type Resolved = Required<DateOptions>;

function parseNumber(n: number, o: Resolved): Parsed<string> {
  if (Number.isInteger(n) && n >= 1000 && n <= 9999) return parseText(String(n), o);
  // ddmmyyyy typed into a numeric cell: 5031962 is 05/03/1962.
  if (Number.isInteger(n) && n >= 1_010_000 && n <= 31_129_999) return parseText(String(n), o);
  const iso = fromSerial(n);
  return iso ? check(iso, o) : { ok: false, error: `Không đọc được ${o.label} ${shown(String(n))}.` };
}

function parseText(raw: string, o: Resolved): Parsed<string> {
  const s = raw.replace(/\s+/g, ' ');
  let m: RegExpExecArray | null;
  if ((m = YEAR_ONLY_PLACEHOLDER.exec(s))) return yearOnly(Number(m[1]), o, raw);
  const letters = /[^\d\s/.-]/.test(s);
  if ((m = YEAR.exec(letters ? fold(s) : s))) return yearOnly(Number(m[1]), o, raw);
  if ((m = MONTH_YEAR.exec(s))) {
    const r = yearOnly(Number(m[2]), o, raw);
    return r.ok && /^\d+$/.test(m[1]) && Number(m[1]) > 0
      ? { ...r, warning: `${cap(o.label)} ${shown(raw)} chỉ có tháng và năm: lưu năm ${m[2]}.` }
      : r;
  }
  if ((m = DMY.exec(s))) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const [d, mo] = o.order === 'mdy' ? [b, a] : [a, b];
    if (m[3].length === 2) return twoDigitYear(d, mo, Number(m[3]), o, raw);
    return full({ y: Number(m[3]), m: mo, d }, o, raw);
  }
  if ((m = YMD.exec(s))) return full({ y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }, o, raw);
  if (DIGITS8.test(s)) {
    const digits = s.padStart(8, '0');
    const dmy = { d: Number(digits.slice(0, 2)), m: Number(digits.slice(2, 4)), y: Number(digits.slice(4)) };
    if (isRealCalendarDate(iso(dmy))) return full(dmy, o, raw);
    const ymd = { y: Number(digits.slice(0, 4)), m: Number(digits.slice(4, 6)), d: Number(digits.slice(6)) };
    if (isRealCalendarDate(iso(ymd))) return full(ymd, o, raw);
  }
  if (letters && (m = WORDS.exec(fold(s))))
    return full({ d: Number(m[1]), m: Number(m[2]), y: Number(m[3]) }, o, raw);
  if (SERIAL.test(s)) {
    const r = check(fromSerial(Number(s)) ?? '', o);
    return r.ok
      ? {
          ...r,
          warning: `${cap(o.label)} ${shown(raw)} là số ngày kiểu Excel, đã hiểu là ${display(r.value)}.`,
        }
      : r;
  }
  return {
    ok: false,
    error: `Không đọc được ${o.label} ${shown(raw)}: ghi theo dạng ngày/tháng/năm (05/03/1962)${o.allowYearOnly ? ' hoặc chỉ năm (1962)' : ''}.`,
  };
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const iso = ({ y, m, d }: Ymd): string => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
/** 'yyyy-mm-dd' → 'dd/mm/yyyy'; a bare year stays as it is. */
export const displayDate = (v: string): string =>
  v.length === 4 ? v : `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
const display = displayDate;

function twoDigitYear(d: number, m: number, yy: number, o: Resolved, raw: string): Parsed<string> {
  const thisYear = Number(o.today.slice(0, 4));
  const y = yy <= thisYear % 100 ? 2000 + yy : 1900 + yy;
  const r = full({ y, m, d }, o, raw);
  return r.ok
    ? { ...r, warning: `Năm trong ${o.label} ${shown(raw)} chỉ có 2 chữ số: đã hiểu là năm ${y}.` }
    : r;
}

function yearOnly(y: number, o: Resolved, raw: string): Parsed<string> {
  if (!o.allowYearOnly) return { ok: false, error: `${cap(o.label)} ${shown(raw)} thiếu ngày và tháng.` };
  return check(pad(y, 4), o);
}

function full(date: Ymd, o: Resolved, raw: string): Parsed<string> {
  // A zero day or month is the "unknown" convention again ("00/05/1962").
  if ((date.d === 0 || date.m === 0) && date.y > 0) {
    const r = yearOnly(date.y, o, raw);
    return r.ok && date.m > 0
      ? { ...r, warning: `${cap(o.label)} ${shown(raw)} thiếu ngày: lưu năm ${date.y}.` }
      : r;
  }
  if (date.m > 12 && o.order === 'dmy' && date.d <= 12) {
    return {
      ok: false,
      error: `${cap(o.label)} ${shown(raw)} có tháng ${date.m}: có thể tháng và ngày bị đảo (ghi ngày trước, tháng sau).`,
    };
  }
  const value = iso(date);
  if (!isRealCalendarDate(value)) return { ok: false, error: `${cap(o.label)} ${shown(raw)} không tồn tại.` };
  if (o.janFirstIsYearOnly && date.d === 1 && date.m === 1 && o.allowYearOnly)
    return check(pad(date.y, 4), o);
  return check(value, o);
}

/** Range checks shared by every path: not in the future, not impossibly long ago (`impossible`). */
function check(value: string, o: Resolved): Parsed<string> {
  const thisYear = Number(o.today.slice(0, 4));
  const y = Number(value.slice(0, 4));
  if (value.length === 4 ? y > thisYear : value > o.today) {
    return { ok: false, impossible: true, error: `${cap(o.label)} ${display(value)} ở sau ngày hôm nay.` };
  }
  if (y < thisYear - MAX_AGE)
    return {
      ok: false,
      impossible: true,
      error: `${cap(o.label)} ${display(value)} quá xa (trước năm ${thisYear - MAX_AGE}).`,
    };
  return { ok: true, value };
}

/** The year of a 'yyyy' or 'yyyy-mm-dd' value. */
export const yearOf = (partialDate: string): number => Number(partialDate.slice(0, 4));
