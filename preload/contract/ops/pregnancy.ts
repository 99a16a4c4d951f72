import { z } from 'zod';
import { VITAL_LIMITS, type VitalKey } from '../clinical/vitals.ts';
import { command, query } from '../define.ts';
import { IsoDate, Text, Uuid } from '../schemas/common.ts';
import { Confirmed } from './record.ts';

/* ───────────── Pregnancy management and family planning (issue 14, points 2–3) ───────────── */

/** Risk signs looked for at an antenatal visit (national guideline's danger signs), Vietnamese labels. */
export const RISK_SIGNS = {
  bleeding: 'Ra máu âm đạo',
  'headache-vision': 'Nhức đầu, nhìn mờ',
  edema: 'Phù',
  fever: 'Sốt',
  'abdominal-pain': 'Đau bụng',
  'leaking-fluid': 'Ra nước ối',
  'reduced-movement': 'Thai máy ít',
  convulsion: 'Co giật',
  anaemia: 'Da xanh, thiếu máu',
  'abnormal-position': 'Ngôi thai bất thường',
} as const;
export type RiskSign = keyof typeof RISK_SIGNS;

/** How a pregnancy ended (A4 sổ đẻ for the births; the others close the episode). */
export const OUTCOMES = {
  'live-birth': 'Đẻ, con sống',
  stillbirth: 'Đẻ, thai chết',
  miscarriage: 'Sảy thai',
  abortion: 'Phá thai',
  other: 'Kết thúc khác (chửa ngoài tử cung, chuyển đi…)',
} as const;
export type Outcome = keyof typeof OUTCOMES;

export const DELIVERY_PLACES = {
  station: 'Tại trạm y tế',
  hospital: 'Bệnh viện, cơ sở y tế khác',
  home: 'Tại nhà',
  'on-the-way': 'Trên đường đi',
  other: 'Nơi khác',
} as const;

export const DELIVERY_MODES = {
  normal: 'Đẻ thường',
  assisted: 'Đẻ thủ thuật (forceps, giác hút)',
  caesarean: 'Đẻ mổ',
} as const;

/** Family-planning methods (A5.1 biện pháp tránh thai). */
export const FP_METHODS = {
  pill: 'Thuốc uống tránh thai',
  iud: 'Dụng cụ tử cung (vòng)',
  injection: 'Thuốc tiêm tránh thai',
  implant: 'Thuốc cấy tránh thai',
  condom: 'Bao cao su',
  sterilisation: 'Triệt sản',
  other: 'Biện pháp khác',
} as const;
export type FpMethod = keyof typeof FP_METHODS;

const keys = <T extends Record<string, string>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

const Vital = (key: VitalKey) =>
  z.number().min(VITAL_LIMITS[key].min).max(VITAL_LIMITS[key].max).nullable().default(null);

export const EpisodeInput = z.object({
  /** First day of the last menstrual period. */
  lmp: IsoDate,
  /** Expected delivery; null: computed from the LMP (+280 days). */
  edd: IsoDate.nullable().default(null),
  /** Pregnancies including this one. */
  gravida: z.number().int().min(1).max(30).nullable().default(null),
  /** Births before this pregnancy. */
  para: z.number().int().min(0).max(30).nullable().default(null),
});
export type EpisodeInput = z.input<typeof EpisodeInput>;

export const AntenatalInput = z.object({
  visitOn: IsoDate,
  weightKg: Vital('weightKg'),
  systolic: Vital('systolic'),
  diastolic: Vital('diastolic'),
  fundalHeightCm: z.number().min(5).max(50).nullable().default(null),
  riskSigns: z
    .array(z.enum(keys(RISK_SIGNS)))
    .max(10)
    .default([]),
  riskNote: Text(300).default(''),
  ironFolic: z.boolean().default(false),
  /** A tetanus dose given at this visit: recorded in part C as her next UV dose, with the month of pregnancy. */
  tetanus: z.boolean().default(false),
  nextVisitOn: IsoDate.nullable().default(null),
  note: Text(500).default(''),
});
export type AntenatalInput = z.input<typeof AntenatalInput>;

export const OutcomeInput = z.object({
  outcome: z.enum(keys(OUTCOMES)),
  endedOn: IsoDate,
  place: z.enum(['', ...keys(DELIVERY_PLACES)]).default(''),
  mode: z.enum(['', ...keys(DELIVERY_MODES)]).default(''),
  babyWeightG: z.number().int().min(300).max(7000).nullable().default(null),
  note: Text(300).default(''),
});
export type OutcomeInput = z.input<typeof OutcomeInput>;

export const FpInput = z.object({
  method: z.enum(keys(FP_METHODS)),
  /** What "other" is (or how part B wrote it). */
  methodText: Text(200).default(''),
  startedOn: IsoDate.nullable().default(null),
  followUpOn: IsoDate.nullable().default(null),
  endedOn: IsoDate.nullable().default(null),
});
export type FpInput = z.input<typeof FpInput>;

export const AntenatalDueInfo = z.object({
  dueOn: z.string(),
  reason: z.enum(['appointment', 'schedule', 'past-term']),
  visit: z.number().int().nullable(),
  daysLate: z.number().int(),
  /** In words: "Khám thai lần 2 (22 tuần): ngày 04/06/2026". */
  label: z.string(),
});

export const AntenatalRecord = z.object({
  id: z.string(),
  visitOn: z.string(),
  gestDays: z.number().int(),
  gestation: z.string(),
  weightKg: z.number().nullable(),
  systolic: z.number().nullable(),
  diastolic: z.number().nullable(),
  fundalHeightCm: z.number().nullable(),
  riskSigns: z.array(z.string()),
  riskNote: z.string(),
  ironFolic: z.boolean(),
  tetanusDose: z.string().nullable(),
  nextVisitOn: z.string().nullable(),
  note: z.string(),
});
export type AntenatalRecord = z.output<typeof AntenatalRecord>;

export const PregnancyRecord = z.object({
  id: z.string(),
  lmp: z.string(),
  edd: z.string(),
  gravida: z.number().int().nullable(),
  para: z.number().int().nullable(),
  open: z.boolean(),
  /** Today (open) or at its end: "24 tuần 3 ngày", with the month of pregnancy and trimester. */
  gestation: z.string(),
  month: z.number().int().nullable(),
  trimester: z.number().int().nullable(),
  due: AntenatalDueInfo.nullable(),
  outcome: z.enum(keys(OUTCOMES)).nullable(),
  endedOn: z.string().nullable(),
  place: z.string(),
  mode: z.string(),
  babyWeightG: z.number().int().nullable(),
  outcomeNote: z.string(),
  visits: z.array(AntenatalRecord),
});
export type PregnancyRecord = z.output<typeof PregnancyRecord>;

export const FpRecord = z.object({
  id: z.string(),
  method: z.enum(keys(FP_METHODS)),
  methodText: z.string(),
  startedOn: z.string().nullable(),
  followUpOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  /** 'part-b': carried over from part B's free text by migration 0020. */
  source: z.enum(['entered', 'part-b']),
});
export type FpRecord = z.output<typeof FpRecord>;

/** A woman's pregnancies (newest first) and family-planning methods (current first). */
export const MaternalRecord = z.object({
  personId: z.string(),
  /** Whether a pregnancy may be recorded for this person (a woman of 10–55), and if not why. */
  eligible: z.object({ ok: z.boolean(), message: z.string() }),
  pregnancies: z.array(PregnancyRecord),
  familyPlanning: z.array(FpRecord),
});
export type MaternalRecord = z.output<typeof MaternalRecord>;

export const pregnancyOps = {
  'pregnancies.get': query({
    input: z.object({ personId: Uuid }),
    output: MaternalRecord,
    access: 'records.read',
  }),
  /** Refused for a man, a woman outside 10–55, an LMP in the future or over 44 weeks ago, a second open episode. */
  'pregnancies.open': command({
    input: z.object({ personId: Uuid, episode: EpisodeInput }),
    output: MaternalRecord,
    access: 'records.write',
  }),
  'pregnancies.update': command({
    input: z.object({ id: Uuid, episode: EpisodeInput }),
    output: MaternalRecord,
    access: 'records.write',
  }),
  /** Weight and pressure are judged as at an exam: impossible refused, rare ones confirmed. */
  'pregnancies.recordVisit': command({
    input: z.object({ pregnancyId: Uuid, visit: AntenatalInput, confirmed: Confirmed }),
    output: MaternalRecord,
    access: 'records.write',
  }),
  /** Ends the episode: a birth (day, place, mode, baby's weight) or another ending. */
  'pregnancies.close': command({
    input: z.object({ id: Uuid, outcome: OutcomeInput, confirmed: Confirmed }),
    output: MaternalRecord,
    access: 'records.write',
  }),
  /** A new method (id null) or a change to one (its follow-up, its end). */
  'familyPlanning.save': command({
    input: z.object({ personId: Uuid, id: Uuid.nullable().default(null), method: FpInput }),
    output: MaternalRecord,
    access: 'records.write',
  }),
};
