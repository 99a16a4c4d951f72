/**
 * Registers of non-communicable diseases kept by the commune station (hypertension, diabetes) and
 * their follow-up rhythm.
 *
 * Membership comes from either source:
 * - part B of the 831 record, personal disease history (B.3.2): code 2 "Tăng huyết áp", code 3
 *   "Đái tháo đường" (the S-HIS `DSBENH/LOAIBENH` codes; form-831-and-standards.md §1.4 B.3);
 * - an ICD-10 diagnosis in I10–I15 (hypertensive diseases) or E10–E14 (diabetes mellitus), with any
 *   subcode (E11.9, I15.0, five-character national codes).
 * Hypertension and diabetes in pregnancy (O10–O16, O24) are not included: they are followed by
 * antenatal care, not by the NCD register.
 *
 * Follow-up is monthly by default (the usual rhythm of NCD management at commune level, where the
 * station dispenses monthly medicine); the interval is a setting.
 */
import { addSpan, isIsoDate, daysBetween, maxDate, type Span } from './dates.ts';
import { problem, type Problem } from './result.ts';

export type NcdRegister = 'hypertension' | 'diabetes';

export const NCD_REGISTERS: readonly NcdRegister[] = ['hypertension', 'diabetes'];

export const NCD_REGISTER_LABELS: Readonly<Record<NcdRegister, string>> = {
  hypertension: 'Quản lý tăng huyết áp',
  diabetes: 'Quản lý đái tháo đường',
};

/** 831 B.3.2 disease-history codes that put a person on a register. */
export const HISTORY_CODE_REGISTER: Readonly<Record<number, NcdRegister>> = {
  2: 'hypertension',
  3: 'diabetes',
};

/** ICD-10 category ranges (inclusive, by the two digits after the letter). */
const ICD10_RANGES: readonly { letter: string; from: number; to: number; register: NcdRegister }[] = [
  { letter: 'I', from: 10, to: 15, register: 'hypertension' },
  { letter: 'E', from: 10, to: 14, register: 'diabetes' },
];

/** The register an ICD-10 code belongs to, if any. Accepts "E11.9", "e119", "I10 ", "E11.9†". */
export function icd10Register(code: string): NcdRegister | undefined {
  if (typeof code !== 'string') return undefined;
  const m = /^([A-Z])(\d\d)(?:\.?\d{0,4})?[†*+]?$/.exec(code.trim().toUpperCase());
  if (!m) return undefined;
  const n = Number(m[2]);
  return ICD10_RANGES.find((r) => r.letter === m[1] && n >= r.from && n <= r.to)?.register;
}

export interface NcdEvidence {
  source: 'history' | 'icd10';
  /** The B.3.2 code ("2") or the ICD-10 code as given. */
  code: string;
}

export interface RegisterMembership {
  register: NcdRegister;
  member: boolean;
  evidence: NcdEvidence[];
}

export interface NcdInput {
  /** B.3.2 codes ticked in the person's disease history (numbers or numeric strings). */
  historyDiseaseCodes?: readonly (number | string)[] | null;
  /** ICD-10 codes of the person's diagnoses (any visit). */
  diagnosisCodes?: readonly string[] | null;
}

export function ncdRegisters(input: NcdInput): Record<NcdRegister, RegisterMembership> {
  const out = Object.fromEntries(
    NCD_REGISTERS.map((r) => [r, { register: r, member: false, evidence: [] as NcdEvidence[] }]),
  ) as Record<NcdRegister, RegisterMembership>;
  const add = (register: NcdRegister, e: NcdEvidence) => {
    const m = out[register];
    if (!m.evidence.some((x) => x.source === e.source && x.code === e.code)) m.evidence.push(e);
    m.member = true;
  };
  for (const c of Array.isArray(input?.historyDiseaseCodes) ? input.historyDiseaseCodes : []) {
    const n = typeof c === 'string' && /^\s*\d+\s*$/.test(c) ? Number(c) : c;
    const register = typeof n === 'number' ? HISTORY_CODE_REGISTER[n] : undefined;
    if (register) add(register, { source: 'history', code: String(n) });
  }
  for (const code of Array.isArray(input?.diagnosisCodes) ? input.diagnosisCodes : []) {
    const register = icd10Register(code);
    if (register) add(register, { source: 'icd10', code: code.trim().toUpperCase() });
  }
  return out;
}

/** Default follow-up interval for both registers: one calendar month. */
export const DEFAULT_FOLLOW_UP: Readonly<Record<NcdRegister, Span>> = {
  hypertension: { months: 1 },
  diabetes: { months: 1 },
};

export interface FollowUpInput {
  /** The day the person joined the register (yyyy-mm-dd). */
  registeredOn: string;
  /** The last follow-up visit, if any. */
  lastFollowUpOn?: string | null;
  /** Default one month. */
  interval?: Span;
}

export type FollowUpStatus =
  | {
      ok: true;
      /** The next follow-up is due on this day. */
      nextDue: string;
      /** Past the due day (being seen on the due day itself is on time). */
      overdue: boolean;
      daysOverdue: number;
      /** Days left until the due day (0 on the day, negative once overdue). */
      daysUntilDue: number;
      label: string;
    }
  | Problem;

/**
 * When the next follow-up is due, counted from the last follow-up (or from registration when
 * there has been none), and whether the person is overdue on `asOf`.
 */
export function followUpStatus(input: FollowUpInput, asOf: string): FollowUpStatus {
  if (!isIsoDate(input?.registeredOn)) return problem('invalid-date', 'Ngày đưa vào quản lý không hợp lệ.');
  if (!isIsoDate(asOf)) return problem('invalid-date', 'Ngày tính không hợp lệ.');
  const last = input.lastFollowUpOn;
  if (last !== undefined && last !== null && !isIsoDate(last))
    return problem('invalid-date', 'Ngày theo dõi gần nhất không hợp lệ.');
  const interval = input.interval ?? { months: 1 };
  if (!validInterval(interval))
    return problem(
      'invalid-interval',
      'Khoảng cách theo dõi phải là số nguyên dương (ngày, tuần, tháng hoặc năm).',
    );
  // A follow-up recorded before registration (imported history) does not move the start back.
  const from = last ? maxDate(last, input.registeredOn) : input.registeredOn;
  const nextDue = addSpan(from, interval) as string;
  const daysUntilDue = daysBetween(asOf, nextDue) as number;
  const overdue = daysUntilDue < 0;
  return {
    ok: true,
    nextDue,
    overdue,
    daysOverdue: overdue ? -daysUntilDue : 0,
    daysUntilDue,
    label: overdue
      ? `Quá hạn theo dõi ${-daysUntilDue} ngày`
      : daysUntilDue === 0
        ? 'Đến hạn theo dõi hôm nay'
        : `Còn ${daysUntilDue} ngày đến hạn theo dõi`,
  };
}

function validInterval(s: Span): boolean {
  if (!s || typeof s !== 'object') return false;
  const parts = [s.years, s.months, s.weeks, s.days].filter((v) => v !== undefined);
  return (
    parts.length > 0 &&
    parts.every((v) => Number.isInteger(v) && (v as number) >= 0) &&
    parts.some((v) => (v as number) > 0)
  );
}
