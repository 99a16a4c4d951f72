import type { Derived, VisitFields } from '#contract/ops/record.ts';
import type { CoreContext } from '../context.ts';
import { ageOn } from '../registry/age.ts';
import { getStation, isSetUp } from '../station/station.ts';
import { assessBmi, assessWaist } from './rules/bmi.ts';
import { gradeBloodPressure } from './rules/blood-pressure.ts';
import { assessGrowth, GROWTH_INDICATOR_LABELS } from './rules/growth.ts';
import { completedMonths } from './rules/dates.ts';
import { classifyMuac } from './rules/muac.ts';
import { assessVitals } from '#contract/clinical/vitals.ts';

/** The station's blood-pressure grading scheme (VNHA 2018 unless the administrator chose 2022). */
function bpScheme(ctx: CoreContext): 'vnha2018' | 'vnha2022' {
  return isSetUp(ctx) && getStation(ctx).bpScheme === 'VNHA2022' ? 'vnha2022' : 'vnha2018';
}

/**
 * What the numbers mean, computed from the visit as saved: BMI class with the Asian cut-offs and
 * waist risk for adults, WHO z-scores for children, the BP grade, and plausibility warnings
 * (warnings never block a save: a nurse may have measured an unusual value correctly).
 */
export function deriveVisit(
  ctx: CoreContext,
  person: { birthDate: string; sex: 'M' | 'F' },
  v: VisitFields,
): Derived {
  const ageYears = ageOn(person.birthDate, v.visitOn);
  const w = v.vitals;
  const bmi =
    w.weightKg && w.heightCm ? assessBmi({ weightKg: w.weightKg, heightCm: w.heightCm, ageYears }) : null;
  const waist = w.waistCm && ageYears >= 18 ? assessWaist(w.waistCm, person.sex) : null;
  const bp =
    w.systolic && w.diastolic && ageYears >= 18
      ? gradeBloodPressure({ systolic: w.systolic, diastolic: w.diastolic }, bpScheme(ctx))
      : null;
  const growth: Derived['growth'] = [];
  if (
    ageYears < 19 &&
    person.birthDate.length === 10 &&
    (w.weightKg || w.heightCm || w.headCircumferenceCm)
  ) {
    const g = assessGrowth(ctx.clinical.growth, {
      sex: person.sex,
      birthDate: person.birthDate,
      measuredOn: v.visitOn,
      weightKg: w.weightKg,
      lengthHeightCm: w.heightCm,
      position: w.position === '' ? null : w.position,
      headCircumferenceCm: w.headCircumferenceCm,
    });
    if (g.ok) {
      for (const [indicator, score] of Object.entries(g.scores)) {
        if (!score) continue;
        growth.push(
          score.ok
            ? {
                indicator,
                label: GROWTH_INDICATOR_LABELS[indicator as keyof typeof GROWTH_INDICATOR_LABELS],
                z: score.z,
                status: score.label,
                severity: score.severity,
              }
            : {
                indicator,
                label: GROWTH_INDICATOR_LABELS[indicator as keyof typeof GROWTH_INDICATOR_LABELS],
                z: null,
                status: score.message,
                severity: 'normal',
              },
        );
      }
    }
  }
  const months = person.birthDate.length === 10 ? completedMonths(person.birthDate, v.visitOn) : undefined;
  const muac = w.muacMm && months !== undefined ? classifyMuac(w.muacMm, months) : null;
  if (muac) growth.push({ indicator: 'muac', label: 'Vòng cánh tay (MUAC)', z: null, ...muacStatus(muac) });
  return {
    ageYears,
    bmi: bmi?.ok ? bmi.bmiRounded : null,
    bmiClass: bmi?.ok && bmi.scheme === 'adult-asian' ? bmi.label : null,
    waistRisk: waist?.ok ? waist.label : null,
    bp: bp?.ok ? { category: bp.category, label: bp.label, hypertension: bp.hypertension } : null,
    growth,
    warnings: assessVitals(w, ageYears).map((x) => ({
      field: x.field,
      message: x.message,
      level: x.level,
      key: x.key,
    })),
  };
}

const muacStatus = (m: { label: string; severity: string }) => ({ status: m.label, severity: m.severity });
