/**
 * When a child's next vitamin A or deworming dose is due. Both are given every 6 months:
 *
 * - **Vitamin A** (high dose), from 6 to 59 months: 100.000 IU at 6–11 months, 200.000 IU from
 *   12 months. Vietnam's national micronutrient programme (Viện Dinh dưỡng Quốc gia, "Chiến dịch
 *   bổ sung vitamin A liều cao", twice a year around 1–2 June and 1–2 December) follows WHO's
 *   guideline "Vitamin A supplementation in infants and children 6–59 months of age" (2011).
 * - **Deworming**, every 6 months from 24 months (albendazole 400 mg or mebendazole 500 mg), as
 *   the Ministry's soil-transmitted-helminth guidance gives it to preschool children and as WHO's
 *   "Preventive chemotherapy to control soil-transmitted helminth infections" (2017) recommends.
 *   No upper age: the station's list is of children, so the rule stops at 15 years (school age
 *   is dewormed at school).
 *
 * The shared reference (/work/shared/reference) holds no text of these programmes; the ages and
 * the 6-month interval above are the issue's and the programmes' as publicly described.
 *
 * A dose is due from the later of "old enough" and "6 months after the last dose"; a child who
 * has aged out is not eligible whatever the last dose.
 */
import type { SupplementDue, SupplementKind } from '#contract/ops/supplements.ts';
import { SUPPLEMENT_NAMES } from '#contract/ops/supplements.ts';
import { isoToVn } from '#contract/dates.ts';
import { addMonths, completedMonths } from './dates.ts';

interface Programme {
  fromMonths: number;
  /** First month no longer eligible. */
  untilMonths: number;
  everyMonths: number;
  dose: (ageMonths: number) => string;
}

export const SUPPLEMENT_PROGRAMMES: Readonly<Record<SupplementKind, Programme>> = {
  vitamin_a: {
    fromMonths: 6,
    untilMonths: 60,
    everyMonths: 6,
    dose: (m) => (m < 12 ? '100.000 IU' : '200.000 IU'),
  },
  deworming: {
    fromMonths: 24,
    untilMonths: 15 * 12,
    everyMonths: 6,
    dose: () => 'Albendazol 400 mg',
  },
};

/** Where a child born on `birthDate` stands for `kind` on `today`, given the dates of the doses given. */
export function supplementDue(
  kind: SupplementKind,
  birthDate: string,
  givenOn: readonly string[],
  today: string,
): SupplementDue {
  const p = SUPPLEMENT_PROGRAMMES[kind];
  const name = SUPPLEMENT_NAMES[kind];
  const last = givenOn.length > 0 ? [...givenOn].sort().at(-1)! : null;
  const age = birthDate.length === 10 ? completedMonths(birthDate, today) : undefined;
  const base = { kind, name, lastGivenOn: last };
  if (age === undefined)
    return { ...base, status: 'not-eligible', dueOn: null, label: 'Cần ngày sinh đầy đủ', suggestedDose: '' };
  if (age >= p.untilMonths)
    return {
      ...base,
      status: 'not-eligible',
      dueOn: null,
      label: `Quá tuổi (đến ${p.untilMonths} tháng)`,
      suggestedDose: '',
    };
  const oldEnough = addMonths(birthDate, p.fromMonths)!;
  const afterLast = last ? addMonths(last, p.everyMonths)! : oldEnough;
  const dueOn = afterLast > oldEnough ? afterLast : oldEnough;
  // Due after the child has aged out: nothing more to give.
  if (dueOn >= addMonths(birthDate, p.untilMonths)!)
    return {
      ...base,
      status: 'not-eligible',
      dueOn: null,
      label: 'Đã đủ liều trong độ tuổi',
      suggestedDose: '',
    };
  if (dueOn <= today)
    return {
      ...base,
      status: 'due',
      dueOn,
      label: `Đến hạn từ ${isoToVn(dueOn)}`,
      suggestedDose: p.dose(age),
    };
  return {
    ...base,
    status: 'not-yet',
    dueOn,
    label:
      age < p.fromMonths
        ? `Chưa đến tuổi (từ ${p.fromMonths} tháng, ngày ${isoToVn(dueOn)})`
        : `Lần tới: ${isoToVn(dueOn)}`,
    suggestedDose: '',
  };
}
