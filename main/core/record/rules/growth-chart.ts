/**
 * The z-score curves (−3 … +3 SD) of a WHO growth chart, for the UI to draw. They are computed from
 * the same LMS tables as the z-scores (value at z = M·(1 + L·S·z)^(1/L)), so a child plotted on a
 * curve scores that z. WHO's published SD tables are these values rounded to 0.1.
 *
 * Age-based charts take x in months: below 61 months from the 2006 standards (daily rows,
 * interpolated at month × 30.4375 days, which reproduces WHO's monthly tables), from 61 months from
 * the 2007 reference. Length-for-age and BMI-for-age switch from lying length to standing height at
 * 24 months; as in WHO's own 0–5 y tables, month 24 then has two points, length first.
 * Weight-for-length (45–110 cm) and weight-for-height (65–120 cm) take x in cm.
 */
import type { Sex } from '#contract/schemas/common.ts';
import { DAYS_PER_MONTH } from './growth.ts';
import type { GrowthTables, LmsTable } from './growth-tables.ts';
import { lmsValue, type Lms } from './lms.ts';
import { isNumber, problem, type Problem } from './result.ts';

export type ChartIndicator = 'wfa' | 'lhfa' | 'bfa' | 'hcfa' | 'wfl' | 'wfh';

/** Named as in WHO's z-score tables. */
export type SdLine = 'SD3neg' | 'SD2neg' | 'SD1neg' | 'SD0' | 'SD1' | 'SD2' | 'SD3';

export const SD_LINES: readonly { readonly line: SdLine; readonly z: number }[] = [
  { line: 'SD3neg', z: -3 },
  { line: 'SD2neg', z: -2 },
  { line: 'SD1neg', z: -1 },
  { line: 'SD0', z: 0 },
  { line: 'SD1', z: 1 },
  { line: 'SD2', z: 2 },
  { line: 'SD3', z: 3 },
];

export interface CurveRange {
  /** Months for age-based charts, cm for wfl/wfh. */
  from: number;
  to: number;
  /** Default: 1 month, or 0.5 cm. */
  step?: number;
}

export interface GrowthCurves {
  ok: true;
  indicator: ChartIndicator;
  sex: Sex;
  xUnit: 'month' | 'cm';
  /** Points where the chart is defined; the 60–61 month gap and ages without a table are skipped. */
  x: number[];
  sd: Record<SdLine, number[]>;
}

const DEFAULT_RANGE: Readonly<Record<ChartIndicator, CurveRange>> = {
  wfa: { from: 0, to: 60 },
  lhfa: { from: 0, to: 60 },
  bfa: { from: 0, to: 60 },
  hcfa: { from: 0, to: 60 },
  wfl: { from: 45, to: 110, step: 0.5 },
  wfh: { from: 65, to: 120, step: 0.5 },
};

const MAX_POINTS = 5000;
/** Last day of lying length in the length/height- and BMI-for-age standards. */
const LAST_LENGTH_DAY = 730;

/** LMS rows for an age in months; two rows (length, height) at the 24-month switch. */
function lmsAtMonth(
  tables: GrowthTables,
  indicator: Exclude<ChartIndicator, 'wfl' | 'wfh'>,
  sex: Sex,
  month: number,
): Lms[] {
  if (month < 61) {
    const table = tables.standards[indicator];
    // Month 60 is day 1826.25, a quarter of a day past the last row: draw it from that row.
    const day = Math.min(month * DAYS_PER_MONTH, month <= 60 ? table.last : Infinity);
    if (day > table.last) return [];
    const switches = indicator === 'lhfa' || indicator === 'bfa';
    if (switches && day > LAST_LENGTH_DAY && day < LAST_LENGTH_DAY + 1) {
      return [table.row(sex, LAST_LENGTH_DAY), table.row(sex, LAST_LENGTH_DAY + 1)].filter(
        (r): r is Lms => r !== undefined,
      );
    }
    const lms = table.at(sex, day);
    return lms ? [lms] : [];
  }
  if (indicator === 'hcfa') return [];
  const table: LmsTable = indicator === 'lhfa' ? tables.reference.hfa : tables.reference[indicator];
  const lms = table.at(sex, month);
  return lms ? [lms] : [];
}

export function growthCurves(
  tables: GrowthTables,
  indicator: ChartIndicator,
  sex: Sex,
  range?: CurveRange,
): GrowthCurves | Problem {
  if (!(indicator in DEFAULT_RANGE))
    return problem('unknown-indicator', `Không có biểu đồ "${String(indicator)}".`);
  if (sex !== 'M' && sex !== 'F') return problem('missing-sex', 'Cần biết giới tính để vẽ biểu đồ.');
  const { from, to, step } = { ...DEFAULT_RANGE[indicator], ...range };
  const by = step ?? DEFAULT_RANGE[indicator].step ?? 1;
  if (!isNumber(from) || !isNumber(to) || !isNumber(by) || by <= 0 || to < from) {
    return problem('invalid-range', 'Khoảng vẽ biểu đồ không hợp lệ.');
  }
  if ((to - from) / by > MAX_POINTS) return problem('invalid-range', 'Khoảng vẽ có quá nhiều điểm.');

  const byLength = indicator === 'wfl' || indicator === 'wfh';
  const x: number[] = [];
  const sd = Object.fromEntries(SD_LINES.map(({ line }) => [line, [] as number[]])) as Record<
    SdLine,
    number[]
  >;
  const steps = Math.floor((to - from) / by + 1e-9);
  for (let i = 0; i <= steps; i++) {
    // Rounded so that 0.1-cm and fractional-month steps land on the table rows.
    const at = Math.round((from + i * by) * 1e6) / 1e6;
    const rows = byLength
      ? [tables.standards[indicator].at(sex, at)].filter((r): r is Lms => r !== undefined)
      : lmsAtMonth(tables, indicator, sex, at);
    for (const lms of rows) {
      x.push(at);
      for (const { line, z } of SD_LINES) sd[line].push(lmsValue(z, lms));
    }
  }
  return { ok: true, indicator, sex, xUnit: byLength ? 'cm' : 'month', x, sd };
}
