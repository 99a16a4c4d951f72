import { z } from 'zod';
import { VITAL_LIMITS, type VitalKey } from '../clinical/vitals.ts';
import { command, query } from '../define.ts';
import { Empty, IsoDate, LongText, RequiredText, Text, Uuid } from '../schemas/common.ts';
import { PersonRecord, PersonSummary } from './persons.ts';
import { TreatmentFields } from './visit-treatment.ts';

/* ───────────── Part B: history and health-related factors (831 B.1–B.8) ───────────── */

const YesNoRegularQuit = z.enum(['', 'no', 'yes', 'regular', 'quit']);
const Count = z.number().int().min(0).max(30).nullable().default(null);

/** B.3.2 checklist, coded as S-HIS DSBENH/LOAIBENH (1–12); 13–15 are the free-text rows. */
export const HISTORY_DISEASES = {
  1: 'Bệnh tim mạch',
  2: 'Tăng huyết áp',
  3: 'Đái tháo đường',
  4: 'Bệnh dạ dày',
  5: 'Bệnh phổi mạn tính',
  6: 'Hen suyễn',
  7: 'Bệnh bướu cổ',
  8: 'Viêm gan',
  9: 'Tim bẩm sinh',
  10: 'Tâm thần',
  11: 'Tự kỷ',
  12: 'Động kinh',
} as const;

/** B.6.2 family diseases: each with who is affected (blood relation). */
export const FAMILY_DISEASES = [
  'cardio',
  'hypertension',
  'mental',
  'asthma',
  'diabetes',
  'epilepsy',
  'cancer',
  'tuberculosis',
  'other',
] as const;
export const ALLERGY_KINDS = ['drugs', 'chemicals', 'food', 'other'] as const;
export const DISABILITY_KINDS = ['hearing', 'vision', 'arms', 'legs', 'spine', 'cleft', 'other'] as const;

const ByKind = <K extends readonly string[], T extends z.ZodType>(keys: K, item: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, item])) as { [P in K[number]]: T });

export const PartB = z.object({
  birth: z
    .object({
      delivery: z.enum(['', 'normal', 'caesarean']).default(''),
      premature: z.boolean().default(false),
      asphyxia: z.boolean().default(false),
      birthWeightG: z.number().int().min(300).max(7000).nullable().default(null),
      birthLengthCm: z.number().min(20).max(70).nullable().default(null),
      congenital: Text(300).default(''),
      other: Text(300).default(''),
    })
    .default({
      delivery: '',
      premature: false,
      asphyxia: false,
      birthWeightG: null,
      birthLengthCm: null,
      congenital: '',
      other: '',
    }),
  risks: z
    .object({
      smoking: YesNoRegularQuit.default(''),
      alcohol: YesNoRegularQuit.default(''),
      alcoholCupsPerDay: Count,
      drugs: YesNoRegularQuit.default(''),
      physicalActivity: z.enum(['', 'no', 'yes', 'regular']).default(''),
      exposure: Text(500).default(''),
      exposureDuration: Text(100).default(''),
      latrine: z.enum(['', 'flush', 'double-vault', 'bucket', 'none']).default(''),
      other: Text(500).default(''),
    })
    .default({
      smoking: '',
      alcohol: '',
      alcoholCupsPerDay: null,
      drugs: '',
      physicalActivity: '',
      exposure: '',
      exposureDuration: '',
      latrine: '',
      other: '',
    }),
  allergies: ByKind(ALLERGY_KINDS, Text(300).default('')).default({
    drugs: '',
    chemicals: '',
    food: '',
    other: '',
  }),
  diseases: z
    .object({
      codes: z.array(z.number().int().min(1).max(12)).max(12).default([]),
      cancer: Text(300).default(''),
      tuberculosis: Text(300).default(''),
      other: Text(500).default(''),
    })
    .default({ codes: [], cancer: '', tuberculosis: '', other: '' }),
  disabilities: ByKind(DISABILITY_KINDS, Text(300).default('')).default({
    hearing: '',
    vision: '',
    arms: '',
    legs: '',
    spine: '',
    cleft: '',
    other: '',
  }),
  surgery: LongText(1000).default(''),
  family: z
    .object({
      allergies: ByKind(
        ALLERGY_KINDS,
        z.object({ what: Text(300).default(''), who: Text(100).default('') }),
      ).default({
        drugs: { what: '', who: '' },
        chemicals: { what: '', who: '' },
        food: { what: '', who: '' },
        other: { what: '', who: '' },
      }),
      diseases: ByKind(FAMILY_DISEASES, Text(300).default('')).default({
        cardio: '',
        hypertension: '',
        mental: '',
        asthma: '',
        diabetes: '',
        epilepsy: '',
        cancer: '',
        tuberculosis: '',
        other: '',
      }),
    })
    .default({
      allergies: {
        drugs: { what: '', who: '' },
        chemicals: { what: '', who: '' },
        food: { what: '', who: '' },
        other: { what: '', who: '' },
      },
      diseases: {
        cardio: '',
        hypertension: '',
        mental: '',
        asthma: '',
        diabetes: '',
        epilepsy: '',
        cancer: '',
        tuberculosis: '',
        other: '',
      },
    }),
  reproductive: z
    .object({
      contraception: Text(200).default(''),
      lastPregnancy: Text(100).default(''),
      pregnancies: Count,
      miscarriages: Count,
      abortions: Count,
      births: Count,
      normalBirths: Count,
      caesareans: Count,
      difficultBirths: Count,
      termBirths: Count,
      pretermBirths: Count,
      livingChildren: Count,
      gynecological: Text(300).default(''),
    })
    .default({
      contraception: '',
      lastPregnancy: '',
      pregnancies: null,
      miscarriages: null,
      abortions: null,
      births: null,
      normalBirths: null,
      caesareans: null,
      difficultBirths: null,
      termBirths: null,
      pretermBirths: null,
      livingChildren: null,
      gynecological: '',
    }),
  other: LongText(1000).default(''),
  /** C.1 footer: tetanus doses the mother received (children's records). */
  motherTetanusDoses: z.number().int().min(0).max(10).nullable().default(null),
});
export type PartBInput = z.input<typeof PartB>;
export type PartB = z.output<typeof PartB>;

/* ───────────── Second looks before saving ───────────── */

/**
 * Something in a record that needs a second look before it is saved: `block` must be corrected,
 * `confirm` needs the user's explicit "yes, this is right" (a temperature of 43 °C, a dose before
 * the minimum age). Sent back in the details of a NEEDS_CONFIRMATION error.
 */
export const Finding = z.object({
  key: z.string(),
  /** The input field the finding is about (`vitals.systolic`, `diagnoses`, `givenOn`). */
  field: z.string(),
  level: z.enum(['block', 'confirm']),
  message: z.string(),
});
export type Finding = z.output<typeof Finding>;

/** The keys of the findings the user has confirmed; a changed value has a new key. */
export const Confirmed = z.array(z.string().max(200)).max(40).default([]);

/* ───────────── Part C: immunisation ───────────── */

export const VaccineItem = z.object({
  code: z.string(),
  vaccine: z.string(),
  name: z.string(),
  group: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  dose: z.number().int(),
  program: z.enum(['tcmr', 'service']),
  /** On the programme's roadmap, province by province (rotavirus, PCV, HPV): has the on/off switch. */
  roadmap: z.boolean(),
  /** A roadmap vaccine the station's province has switched on. */
  regional: z.boolean(),
  /** False once retired: no longer offered or scheduled, doses given stay in the record. */
  active: z.boolean(),
  custom: z.boolean(),
  /** The age and spacing rule, in words. */
  ageRule: z.string(),
  uncertain: z.string().nullable(),
});
export type VaccineItem = z.output<typeof VaccineItem>;

export const DoseInput = z.object({
  vaccineCode: z.string().min(1).max(40),
  givenOn: IsoDate,
  place: Text(200).default(''),
  reaction: Text(300).default(''),
  nextOn: IsoDate.nullable().default(null),
  pregnancyMonth: z.number().int().min(1).max(10).nullable().default(null),
  batch: Text(50).default(''),
});
export type DoseInput = z.input<typeof DoseInput>;

export const DoseRecord = DoseInput.extend({
  id: z.string(),
  vaccineName: z.string(),
  recordedBy: z.string().nullable(),
});
export type DoseRecord = z.output<typeof DoseRecord>;

export const ScheduleItem = z.object({
  code: z.string(),
  name: z.string(),
  group: z.number().int(),
  status: z.enum(['given', 'due', 'overdue', 'waiting', 'not-yet-due', 'too-late', 'unscheduled']),
  statusLabel: z.string(),
  dueDate: z.string().nullable(),
  givenOn: z.string().nullable(),
  issues: z.array(z.string()),
});
export type ScheduleItem = z.output<typeof ScheduleItem>;

/** The commune's due list for an immunisation session (issue 14): who to invite, by village and vaccine. */
export const DueListInput = z.object({
  /** The session day: doses due by then (and not yet too late) are listed, missed ones included. */
  sessionDate: IsoDate,
  village: z.string().max(100).optional(),
  /** A vaccine (series) code, e.g. "ROTA", "DPT-VGB-HIB". */
  vaccine: z.string().max(40).optional(),
  /** The screen shows this many (a village's list); the export takes them all. */
  limit: z.number().int().min(1).max(5000).default(500),
});

export const DueDose = z.object({
  code: z.string(),
  name: z.string(),
  due: z.string(),
  /** On the session day: due, or overdue (fell due more than a month before). */
  status: z.enum(['due', 'overdue']),
});

export const DueList = z.object({
  sessionDate: z.string(),
  /** The day the list was drawn up. */
  computedOn: z.string(),
  total: z.number().int(),
  /** Schedules still being worked out after a catalogue change (the list may miss them for a moment). */
  pending: z.number().int(),
  rows: z.array(
    z.object({
      personId: z.string(),
      fullName: z.string(),
      birthDate: z.string(),
      sex: z.enum(['M', 'F']),
      village: z.string(),
      address: z.string(),
      /** Parent or caregiver the invitation is addressed to ("Nguyễn Thị Lan (mẹ)"). */
      caregiver: z.string(),
      phone: z.string(),
      doses: z.array(DueDose),
    }),
  ),
  /** How many people are due in each village (all villages, whatever the filter). */
  villages: z.array(z.object({ village: z.string(), count: z.number().int() })),
  /** How many doses of each vaccine are due (in the chosen village). */
  vaccines: z.array(z.object({ vaccine: z.string(), name: z.string(), count: z.number().int() })),
});
export type DueList = z.output<typeof DueList>;

/* ───────────── Part D: visits ───────────── */

/** A vital within what is possible at all (`VITAL_LIMITS`); what is merely rare is confirmed at signing. */
const Vital = (key: VitalKey) =>
  z.number().min(VITAL_LIMITS[key].min).max(VITAL_LIMITS[key].max).nullable().default(null);

export const Vitals = z.object({
  pulse: Vital('pulse'),
  temperatureC: Vital('temperatureC'),
  systolic: Vital('systolic'),
  diastolic: Vital('diastolic'),
  respiratoryRate: Vital('respiratoryRate'),
  weightKg: Vital('weightKg'),
  heightCm: Vital('heightCm'),
  waistCm: Vital('waistCm'),
  /** A child's head circumference (831 D.2.1 for children; WHO head-circumference-for-age). */
  headCircumferenceCm: Vital('headCircumferenceCm'),
  /** Mid-upper-arm circumference in millimetres (the MUAC tape reads mm). */
  muacMm: Vital('muacMm'),
  /** For children under 2: measured lying (length) or standing (height). */
  position: z.enum(['', 'lying', 'standing']).default(''),
});
export type VitalsInput = z.input<typeof Vitals>;
export type Vitals = z.output<typeof Vitals>;
export const VITAL_FIELDS = [
  'pulse',
  'temperatureC',
  'systolic',
  'diastolic',
  'respiratoryRate',
  'weightKg',
  'heightCm',
  'waistCm',
  'headCircumferenceCm',
  'muacMm',
] as const;
export type VitalField = (typeof VITAL_FIELDS)[number];

/** Where a vital came from when a device supplied it: the reading, the device, the two times. */
export const VitalSource = z.object({
  measurementId: z.string().max(64),
  device: z.string().max(200),
  measuredAt: z.string().max(40).nullable(),
  receivedAt: z.string().max(40),
});

export const EXAM_FIELDS = [
  'skin',
  'generalOther',
  'cardio',
  'respiratory',
  'digestive',
  'urinary',
  'musculoskeletal',
  'endocrine',
  'neuro',
  'psych',
  'surgical',
  'obgyn',
  'ent',
  'dental',
  'eyes',
  'derm',
  'nutrition',
  'motor',
  'other',
  'development',
] as const;
export type ExamField = (typeof EXAM_FIELDS)[number];

/** The names of the clinical-exam items (831 D.2.3), as the form prints them. */
export const EXAM_ITEM_NAMES: Readonly<Record<ExamField, string>> = {
  skin: 'Da, niêm mạc',
  generalOther: 'Toàn thân khác',
  cardio: 'Tim mạch',
  respiratory: 'Hô hấp',
  digestive: 'Tiêu hóa',
  urinary: 'Tiết niệu',
  musculoskeletal: 'Cơ xương khớp',
  endocrine: 'Nội tiết',
  neuro: 'Thần kinh',
  psych: 'Tâm thần',
  surgical: 'Ngoại khoa',
  obgyn: 'Sản phụ khoa',
  ent: 'Tai mũi họng',
  dental: 'Răng hàm mặt',
  eyes: 'Mắt',
  derm: 'Da liễu',
  nutrition: 'Dinh dưỡng',
  motor: 'Vận động',
  other: 'Khám khác',
  development: 'Đánh giá phát triển thể chất, tinh thần, vận động (trẻ em)',
};

export const VisitInput = z.object({
  visitOn: IsoDate,
  reason: Text(300).default(''),
  history: LongText(4000).default(''),
  vitals: Vitals.default(Vitals.parse({})),
  vitalSources: z.partialRecord(z.enum(VITAL_FIELDS), VitalSource).default({}),
  vision: z
    .object({
      rightPlain: Text(20).default(''),
      leftPlain: Text(20).default(''),
      rightGlasses: Text(20).default(''),
      leftGlasses: Text(20).default(''),
      wearsGlasses: z.boolean().default(false),
    })
    .default({ rightPlain: '', leftPlain: '', rightGlasses: '', leftGlasses: '', wearsGlasses: false }),
  exam: z.partialRecord(z.enum(EXAM_FIELDS), LongText(1000)).default({}),
  labs: z
    .array(
      z.object({
        group: z.enum(['lab', 'imaging']).default('lab'),
        name: Text(200),
        result: LongText(1000).default(''),
      }),
    )
    .max(40)
    .default([]),
  diagnoses: z
    .array(
      z.object({
        code: z.string().trim().toUpperCase().max(10).default(''),
        name: Text(300),
        main: z.boolean().default(false),
        note: Text(300).default(''),
      }),
    )
    .max(12)
    .default([]),
  conclusion: LongText(2000).default(''),
  counselling: LongText(2000).default(''),
  followUpOn: IsoDate.nullable().default(null),
  /** Treatment, medicines given and referral (migration 0019). */
  ...TreatmentFields,
});
export type VisitInput = z.input<typeof VisitInput>;
export type VisitFields = z.output<typeof VisitInput>;

export const Derived = z.object({
  ageYears: z.number().int(),
  bmi: z.number().nullable(),
  bmiClass: z.string().nullable(),
  waistRisk: z.string().nullable(),
  bp: z.object({ category: z.string(), label: z.string(), hypertension: z.boolean() }).nullable(),
  growth: z.array(
    z.object({
      indicator: z.string(),
      label: z.string(),
      z: z.number().nullable(),
      status: z.string(),
      severity: z.string(),
    }),
  ),
  warnings: z.array(
    z.object({
      field: z.string(),
      message: z.string(),
      level: z.enum(['block', 'confirm']),
      key: z.string(),
    }),
  ),
});
export type Derived = z.output<typeof Derived>;

export const VisitRecord = VisitInput.extend({
  id: z.string(),
  personId: z.string(),
  status: z.enum(['draft', 'signed']),
  version: z.number().int(),
  examiner: z.object({ id: z.string().nullable(), name: z.string() }),
  signedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  derived: Derived,
  /** The screening campaign the exam was made in (ops/campaigns.ts). */
  campaignId: z.string().nullable().optional(),
  /** Where an exam done elsewhere was done, entered here without examining again ('' = here). */
  examPlace: z.string().optional(),
});
export type VisitRecord = z.output<typeof VisitRecord>;

export const VisitSummary = z.object({
  id: z.string(),
  visitOn: z.string(),
  status: z.enum(['draft', 'signed']),
  reason: z.string(),
  systolic: z.number().nullable(),
  diastolic: z.number().nullable(),
  pulse: z.number().nullable(),
  weightKg: z.number().nullable(),
  heightCm: z.number().nullable(),
  bpCategory: z.string().nullable(),
  diagnoses: z.array(z.object({ code: z.string(), name: z.string() })),
  examinerName: z.string(),
  /** The treatment and medicines in words ('' when none), and the referral ('' when not referred). */
  treatment: z.string().default(''),
  referral: z.string().default(''),
  /** Where an exam done elsewhere was done ('' = here). */
  examPlace: z.string().optional(),
});
export type VisitSummary = z.output<typeof VisitSummary>;

export const NcdStatus = z.object({
  register: z.enum(['hypertension', 'diabetes']),
  label: z.string(),
  registeredOn: z.string(),
  lastFollowUpOn: z.string().nullable(),
  nextDue: z.string().nullable(),
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
});
export type NcdStatus = z.output<typeof NcdStatus>;

export const GrowthPoint = z.object({
  visitOn: z.string(),
  ageDays: z.number().int(),
  weightKg: z.number().nullable(),
  heightCm: z.number().nullable(),
});

/** Everything the record view needs, in one call (budget: 30 ms p95 on the 100,000 commune). */
export const FullRecord = z.object({
  person: PersonRecord,
  history: PartB,
  historyVersion: z.number().int(),
  doses: z.array(DoseRecord),
  schedule: z.array(ScheduleItem),
  nextAppointment: z.object({ date: z.string(), names: z.array(z.string()) }).nullable(),
  visits: z.array(VisitSummary),
  ncd: z.array(NcdStatus),
  growth: z.array(GrowthPoint),
  openDraftId: z.string().nullable(),
});
export type FullRecord = z.output<typeof FullRecord>;

export const ChartCurves = z.object({
  indicator: z.string(),
  xUnit: z.string(),
  x: z.array(z.number()),
  sd: z.record(z.string(), z.array(z.number())),
  points: z.array(z.object({ x: z.number(), y: z.number(), visitOn: z.string() })),
});

export const QueueItem = z.object({
  person: PersonSummary,
  kind: z.enum([
    'visit-draft',
    'visit-signed',
    'ncd-due',
    'immunization-due',
    'elderly-exam-due',
    'antenatal-due',
  ]),
  visitId: z.string().nullable(),
  note: z.string(),
});

/** "Hôm nay": the lines to work through (long lists cut short) and how many there are of each kind. */
export const TodayQueue = z.object({
  items: z.array(QueueItem),
  totals: z.object({
    visitDraft: z.number().int(),
    visitSigned: z.number().int(),
    /** Children (and anyone with an appointment today) with a vaccine due or overdue. */
    immunizationDue: z.number().int(),
    ncdDue: z.number().int(),
    /** Residents of 60 and over with no exam in the last 12 months (Luật Người cao tuổi). */
    elderlyExamDue: z.number().int().default(0),
    /** Open pregnancies with an antenatal visit due or overdue (issue 14). */
    antenatalDue: z.number().int().default(0),
  }),
});

export const recordOps = {
  'record.get': query({ input: z.object({ personId: Uuid }), output: FullRecord, access: 'records.read' }),
  'record.saveHistory': command({
    input: z.object({ personId: Uuid, version: z.number().int(), history: PartB }),
    output: z.object({ history: PartB, version: z.number().int() }),
    access: 'records.write',
  }),
  'record.growthChart': query({
    input: z.object({ personId: Uuid, indicator: z.enum(['wfa', 'lhfa', 'bfa', 'wfl', 'wfh']) }),
    output: ChartCurves,
    access: 'records.read',
  }),
  'record.ncdOverdue': query({
    input: z.object({
      register: z.enum(['hypertension', 'diabetes']).optional(),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.object({
      total: z.number().int(),
      rows: z.array(z.object({ person: PersonSummary, status: NcdStatus })),
    }),
    access: 'records.read',
  }),
  'record.today': query({ input: Empty, output: TodayQueue, access: 'records.read' }),
};

export const immunizationOps = {
  'vaccines.list': query({ input: Empty, output: z.array(VaccineItem), access: 'session' }),
  'vaccines.setActive': command({
    input: z.object({ code: z.string().max(40), active: z.boolean() }),
    output: z.array(VaccineItem),
    access: 'station.manage',
  }),
  /** Switches a roadmap vaccine (rotavirus, PCV, HPV) on for the province: it enters every schedule and due list. */
  'vaccines.setRegional': command({
    input: z.object({ vaccine: z.string().max(40), enabled: z.boolean() }),
    output: z.array(VaccineItem),
    access: 'station.manage',
  }),
  /** Retires a vaccine (all its doses): no longer offered or scheduled; doses given stay in the record. */
  'vaccines.retire': command({
    input: z.object({ vaccine: z.string().max(40), retired: z.boolean() }),
    output: z.array(VaccineItem),
    access: 'station.manage',
  }),
  /** Everyone due for a dose by a session day (missed doses included), by village and vaccine. */
  'immunizations.dueList': query({ input: DueListInput, output: DueList, access: 'records.read' }),
  /** The same list as an XLSX workbook (the invitation list), audited. */
  'immunizations.dueListExport': command({
    input: DueListInput.omit({ limit: true }).extend({ place: Text(200).default('') }),
    output: z.object({ fileName: z.string(), contentBase64: z.string(), rows: z.number().int() }),
    access: 'forms.print',
  }),
  /** A dose given out of schedule (before the minimum age, too soon, twice) needs its finding confirmed. */
  'immunizations.record': command({
    input: z.object({ personId: Uuid, doses: z.array(DoseInput).min(1).max(20), confirmed: Confirmed }),
    output: z.array(DoseRecord),
    access: 'records.write',
  }),
  /** Corrects a recorded dose; the reason is required and audited with the values before and after. */
  'immunizations.correct': command({
    input: z.object({ id: Uuid, dose: DoseInput, reason: RequiredText(300), confirmed: Confirmed }),
    output: z.array(DoseRecord),
    access: 'records.write',
  }),
  /** Deletes a dose recorded by mistake; the reason is required and audited. Returns the person's doses. */
  'immunizations.remove': command({
    input: z.object({ id: Uuid, reason: RequiredText(300) }),
    output: z.array(DoseRecord),
    access: 'records.write',
  }),
};

export const visitOps = {
  /** Opens today's draft for the person, or starts one (prefilled for a known NCD follow-up). */
  'visits.start': command({
    input: z.object({ personId: Uuid }),
    output: VisitRecord,
    access: 'records.write',
  }),
  'visits.get': query({ input: z.object({ id: Uuid }), output: VisitRecord, access: 'records.read' }),
  /** Autosave: keeps the draft on disk so nothing is lost if the app closes. */
  'visits.saveDraft': command({
    input: z.object({ id: Uuid, version: z.number().int(), visit: VisitInput }),
    output: VisitRecord,
    access: 'records.write',
  }),
  /** Refused while a value is impossible; rare values need their findings' keys in `confirmed`. */
  'visits.sign': command({
    input: z.object({ id: Uuid, version: z.number().int(), visit: VisitInput, confirmed: Confirmed }),
    output: VisitRecord,
    access: 'visits.sign',
  }),
  /** A correction after signing: versioned, with the reason on the audit trail. */
  'visits.amend': command({
    input: z.object({
      id: Uuid,
      version: z.number().int(),
      visit: VisitInput,
      reason: Text(300).pipe(z.string().min(1, 'Ghi lý do sửa')),
      confirmed: Confirmed,
    }),
    output: VisitRecord,
    access: 'visits.sign',
  }),
  'visits.discard': command({ input: z.object({ id: Uuid }), output: z.null(), access: 'records.write' }),
  /**
   * The exam screen shows this draft (sent on opening and every 20 s while open): device readings
   * that arrive meanwhile belong to it. `visits.blur` when it closes.
   */
  // Renewed every 20 s while an exam is on screen: background.
  'visits.focus': command({
    input: z.object({ id: Uuid }),
    output: z.null(),
    access: 'records.write',
    background: true,
  }),
  'visits.blur': command({
    input: z.object({ id: Uuid }),
    output: z.null(),
    access: 'records.write',
    background: true,
  }),
  /** What the vitals typed so far mean (BMI class, BP grade, a child's z-scores), before anything is saved. */
  'visits.derive': query({
    input: z.object({ id: Uuid, vitals: Vitals }),
    output: Derived,
    access: 'records.read',
  }),
  'visits.versions': query({
    input: z.object({ id: Uuid }),
    output: z.array(
      z.object({
        version: z.number().int(),
        changedAt: z.string(),
        changedBy: z.string().nullable(),
        reason: z.string(),
      }),
    ),
    access: 'records.read',
  }),
};
