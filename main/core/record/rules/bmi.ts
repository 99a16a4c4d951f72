/**
 * Body-mass index and waist circumference for adults, with the Asian cut-offs used in Vietnam.
 *
 * Source of the thresholds: WHO Western Pacific Region / IASO / IOTF, "The Asia-Pacific perspective:
 * redefining obesity and its treatment" (2000): BMI < 18.5 underweight, 18.5–22.9 normal, ≥ 23
 * overweight ("at risk" 23–24.9), 25–29.9 obese I, ≥ 30 obese II; waist ≥ 90 cm (men) / ≥ 80 cm
 * (women). See shared/reference/identifiers-and-code-lists.md §6.2. Whether the MoH obesity guideline
 * (QĐ 2892/QĐ-BYT, 2022) restates them has not been checked.
 *
 * Children and adolescents are not classified by these cut-offs: under 19 years the WHO BMI-for-age
 * z-score applies (growth.ts).
 */
import type { Sex } from '#contract/schemas/common.ts';
import { isNumber, problem, roundHalfAway, type Problem } from './result.ts';

export type AdultBmiClass = 'underweight' | 'normal' | 'overweight' | 'obese-1' | 'obese-2';

export const ADULT_BMI_LABELS: Readonly<Record<AdultBmiClass, string>> = {
  underweight: 'Thiếu cân',
  normal: 'Bình thường',
  overweight: 'Thừa cân (nguy cơ béo phì)',
  'obese-1': 'Béo phì độ I',
  'obese-2': 'Béo phì độ II',
};

/**
 * The WHO 2007 growth reference runs to 228 completed months (19 years); from then on the adult
 * cut-offs apply.
 */
export const ADULT_FROM_YEARS = 19;

/** BMI in kg/m² (unrounded), or undefined when either number is missing or not positive. */
export function bmiOf(weightKg: number, heightCm: number): number | undefined {
  if (!isNumber(weightKg) || !isNumber(heightCm) || weightKg <= 0 || heightCm <= 0) return undefined;
  const m = heightCm / 100;
  return weightKg / (m * m);
}

/**
 * Adult class of a BMI. The value is classified as shown to the user, rounded to one decimal
 * (the cut-offs are written to one decimal: 22.9 / 23.0), so a displayed "23.0" is never labelled
 * "bình thường".
 */
export function classifyAdultBmi(bmi: number): AdultBmiClass | undefined {
  if (!isNumber(bmi) || bmi <= 0) return undefined;
  const b = roundHalfAway(bmi, 1);
  if (b < 18.5) return 'underweight';
  if (b < 23) return 'normal';
  if (b < 25) return 'overweight';
  if (b < 30) return 'obese-1';
  return 'obese-2';
}

export interface BmiInput {
  weightKg: number;
  heightCm: number;
  /** Age in years (fractional allowed); unknown → judged as an adult, with a note. */
  ageYears?: number | null;
}

export type BmiAssessment =
  | {
      ok: true;
      bmi: number;
      /** One decimal, as shown and as classified. */
      bmiRounded: number;
      scheme: 'adult-asian';
      class: AdultBmiClass;
      label: string;
      notes: string[];
    }
  | {
      ok: true;
      bmi: number;
      bmiRounded: number;
      /** Under 19: use the WHO BMI-for-age z-score (growth.ts); no adult class is given. */
      scheme: 'child-use-growth-z-score';
      notes: string[];
    }
  | Problem;

export function assessBmi(input: BmiInput): BmiAssessment {
  const bmi = bmiOf(input?.weightKg, input?.heightCm);
  if (bmi === undefined)
    return problem('missing-measurement', 'Cần cân nặng (kg) và chiều cao (cm) lớn hơn 0 để tính BMI.');
  const bmiRounded = roundHalfAway(bmi, 1);
  const age = input.ageYears;
  if (isNumber(age) && age < ADULT_FROM_YEARS) {
    return {
      ok: true,
      bmi,
      bmiRounded,
      scheme: 'child-use-growth-z-score',
      notes: ['Dưới 19 tuổi: đánh giá theo z-score BMI theo tuổi của WHO, không dùng ngưỡng BMI người lớn.'],
    };
  }
  const cls = classifyAdultBmi(bmi) as AdultBmiClass;
  const notes = isNumber(age) ? [] : ['Chưa rõ tuổi: đánh giá theo ngưỡng người lớn (châu Á).'];
  return {
    ok: true,
    bmi,
    bmiRounded,
    scheme: 'adult-asian',
    class: cls,
    label: ADULT_BMI_LABELS[cls],
    notes,
  };
}

/** Waist circumference at or above which abdominal obesity raises cardiometabolic risk (WPRO 2000). */
export const WAIST_RISK_CM: Readonly<Record<Sex, number>> = { M: 90, F: 80 };

export type WaistAssessment = { ok: true; atRisk: boolean; thresholdCm: number; label: string } | Problem;

export function assessWaist(waistCm: number, sex: Sex): WaistAssessment {
  if (!isNumber(waistCm) || waistCm <= 0)
    return problem('missing-measurement', 'Cần số đo vòng bụng (cm) lớn hơn 0.');
  if (sex !== 'M' && sex !== 'F') return problem('missing-sex', 'Cần biết giới tính để đánh giá vòng bụng.');
  const thresholdCm = WAIST_RISK_CM[sex];
  const atRisk = waistCm >= thresholdCm;
  return {
    ok: true,
    atRisk,
    thresholdCm,
    label: atRisk
      ? `Béo bụng (vòng bụng ≥ ${thresholdCm} cm): tăng nguy cơ tim mạch, đái tháo đường`
      : 'Vòng bụng trong giới hạn',
  };
}
