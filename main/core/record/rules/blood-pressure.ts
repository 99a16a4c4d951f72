/**
 * Office blood-pressure grading for adults, by the Vietnamese Heart Association / Vietnam Society of
 * Hypertension schemes (shared/reference/identifiers-and-code-lists.md §6.3):
 *
 * - **VNHA/VSH 2018** (default; huyetap.vn, 28 Dec 2018): optimal < 120 and < 80; normal 120–129
 *   and/or 80–84; high-normal 130–139 and/or 85–89; grade 1 140–159 and/or 90–99; grade 2 160–179
 *   and/or 100–109; grade 3 ≥ 180 and/or ≥ 110. Isolated systolic hypertension: ≥ 140 and < 90,
 *   graded by the systolic value.
 * - **VNHA 2022** (press summary): normal < 130 and < 85; pre-hypertension 130–139 and/or 85–89;
 *   grade 1 140–159 and/or 90–99; grade 2 ≥ 160 and/or ≥ 100. The summary was cut off at the
 *   grade-2 row: the diastolic ≥ 100 threshold is inferred from ISH 2020, which the 2022 scheme
 *   follows [unverified].
 *
 * When systolic and diastolic fall in different categories the higher category wins (both schemes).
 * Readings are graded as given; the caller averages repeated readings if it wants to.
 */
import { isNumber, problem, type Problem } from './result.ts';

export type BpScheme = 'vnha2018' | 'vnha2022';

export type BpCategory =
  'optimal' | 'normal' | 'high-normal' | 'pre-hypertension' | 'grade-1' | 'grade-2' | 'grade-3';

interface Band {
  readonly category: BpCategory;
  /** Lower bounds, inclusive: a reading at or above both is at least this category. */
  readonly systolicFrom: number;
  readonly diastolicFrom: number;
  readonly label: string;
}

/** Bands from lowest to highest; a reading takes the highest band either of its values reaches. */
const SCHEMES: Readonly<Record<BpScheme, readonly Band[]>> = {
  vnha2018: [
    { category: 'optimal', systolicFrom: 0, diastolicFrom: 0, label: 'Huyết áp tối ưu' },
    { category: 'normal', systolicFrom: 120, diastolicFrom: 80, label: 'Huyết áp bình thường' },
    { category: 'high-normal', systolicFrom: 130, diastolicFrom: 85, label: 'Huyết áp bình thường cao' },
    { category: 'grade-1', systolicFrom: 140, diastolicFrom: 90, label: 'Tăng huyết áp độ 1' },
    { category: 'grade-2', systolicFrom: 160, diastolicFrom: 100, label: 'Tăng huyết áp độ 2' },
    { category: 'grade-3', systolicFrom: 180, diastolicFrom: 110, label: 'Tăng huyết áp độ 3' },
  ],
  vnha2022: [
    { category: 'normal', systolicFrom: 0, diastolicFrom: 0, label: 'Huyết áp bình thường' },
    { category: 'pre-hypertension', systolicFrom: 130, diastolicFrom: 85, label: 'Tiền tăng huyết áp' },
    { category: 'grade-1', systolicFrom: 140, diastolicFrom: 90, label: 'Tăng huyết áp độ 1' },
    { category: 'grade-2', systolicFrom: 160, diastolicFrom: 100, label: 'Tăng huyết áp độ 2' },
  ],
};

export const BP_SCHEME_LABELS: Readonly<Record<BpScheme, string>> = {
  vnha2018: 'Hội Tim mạch học Việt Nam / Phân hội THA 2018',
  vnha2022: 'Hội Tim mạch học Việt Nam 2022',
};

/** Isolated systolic hypertension (both schemes): systolic ≥ 140 with diastolic < 90. */
const ISH_SYSTOLIC_FROM = 140;
const ISH_DIASTOLIC_BELOW = 90;

export interface BpReading {
  systolic: number;
  diastolic: number;
}

export type BpGrade =
  | {
      ok: true;
      scheme: BpScheme;
      category: BpCategory;
      /** Vietnamese label, e.g. "Tăng huyết áp độ 2" or "Tăng huyết áp tâm thu đơn độc độ 1". */
      label: string;
      /** Grade 1 or above. */
      hypertension: boolean;
      isolatedSystolic: boolean;
      /** Which value decided the category (the higher one wins; both when they agree). */
      decidedBy: 'systolic' | 'diastolic' | 'both';
    }
  | Problem;

function bandIndex(bands: readonly Band[], value: number, key: 'systolicFrom' | 'diastolicFrom'): number {
  let i = 0;
  while (i + 1 < bands.length && value >= bands[i + 1][key]) i += 1;
  return i;
}

const indexOf = (bands: readonly Band[], c: BpCategory) => bands.findIndex((b) => b.category === c);

export function gradeBloodPressure(reading: BpReading, scheme: BpScheme = 'vnha2018'): BpGrade {
  const bands = SCHEMES[scheme];
  if (!bands) return problem('unknown-scheme', `Không có thang phân độ huyết áp "${String(scheme)}".`);
  const s = reading?.systolic;
  const d = reading?.diastolic;
  if (!isNumber(s) || !isNumber(d) || s <= 0 || d <= 0) {
    return problem('missing-measurement', 'Cần cả huyết áp tâm thu và tâm trương (mmHg) lớn hơn 0.');
  }
  if (s <= d)
    return problem(
      'systolic-not-above-diastolic',
      'Huyết áp tâm thu phải lớn hơn tâm trương: kiểm tra lại số đo.',
    );

  const bySys = bandIndex(bands, s, 'systolicFrom');
  const byDia = bandIndex(bands, d, 'diastolicFrom');
  const band = bands[Math.max(bySys, byDia)];
  const hypertension = bySys >= indexOf(bands, 'grade-1') || byDia >= indexOf(bands, 'grade-1');
  const isolatedSystolic = s >= ISH_SYSTOLIC_FROM && d < ISH_DIASTOLIC_BELOW;
  // Isolated systolic hypertension is graded by systolic pressure, which here is always the higher
  // band (diastolic < 90 is at most high-normal), so only the label changes.
  const label = isolatedSystolic
    ? band.label.replace('Tăng huyết áp', 'Tăng huyết áp tâm thu đơn độc')
    : band.label;
  return {
    ok: true,
    scheme,
    category: band.category,
    label,
    hypertension,
    isolatedSystolic,
    decidedBy: bySys === byDia ? 'both' : bySys > byDia ? 'systolic' : 'diastolic',
  };
}
