/**
 * Child growth z-scores and nutritional status, computed as WHO's own software does:
 *
 * - **0 to < 60 months**: WHO Child Growth Standards 2006, looked up by age in whole days (igrowup /
 *   anthro). Length below 731 days (24 months), standing height from 731 days; a length measured
 *   standing before 731 days gets +0.7 cm, a height measured lying from 731 days gets −0.7 cm
 *   (WHO anthro `adjust_lenhei`). Standing height before 9 months is treated as implausible and not
 *   adjusted, as anthro does. Weight-for-length 45–110 cm, weight-for-height 65–120 cm, interpolated
 *   between 0.1 cm rows.
 * - **61 to < 229 months**: WHO Growth Reference 2007, age in months = days / 30.4375, interpolated
 *   between months (who2007 macro); weight-for-age only to < 121 months.
 * - **60 to < 61 months** falls between the two: WHO anthro stops below 60 months and the who2007
 *   macro starts at 61, and shared/data/README.md says not to use igrowup's extra rows. Age-based
 *   indicators are not scored there (reason `age-gap`).
 *
 * Weight-based indicators (weight-for-age, weight-for-length/height, BMI-for-age) use the restricted
 * LMS beyond ±3 SD (lms.ts). z-scores are rounded to 2 decimals (half away from zero, WHO `rounde`)
 * and classified on the rounded value with WHO's cut-offs (WHO Training Course on Child Growth
 * Assessment, "Interpreting growth indicators", 2008; WHO 2007 reference: overweight > +1 SD, obesity
 * > +2 SD, thinness < −2 SD). Values WHO flags as biologically implausible are scored and marked.
 */
import type { Sex } from '#contract/schemas/common.ts';
import { daysBetween, isIsoDate } from './dates.ts';
import type { GrowthTables, LmsTable } from './growth-tables.ts';
import { lmsZ, restrictedLmsZ, type Lms } from './lms.ts';
import { isNumber, problem, roundHalfAway, type Problem } from './result.ts';

/** wflh = weight-for-length (< 731 days) or weight-for-height (from 731 days). */
export type GrowthIndicator = 'wfa' | 'lhfa' | 'wflh' | 'bfa' | 'hcfa';

export type GrowthStatus =
  | 'normal'
  | 'severely-underweight'
  | 'underweight'
  | 'weight-above-1sd'
  | 'severely-stunted'
  | 'stunted'
  | 'very-tall'
  | 'severely-wasted'
  | 'wasted'
  | 'risk-of-overweight'
  | 'overweight'
  | 'obese'
  | 'severely-thin'
  | 'thin'
  | 'head-severely-small'
  | 'head-small'
  | 'head-large'
  | 'head-severely-large';

export const GROWTH_STATUS_LABELS: Readonly<Record<GrowthStatus, string>> = {
  normal: 'Bình thường',
  'severely-underweight': 'Suy dinh dưỡng nhẹ cân mức độ nặng',
  underweight: 'Suy dinh dưỡng nhẹ cân mức độ vừa',
  'weight-above-1sd':
    'Cân nặng theo tuổi trên +1 SD: nên đánh giá bằng cân nặng theo chiều cao hoặc BMI theo tuổi',
  'severely-stunted': 'Suy dinh dưỡng thấp còi mức độ nặng',
  stunted: 'Suy dinh dưỡng thấp còi mức độ vừa',
  'very-tall': 'Rất cao so với tuổi (trên +3 SD)',
  'severely-wasted': 'Suy dinh dưỡng gầy còm mức độ nặng',
  wasted: 'Suy dinh dưỡng gầy còm mức độ vừa',
  'risk-of-overweight': 'Có nguy cơ thừa cân',
  overweight: 'Thừa cân',
  obese: 'Béo phì',
  'severely-thin': 'Gầy còm mức độ nặng',
  thin: 'Gầy còm',
  'head-severely-small': 'Vòng đầu rất nhỏ (dưới -3 SD)',
  'head-small': 'Vòng đầu nhỏ (dưới -2 SD)',
  'head-large': 'Vòng đầu to (trên +2 SD)',
  'head-severely-large': 'Vòng đầu rất to (trên +3 SD)',
};

export const GROWTH_INDICATOR_LABELS: Readonly<Record<GrowthIndicator, string>> = {
  wfa: 'Cân nặng theo tuổi',
  lhfa: 'Chiều dài/chiều cao theo tuổi',
  wflh: 'Cân nặng theo chiều dài/chiều cao',
  bfa: 'BMI theo tuổi',
  hcfa: 'Vòng đầu theo tuổi',
};

export type GrowthReference = 'who-2006' | 'who-2007';

export interface ZScore {
  ok: true;
  indicator: GrowthIndicator;
  reference: GrowthReference;
  /** Rounded to 2 decimals, as WHO reports it; the classification uses this value. */
  z: number;
  zExact: number;
  /** The restricted (linearised) LMS was used because |z| > 3 on a weight-based indicator. */
  restricted: boolean;
  /** WHO's flag for a biologically implausible value: check the measurement. */
  implausible: boolean;
  status: GrowthStatus;
  label: string;
  /** normal; moderate (−3 ≤ z < −2, or the first level above normal); severe (beyond ±3, or obese). */
  severity: 'normal' | 'moderate' | 'severe';
}

export type IndicatorResult = ZScore | Problem;

export interface GrowthInput {
  sex: Sex;
  /** Full dates (yyyy-mm-dd). Or give `ageDays` instead. */
  birthDate?: string | null;
  measuredOn?: string | null;
  ageDays?: number | null;
  weightKg?: number | null;
  lengthHeightCm?: number | null;
  /** How the length/height was taken; unknown → assumed right for the age (lying < 24 months). */
  position?: 'lying' | 'standing' | null;
  headCircumferenceCm?: number | null;
}

export interface GrowthAssessment {
  ok: true;
  ageDays?: number;
  /** Age in months as WHO computes it (days / 30.4375), unrounded. */
  ageMonths?: number;
  /** Length or height as scored, after the ±0.7 cm adjustment for position. */
  scoredLengthHeightCm?: number;
  lengthOrHeight?: 'length' | 'height';
  /** From weight and the scored length/height. */
  bmi?: number;
  /** One entry per indicator the input could feed (absent when its measurement was not given). */
  scores: Partial<Record<GrowthIndicator, IndicatorResult>>;
  /** Vietnamese notes about the input (adjustments made, implausible position, …). */
  notes: string[];
}

/** Days per month used by WHO to convert ages (365.25 / 12). */
export const DAYS_PER_MONTH = 30.4375;
/** First day scored as height rather than length (24 months). */
const HEIGHT_FROM_DAY = 731;
const LENGTH_HEIGHT_ADJUSTMENT_CM = 0.7;
/** anthro: a standing height under 9 months is not plausible. */
const STANDING_FROM_MONTHS = 9;
const STANDARDS_BELOW_MONTHS = 60;
const REFERENCE_FROM_MONTHS = 61;
const REFERENCE_BELOW_MONTHS = 229;
const REFERENCE_WFA_BELOW_MONTHS = 121;

/** WHO flags (igrowup, who2007, anthro): [lowest plausible z, highest plausible z]. */
const PLAUSIBLE: Readonly<Record<GrowthIndicator, readonly [number, number]>> = {
  wfa: [-6, 5],
  lhfa: [-6, 6],
  wflh: [-5, 5],
  bfa: [-5, 5],
  hcfa: [-5, 5],
};

const WEIGHT_BASED: ReadonlySet<GrowthIndicator> = new Set(['wfa', 'wflh', 'bfa']);

type Cut = readonly [status: GrowthStatus, test: (z: number) => boolean, severity: ZScore['severity']];

/** WHO 0–5 y weight-for-length/height and BMI-for-age: wasting below −2, overweight risk above +1. */
const WASTING_TO_OBESITY: readonly Cut[] = [
  ['severely-wasted', (z) => z < -3, 'severe'],
  ['wasted', (z) => z < -2, 'moderate'],
  ['obese', (z) => z > 3, 'severe'],
  ['overweight', (z) => z > 2, 'moderate'],
  ['risk-of-overweight', (z) => z > 1, 'moderate'],
];

/** Ordered cut-offs per indicator and reference; the first that matches wins, else normal. */
function cutsFor(indicator: GrowthIndicator, reference: GrowthReference): readonly Cut[] {
  switch (indicator) {
    case 'wfa':
      return [
        ['severely-underweight', (z) => z < -3, 'severe'],
        ['underweight', (z) => z < -2, 'moderate'],
        ['weight-above-1sd', (z) => z > 1, 'moderate'],
      ];
    case 'lhfa':
      return [
        ['severely-stunted', (z) => z < -3, 'severe'],
        ['stunted', (z) => z < -2, 'moderate'],
        ['very-tall', (z) => z > 3, 'moderate'],
      ];
    case 'wflh':
      return WASTING_TO_OBESITY;
    case 'bfa':
      return reference === 'who-2006'
        ? WASTING_TO_OBESITY
        : [
            ['severely-thin', (z) => z < -3, 'severe'],
            ['thin', (z) => z < -2, 'moderate'],
            ['obese', (z) => z > 2, 'severe'],
            ['overweight', (z) => z > 1, 'moderate'],
          ];
    case 'hcfa':
      return [
        ['head-severely-small', (z) => z < -3, 'severe'],
        ['head-small', (z) => z < -2, 'moderate'],
        ['head-severely-large', (z) => z > 3, 'severe'],
        ['head-large', (z) => z > 2, 'moderate'],
      ];
  }
}

/** Scores one measurement against one LMS row and classifies it. */
export function scoreLms(
  indicator: GrowthIndicator,
  reference: GrowthReference,
  value: number,
  lms: Lms,
): ZScore {
  const { z: zExact, restricted } = WEIGHT_BASED.has(indicator)
    ? restrictedLmsZ(value, lms)
    : { z: lmsZ(value, lms), restricted: false };
  const z = roundHalfAway(zExact, 2);
  const cut = cutsFor(indicator, reference).find(([, test]) => test(z));
  const status = cut ? cut[0] : 'normal';
  const [lo, hi] = PLAUSIBLE[indicator];
  return {
    ok: true,
    indicator,
    reference,
    z,
    zExact,
    restricted,
    implausible: z < lo || z > hi,
    status,
    label: GROWTH_STATUS_LABELS[status],
    severity: cut ? cut[2] : 'normal',
  };
}

const positive = (v: number | null | undefined): v is number => isNumber(v) && v > 0;

interface Age {
  days: number;
  months: number;
}

function ageOf(input: GrowthInput): Age | Problem | undefined {
  if (isNumber(input.ageDays)) {
    if (input.ageDays < 0) return problem('invalid-age', 'Tuổi không được âm.');
    // anthro rounds age in days half up before looking up the daily tables.
    const days = Math.floor(input.ageDays + 0.5);
    return { days, months: input.ageDays / DAYS_PER_MONTH };
  }
  const { birthDate, measuredOn } = input;
  if (!birthDate && !measuredOn) return undefined;
  if (typeof birthDate === 'string' && /^\d{4}$/.test(birthDate)) {
    return problem(
      'birth-date-partial',
      'Chỉ biết năm sinh: cần ngày sinh đầy đủ để tính z-score theo tuổi.',
    );
  }
  if (!isIsoDate(birthDate) || !isIsoDate(measuredOn))
    return problem('invalid-date', 'Ngày sinh hoặc ngày đo không hợp lệ.');
  const days = daysBetween(birthDate, measuredOn) as number;
  if (days < 0) return problem('invalid-age', 'Ngày đo trước ngày sinh.');
  return { days, months: days / DAYS_PER_MONTH };
}

/** Which WHO tables serve this age, or why none does. */
function referenceFor(age: Age): GrowthReference | Problem {
  if (age.months < STANDARDS_BELOW_MONTHS) return 'who-2006';
  if (age.months < REFERENCE_FROM_MONTHS) {
    return problem(
      'age-gap',
      'WHO không có bảng cho tuổi từ 60 đến dưới 61 tháng: đánh giá lại khi trẻ đủ 61 tháng.',
    );
  }
  if (age.months < REFERENCE_BELOW_MONTHS) return 'who-2007';
  return problem('adult', 'Từ 19 tuổi: đánh giá bằng BMI người lớn, không dùng z-score.');
}

/** Scores an age-based indicator from the right table, or says why it cannot. */
function byAge(
  tables: GrowthTables,
  indicator: Exclude<GrowthIndicator, 'wflh'>,
  sex: Sex,
  age: Age,
  reference: GrowthReference,
  value: number,
): IndicatorResult {
  let table: LmsTable | undefined;
  let lms: Lms | undefined;
  if (reference === 'who-2006') {
    table = tables.standards[indicator];
    lms = table.row(sex, age.days);
  } else {
    if (indicator === 'hcfa') return problem('not-for-age', 'Vòng đầu theo tuổi chỉ có cho trẻ dưới 5 tuổi.');
    if (indicator === 'wfa' && age.months >= REFERENCE_WFA_BELOW_MONTHS) {
      return problem('not-for-age', 'WHO không có cân nặng theo tuổi từ 10 tuổi: dùng BMI theo tuổi.');
    }
    table = indicator === 'lhfa' ? tables.reference.hfa : tables.reference[indicator];
    lms = table.at(sex, age.months);
  }
  if (!lms) return problem('age-out-of-range', 'Tuổi nằm ngoài bảng WHO.');
  return scoreLms(indicator, reference, value, lms);
}

/**
 * Weight-for-length (< 731 days) or weight-for-height (from 731 days). Without an age, WHO uses the
 * measuring position, or length below 87 cm when that is unknown too.
 */
function weightForLengthHeight(
  tables: GrowthTables,
  sex: Sex,
  age: Age | undefined,
  lengthHeightCm: number,
  weightKg: number,
  position: GrowthInput['position'],
): IndicatorResult {
  if (age && age.months >= STANDARDS_BELOW_MONTHS) {
    return problem(
      'not-for-age',
      'Cân nặng theo chiều cao chỉ dùng cho trẻ dưới 5 tuổi: dùng BMI theo tuổi.',
    );
  }
  const useLength = age ? age.days < HEIGHT_FROM_DAY : position ? position === 'lying' : lengthHeightCm < 87;
  const table = useLength ? tables.standards.wfl : tables.standards.wfh;
  const lms = table.at(sex, lengthHeightCm);
  if (!lms) {
    return problem(
      'length-out-of-range',
      useLength
        ? 'Cân nặng theo chiều dài chỉ tính cho chiều dài 45–110 cm.'
        : 'Cân nặng theo chiều cao chỉ tính cho chiều cao 65–120 cm.',
    );
  }
  return scoreLms('wflh', 'who-2006', weightKg, lms);
}

/**
 * All the growth indicators the input allows. Never throws: each indicator that cannot be scored
 * says why; an input that is unusable as a whole returns a Problem.
 */
export function assessGrowth(tables: GrowthTables, input: GrowthInput): GrowthAssessment | Problem {
  if (!input || (input.sex !== 'M' && input.sex !== 'F'))
    return problem('missing-sex', 'Cần biết giới tính để tính z-score.');
  const notes: string[] = [];
  const ageOrProblem = ageOf(input);
  const ageProblem = ageOrProblem && 'ok' in ageOrProblem ? ageOrProblem : undefined;
  const age = ageOrProblem && !('ok' in ageOrProblem) ? ageOrProblem : undefined;
  const refOrProblem = age ? referenceFor(age) : undefined;
  const reference = typeof refOrProblem === 'string' ? refOrProblem : undefined;
  const ageBlock: Problem =
    ageProblem ??
    (refOrProblem && typeof refOrProblem !== 'string'
      ? refOrProblem
      : problem('missing-age', 'Cần ngày sinh và ngày đo để tính z-score theo tuổi.'));

  // Length/height as WHO scores it: adjusted to the position expected for the age (0–5 y only).
  let scored = positive(input.lengthHeightCm) ? input.lengthHeightCm : undefined;
  let lengthOrHeight: GrowthAssessment['lengthOrHeight'];
  if (scored !== undefined) {
    let position = input.position ?? undefined;
    if (position === 'standing' && age && age.months < STANDING_FROM_MONTHS) {
      notes.push('Trẻ dưới 9 tháng phải đo nằm: coi như chiều dài đo nằm, không điều chỉnh.');
      position = undefined;
    }
    if (age && reference === 'who-2006') {
      lengthOrHeight = age.days < HEIGHT_FROM_DAY ? 'length' : 'height';
      if (lengthOrHeight === 'length' && position === 'standing') {
        scored += LENGTH_HEIGHT_ADJUSTMENT_CM;
        notes.push('Trẻ dưới 24 tháng đo đứng: cộng 0,7 cm để quy về chiều dài nằm.');
      } else if (lengthOrHeight === 'height' && position === 'lying') {
        scored -= LENGTH_HEIGHT_ADJUSTMENT_CM;
        notes.push('Trẻ từ 24 tháng đo nằm: trừ 0,7 cm để quy về chiều cao đứng.');
      }
      scored = roundHalfAway(scored, 2);
    } else if (age) {
      lengthOrHeight = 'height';
    } else {
      lengthOrHeight =
        position === 'standing'
          ? 'height'
          : position === 'lying'
            ? 'length'
            : scored < 87
              ? 'length'
              : 'height';
    }
  }
  const weight = positive(input.weightKg) ? input.weightKg : undefined;
  const bmi = weight !== undefined && scored !== undefined ? weight / (scored / 100) ** 2 : undefined;

  const scores: GrowthAssessment['scores'] = {};
  const ageBased = (indicator: Exclude<GrowthIndicator, 'wflh'>, value: number | undefined) => {
    if (value === undefined) return;
    scores[indicator] =
      age && reference ? byAge(tables, indicator, input.sex, age, reference, value) : ageBlock;
  };
  ageBased('wfa', weight);
  ageBased('lhfa', scored);
  ageBased('bfa', bmi);
  ageBased('hcfa', positive(input.headCircumferenceCm) ? input.headCircumferenceCm : undefined);
  if (weight !== undefined && scored !== undefined) {
    // An age that cannot be used (partial birth date) does not stop weight-for-length: WHO scores it without age.
    scores.wflh =
      ageProblem && ageProblem.reason !== 'birth-date-partial'
        ? ageProblem
        : weightForLengthHeight(tables, input.sex, age, scored, weight, input.position);
  }
  for (const s of Object.values(scores)) {
    if (s?.ok && s.implausible) {
      notes.push(
        `${GROWTH_INDICATOR_LABELS[s.indicator]}: z-score ${s.z} nằm ngoài giới hạn WHO coi là hợp lý, kiểm tra lại số đo.`,
      );
    }
  }
  return {
    ok: true,
    ...(age ? { ageDays: age.days, ageMonths: age.months } : {}),
    ...(scored !== undefined ? { scoredLengthHeightCm: scored, lengthOrHeight } : {}),
    ...(bmi !== undefined ? { bmi } : {}),
    scores,
    notes,
  };
}
