/**
 * Plausibility checks for the vitals panel (831 part D, item 2.1). They catch typing and unit slips
 * (a height in metres, a temperature in °F, systolic and diastolic swapped) and **warn**; they never
 * block saving, because a real reading can be extreme.
 *
 * These are sanity ranges, not clinical normal ranges. Vital-sign limits follow the project's brief
 * (systolic 60–260, diastolic 30–160, pulse 30–220, temperature 34–42 °C, respiratory rate 8–60),
 * widened for infants, whose pressures are lower and breathing faster. Weight and height bands are
 * wider than WHO's ±4 SD curves at both ends of each age band (WHO 2006 standards to 5 years, WHO
 * 2007 reference to 19 years), and allow preterm newborns.
 */
import { bmiOf } from './bmi.ts';
import { isNumber } from './result.ts';

export interface Vitals {
  pulse?: number | null;
  temperatureC?: number | null;
  systolic?: number | null;
  diastolic?: number | null;
  respiratoryRate?: number | null;
  weightKg?: number | null;
  heightCm?: number | null;
  waistCm?: number | null;
}

export type VitalField = keyof Vitals;

export interface VitalWarning {
  field: VitalField;
  code: 'not-a-number' | 'out-of-range' | 'systolic-not-above-diastolic' | 'bmi-implausible';
  /** Vietnamese, for the screen. */
  message: string;
  value?: number;
  range?: { min: number; max: number };
}

interface Range {
  readonly min: number;
  readonly max: number;
}

interface AgeBand {
  /** The band applies from this age (years, inclusive) up to the next band. */
  readonly fromYears: number;
  readonly ranges: Readonly<Record<VitalField, Range>>;
}

const ADULT_VITALS = {
  pulse: { min: 30, max: 220 },
  temperatureC: { min: 34, max: 42 },
  systolic: { min: 60, max: 260 },
  diastolic: { min: 30, max: 160 },
  respiratoryRate: { min: 8, max: 60 },
} as const;

const band = (
  fromYears: number,
  weightKg: Range,
  heightCm: Range,
  waistCm: Range,
  over: Partial<Record<VitalField, Range>> = {},
): AgeBand => ({
  fromYears,
  ranges: { ...ADULT_VITALS, weightKg, heightCm, waistCm, ...over },
});

const AGE_BANDS: readonly AgeBand[] = [
  band(
    0,
    { min: 0.5, max: 16 },
    { min: 30, max: 95 },
    { min: 25, max: 80 },
    {
      systolic: { min: 40, max: 260 },
      diastolic: { min: 20, max: 160 },
      respiratoryRate: { min: 15, max: 100 },
    },
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

/** When the age is unknown, only what is impossible at every age is flagged. */
const ANY_AGE = band(
  0,
  { min: 0.5, max: 250 },
  { min: 30, max: 220 },
  { min: 25, max: 200 },
  {
    systolic: { min: 40, max: 260 },
    diastolic: { min: 20, max: 160 },
    respiratoryRate: { min: 8, max: 100 },
  },
);

const FIELD_LABELS: Readonly<Record<VitalField, string>> = {
  pulse: 'Mạch',
  temperatureC: 'Nhiệt độ',
  systolic: 'Huyết áp tâm thu',
  diastolic: 'Huyết áp tâm trương',
  respiratoryRate: 'Nhịp thở',
  weightKg: 'Cân nặng',
  heightCm: 'Chiều cao',
  waistCm: 'Vòng bụng',
};

const UNITS: Readonly<Record<VitalField, string>> = {
  pulse: 'lần/phút',
  temperatureC: '°C',
  systolic: 'mmHg',
  diastolic: 'mmHg',
  respiratoryRate: 'lần/phút',
  weightKg: 'kg',
  heightCm: 'cm',
  waistCm: 'cm',
};

/** Hints for the slips seen in practice, shown after the range message. */
function unitHint(field: VitalField, v: number): string {
  if ((field === 'heightCm' || field === 'waistCm') && v > 0 && v < 3)
    return ' Có thể đã nhập mét thay vì cm?';
  if (field === 'temperatureC' && v >= 90 && v <= 110) return ' Có thể đã nhập °F thay vì °C?';
  if (field === 'weightKg' && v >= 500) return ' Có thể đã nhập gam thay vì kg?';
  return '';
}

const fmt = (n: number) => String(n).replace('.', ',');

function rangesFor(ageYears: number | null | undefined): AgeBand {
  if (!isNumber(ageYears) || ageYears < 0) return ANY_AGE;
  let chosen = AGE_BANDS[0];
  for (const b of AGE_BANDS) if (ageYears >= b.fromYears) chosen = b;
  return chosen;
}

/**
 * Warnings for implausible vitals, given the person's age in years (fractional allowed; null or
 * undefined when unknown). Empty fields are skipped; an empty list means nothing looked wrong.
 */
export function checkVitals(vitals: Vitals, ageYears?: number | null): VitalWarning[] {
  const warnings: VitalWarning[] = [];
  if (!vitals || typeof vitals !== 'object') return warnings;
  const { ranges } = rangesFor(ageYears);
  for (const field of Object.keys(FIELD_LABELS) as VitalField[]) {
    const v = vitals[field];
    if (v === null || v === undefined) continue;
    if (!isNumber(v)) {
      warnings.push({ field, code: 'not-a-number', message: `${FIELD_LABELS[field]}: không phải là số.` });
      continue;
    }
    const r = ranges[field];
    if (v < r.min || v > r.max) {
      warnings.push({
        field,
        code: 'out-of-range',
        value: v,
        range: { min: r.min, max: r.max },
        message: `${FIELD_LABELS[field]} ${fmt(v)} ${UNITS[field]} nằm ngoài khoảng thường gặp (${fmt(r.min)}–${fmt(r.max)}): kiểm tra lại.${unitHint(field, v)}`,
      });
    }
  }
  const { systolic: s, diastolic: d, weightKg: w, heightCm: h } = vitals;
  if (isNumber(s) && isNumber(d) && s <= d) {
    warnings.push({
      field: 'systolic',
      code: 'systolic-not-above-diastolic',
      message: 'Huyết áp tâm thu không lớn hơn tâm trương: có thể nhập đảo hai số.',
    });
  }
  // WHO's ±5 SD BMI at any age lies within about 10–60; outside 10–80 the weight or height is wrong.
  const bmi = isNumber(w) && isNumber(h) ? bmiOf(w, h) : undefined;
  if (bmi !== undefined && (bmi < 10 || bmi > 80)) {
    warnings.push({
      field: 'weightKg',
      code: 'bmi-implausible',
      value: Math.round(bmi * 10) / 10,
      message: `BMI tính ra ${fmt(Math.round(bmi * 10) / 10)}: cân nặng hoặc chiều cao có thể sai đơn vị.`,
    });
  }
  return warnings;
}
