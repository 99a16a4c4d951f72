/**
 * What a vital sign may be (831 part D, item 2.1), shared by the exam screen (live, as the nurse
 * types) and the core (the check that counts, when a visit is signed). Two levels:
 *
 * - **impossible** — no living patient measured at a station has it (a systolic of 400, a
 *   temperature of 25 °C, a diastolic at or above the systolic). Signing is refused until it is
 *   corrected; the input schema refuses the field outright.
 * - **implausible** — possible but rare enough to be a typing or unit slip more often than a real
 *   reading (a systolic of 250, a temperature of 43 °C, 3.2 kg for an adult). Signing needs the
 *   nurse's explicit confirmation of that value.
 *
 * The plausible ranges follow the project's brief (systolic 60–260, diastolic 30–160, pulse 30–220,
 * temperature 34–42 °C, respiratory rate 8–60), widened for infants, whose pressures are lower and
 * breathing faster. Weight and height bands are wider than WHO's ±4 SD curves at both ends of each
 * age band (WHO 2006 standards to 5 years, WHO 2007 reference to 19 years), and allow preterm
 * newborns. The impossible limits are beyond anything recorded in clinical practice or displayable
 * by an oscillometric monitor (which stop near 300 mmHg), and outside 30–45 °C for temperature.
 */

export const VITAL_KEYS = [
  'systolic',
  'diastolic',
  'pulse',
  'temperatureC',
  'respiratoryRate',
  'weightKg',
  'heightCm',
  'waistCm',
  'headCircumferenceCm',
  'muacMm',
] as const;
export type VitalKey = (typeof VITAL_KEYS)[number];
export type VitalValues = Partial<Record<VitalKey, number | null | undefined>>;

export interface Range {
  readonly min: number;
  readonly max: number;
}

/** The Vietnamese name and unit of each vital, as the form prints them. */
export const VITAL_TEXT: Readonly<Record<VitalKey, { label: string; unit: string }>> = {
  systolic: { label: 'Huyết áp tâm thu', unit: 'mmHg' },
  diastolic: { label: 'Huyết áp tâm trương', unit: 'mmHg' },
  pulse: { label: 'Mạch', unit: 'lần/phút' },
  temperatureC: { label: 'Nhiệt độ', unit: '°C' },
  respiratoryRate: { label: 'Nhịp thở', unit: 'lần/phút' },
  weightKg: { label: 'Cân nặng', unit: 'kg' },
  heightCm: { label: 'Chiều cao', unit: 'cm' },
  waistCm: { label: 'Vòng bụng', unit: 'cm' },
  headCircumferenceCm: { label: 'Vòng đầu', unit: 'cm' },
  muacMm: { label: 'Vòng cánh tay (MUAC)', unit: 'mm' },
};

/** Measured on children only (the exam shows them for a child): head circumference and MUAC. */
export const CHILD_VITAL_KEYS: readonly VitalKey[] = ['headCircumferenceCm', 'muacMm'];

/** Outside these a value is impossible, at any age: refused, never saved. */
export const VITAL_LIMITS: Readonly<Record<VitalKey, Range>> = {
  systolic: { min: 40, max: 300 },
  diastolic: { min: 10, max: 200 },
  pulse: { min: 20, max: 300 },
  temperatureC: { min: 30, max: 45 },
  respiratoryRate: { min: 4, max: 150 },
  weightKg: { min: 0.3, max: 350 },
  heightCm: { min: 20, max: 250 },
  waistCm: { min: 15, max: 250 },
  // A head under 15 cm or over 80 cm, an arm under 5 cm or over 60 cm: no one living measures so.
  headCircumferenceCm: { min: 15, max: 80 },
  muacMm: { min: 50, max: 600 },
};

interface AgeBand {
  /** The band applies from this age (years, inclusive) up to the next band. */
  readonly fromYears: number;
  readonly ranges: Readonly<Record<VitalKey, Range>>;
}

const ADULT = {
  pulse: { min: 30, max: 220 },
  temperatureC: { min: 34, max: 42 },
  systolic: { min: 60, max: 260 },
  diastolic: { min: 30, max: 160 },
  respiratoryRate: { min: 8, max: 60 },
} as const;

/**
 * Head circumference and MUAC by age band: WHO 2006 head-circumference-for-age ±4 SD (about 30–39 cm
 * at birth, 43–51 cm at one year, 44–54 cm at two, adults 50–62 cm), widened for preterm newborns;
 * MUAC below WHO's severe cut-off (115 mm) is common enough in a malnourished child to stay
 * plausible down to 80 mm, while an arm under 80 mm or a young child's over 200 mm is a slip (cm for mm).
 */
const HEAD_MUAC: readonly (readonly [number, Range, Range])[] = [
  [0, { min: 25, max: 52 }, { min: 70, max: 200 }],
  [1, { min: 40, max: 56 }, { min: 80, max: 220 }],
  [2, { min: 42, max: 58 }, { min: 80, max: 230 }],
  [5, { min: 44, max: 60 }, { min: 100, max: 300 }],
  [10, { min: 46, max: 62 }, { min: 120, max: 400 }],
  [15, { min: 48, max: 64 }, { min: 150, max: 450 }],
  [19, { min: 48, max: 65 }, { min: 150, max: 500 }],
];

const headMuacAt = (fromYears: number) => {
  let chosen = HEAD_MUAC[0];
  for (const row of HEAD_MUAC) if (fromYears >= row[0]) chosen = row;
  return { headCircumferenceCm: chosen[1], muacMm: chosen[2] };
};

const band = (
  fromYears: number,
  weightKg: Range,
  heightCm: Range,
  waistCm: Range,
  over: Partial<Record<VitalKey, Range>> = {},
): AgeBand => ({
  fromYears,
  ranges: { ...ADULT, weightKg, heightCm, waistCm, ...headMuacAt(fromYears), ...over },
});

const INFANT_PRESSURES = { systolic: { min: 40, max: 260 }, diastolic: { min: 20, max: 160 } };

const AGE_BANDS: readonly AgeBand[] = [
  band(
    0,
    { min: 0.5, max: 16 },
    { min: 30, max: 95 },
    { min: 25, max: 80 },
    { ...INFANT_PRESSURES, respiratoryRate: { min: 15, max: 100 } },
  ),
  band(
    1,
    { min: 5, max: 22 },
    { min: 60, max: 105 },
    { min: 25, max: 80 },
    { respiratoryRate: { min: 10, max: 80 } },
  ),
  band(
    2,
    { min: 6, max: 40 },
    { min: 70, max: 135 },
    { min: 25, max: 100 },
    { respiratoryRate: { min: 10, max: 80 } },
  ),
  band(5, { min: 10, max: 80 }, { min: 90, max: 170 }, { min: 35, max: 150 }),
  band(10, { min: 15, max: 150 }, { min: 110, max: 200 }, { min: 35, max: 150 }),
  band(15, { min: 25, max: 200 }, { min: 125, max: 215 }, { min: 40, max: 200 }),
  band(19, { min: 25, max: 250 }, { min: 120, max: 220 }, { min: 40, max: 200 }),
];

/** When the age is unknown, only what is implausible at every age is flagged. */
const ANY_AGE = band(
  0,
  { min: 0.5, max: 250 },
  { min: 30, max: 220 },
  { min: 25, max: 200 },
  {
    ...INFANT_PRESSURES,
    respiratoryRate: { min: 8, max: 100 },
    headCircumferenceCm: { min: 25, max: 65 },
    muacMm: { min: 70, max: 500 },
  },
);

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Vietnamese number formatting: a decimal comma, no trailing zeros. */
export const vnNumber = (n: number): string => String(Math.round(n * 100) / 100).replace('.', ',');

/** The plausible range of a vital at an age in years (fractional; null or undefined when unknown). */
export function plausibleRange(field: VitalKey, ageYears?: number | null): Range {
  if (!isNumber(ageYears) || ageYears < 0) return ANY_AGE.ranges[field];
  let chosen = AGE_BANDS[0];
  for (const b of AGE_BANDS) if (ageYears >= b.fromYears) chosen = b;
  return chosen.ranges[field];
}

export type VitalFindingCode =
  'not-a-number' | 'impossible' | 'out-of-range' | 'diastolic-not-below-systolic' | 'bmi-implausible';

export interface VitalFinding {
  field: VitalKey;
  code: VitalFindingCode;
  /** `block`: signing is refused until corrected. `confirm`: signing needs the nurse to confirm this value. */
  level: 'block' | 'confirm';
  /** Names the field, the value and the range in the field's unit, in Vietnamese. */
  message: string;
  value?: number;
  range?: Range;
  /**
   * What a confirmation is given for: the field, the finding and the value. Changing the value
   * makes an earlier confirmation void.
   */
  key: string;
}

/** Hints for the slips seen in practice, shown after the range message. */
function unitHint(field: VitalKey, v: number): string {
  if (field === 'muacMm' && v > 0 && v < 40) return ' Có thể đã nhập cm thay vì mm?';
  if ((field === 'heightCm' || field === 'waistCm') && v > 0 && v < 3)
    return ' Có thể đã nhập mét thay vì cm?';
  if (field === 'temperatureC' && v >= 90 && v <= 110) return ' Có thể đã nhập °F thay vì °C?';
  if (field === 'weightKg' && v >= 500) return ' Có thể đã nhập gam thay vì kg?';
  return '';
}

const rangeText = (r: Range, unit: string) => `${vnNumber(r.min)}–${vnNumber(r.max)} ${unit}`;

/**
 * Every finding on a set of vitals, for a person of the given age. Empty fields are skipped; an
 * empty list means nothing needs a second look. Never throws on bad input.
 */
export function assessVitals(
  vitals: VitalValues | null | undefined,
  ageYears?: number | null,
): VitalFinding[] {
  const out: VitalFinding[] = [];
  if (!vitals || typeof vitals !== 'object') return out;
  for (const field of VITAL_KEYS) {
    const v = vitals[field];
    if (v === null || v === undefined) continue;
    const { label, unit } = VITAL_TEXT[field];
    if (!isNumber(v)) {
      out.push({
        field,
        code: 'not-a-number',
        level: 'block',
        message: `${label}: không phải là số.`,
        key: `${field}:not-a-number`,
      });
      continue;
    }
    const limit = VITAL_LIMITS[field];
    if (v < limit.min || v > limit.max) {
      out.push({
        field,
        code: 'impossible',
        level: 'block',
        value: v,
        range: limit,
        message: `${label} ${vnNumber(v)} ${unit} là không thể có: chỉ nhận ${rangeText(limit, unit)}.${unitHint(field, v)}`,
        key: `${field}:impossible:${v}`,
      });
      continue;
    }
    const r = plausibleRange(field, ageYears);
    if (v < r.min || v > r.max) {
      out.push({
        field,
        code: 'out-of-range',
        level: 'confirm',
        value: v,
        range: r,
        message: `${label} ${vnNumber(v)} ${unit} nằm ngoài khoảng thường gặp (${rangeText(r, unit)}).${unitHint(field, v)}`,
        key: `${field}:out-of-range:${v}`,
      });
    }
  }
  const { systolic: s, diastolic: d, weightKg: w, heightCm: h } = vitals;
  if (isNumber(s) && isNumber(d) && d >= s) {
    out.push({
      field: 'diastolic',
      code: 'diastolic-not-below-systolic',
      level: 'block',
      message: `Huyết áp tâm trương (${vnNumber(d)} mmHg) phải nhỏ hơn tâm thu (${vnNumber(s)} mmHg): có thể đã nhập đảo hai số.`,
      key: `diastolic:diastolic-not-below-systolic:${s}/${d}`,
    });
  }
  // WHO's ±5 SD BMI at any age lies within about 10–60; outside 10–80 the weight or height is wrong.
  if (isNumber(w) && isNumber(h) && w > 0 && h > 0) {
    const bmi = Math.round((w / (h / 100) ** 2) * 10) / 10;
    if (bmi < 10 || bmi > 80) {
      out.push({
        field: 'weightKg',
        code: 'bmi-implausible',
        level: 'confirm',
        value: bmi,
        message: `BMI tính ra ${vnNumber(bmi)} (cân nặng ${vnNumber(w)} kg, chiều cao ${vnNumber(h)} cm): cân nặng hoặc chiều cao có thể sai đơn vị.`,
        key: `weightKg:bmi-implausible:${w}/${h}`,
      });
    }
  }
  return out;
}
