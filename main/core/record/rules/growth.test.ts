import { describe, expect, it } from 'vitest';
import { defaultResourcesDir } from '../../paths.ts';
import { growthCurves, type GrowthCurves, type SdLine } from './growth-chart.ts';
import { GrowthTables } from './growth-tables.ts';
import { assessGrowth, type GrowthAssessment, type IndicatorResult, type ZScore } from './growth.ts';
import { lmsValue, lmsZ, restrictedLmsZ } from './lms.ts';

const tables = new GrowthTables(defaultResourcesDir);

function assessed(r: ReturnType<typeof assessGrowth>): GrowthAssessment {
  if (!r.ok) throw new Error(`expected an assessment, got ${r.reason}`);
  return r;
}
function scored(r: IndicatorResult | undefined): ZScore {
  if (!r?.ok) throw new Error(`expected a z-score, got ${r ? r.reason : 'nothing'}`);
  return r;
}

/**
 * Rows of WHO's published z-score tables (simplified field tables, monthly, from
 * shared/data/who-growth/monthly-0-5y, WHO values via pygrowup). Months 0, 16, 32 and 48 fall on
 * whole days (× 30.4375), so the daily tables must give exactly these L, M, S.
 */
const WHO_MONTHLY = [
  {
    what: 'boys wfa 0 mo',
    sex: 'M',
    ind: 'wfa',
    month: 0,
    L: 0.3487,
    M: 3.3464,
    S: 0.14602,
    SD2neg: 2.5,
    SD2: 4.4,
    SD3: 5,
  },
  {
    what: 'boys wfa 16 mo',
    sex: 'M',
    ind: 'wfa',
    month: 16,
    L: 0.0343,
    M: 10.5228,
    S: 0.11041,
    SD2neg: 8.4,
    SD2: 13.1,
    SD3: 14.6,
  },
  {
    what: 'boys wfa 48 mo',
    sex: 'M',
    ind: 'wfa',
    month: 48,
    L: -0.1131,
    M: 16.3489,
    S: 0.12759,
    SD2neg: 12.7,
    SD2: 21.2,
    SD3: 24.2,
  },
  {
    what: 'girls wfa 32 mo',
    sex: 'F',
    ind: 'wfa',
    month: 32,
    L: -0.3138,
    M: 13.093,
    S: 0.12683,
    SD2neg: 10.3,
    SD2: 17.1,
    SD3: 19.6,
  },
  {
    what: 'girls wfa 48 mo',
    sex: 'F',
    ind: 'wfa',
    month: 48,
    L: -0.3361,
    M: 16.0697,
    S: 0.13884,
    SD2neg: 12.3,
    SD2: 21.5,
    SD3: 25.2,
  },
  {
    what: 'boys lhfa 16 mo',
    sex: 'M',
    ind: 'lhfa',
    month: 16,
    L: 1,
    M: 80.2113,
    S: 0.03222,
    SD2neg: 75,
    SD2: 85.4,
    SD3: 88,
  },
  {
    what: 'boys lhfa 32 mo',
    sex: 'M',
    ind: 'lhfa',
    month: 32,
    L: 1,
    M: 93.3753,
    S: 0.03761,
    SD2neg: 86.4,
    SD2: 100.4,
    SD3: 103.9,
  },
  {
    what: 'girls lhfa 48 mo',
    sex: 'F',
    ind: 'lhfa',
    month: 48,
    L: 1,
    M: 102.7312,
    S: 0.04193,
    SD2neg: 94.1,
    SD2: 111.3,
    SD3: 115.7,
  },
  {
    what: 'boys bfa 32 mo',
    sex: 'M',
    ind: 'bfa',
    month: 32,
    L: -0.3782,
    M: 15.7267,
    S: 0.07867,
    SD2neg: 13.5,
    SD2: 18.5,
    SD3: 20.1,
  },
  {
    what: 'girls bfa 16 mo',
    sex: 'F',
    ind: 'bfa',
    month: 16,
    L: -0.4623,
    M: 15.9017,
    S: 0.08693,
    SD2neg: 13.5,
    SD2: 19.1,
    SD3: 21.0,
  },
  {
    what: 'girls hcfa 48 mo',
    sex: 'F',
    ind: 'hcfa',
    month: 48,
    L: 1,
    M: 49.3321,
    S: 0.02878,
    SD2neg: 46.5,
    SD2: 52.2,
    SD3: 53.6,
  },
] as const;

describe('WHO 2006 standards: the shipped tables are WHO’s', () => {
  it.each(WHO_MONTHLY)('$what: L, M, S equal the published row', (row) => {
    const lms = tables.standards[row.ind].row(row.sex, row.month * 30.4375);
    expect(lms).toEqual({ l: row.L, m: row.M, s: row.S });
  });

  it('boys weight-for-age at 1 month interpolates to WHO’s monthly L, M, S (data README check value)', () => {
    const lms = tables.standards.wfa.at('M', 30.4375);
    expect(lms?.l).toBeCloseTo(0.2297, 4);
    expect(lms?.m).toBeCloseTo(4.4709, 4);
    expect(lms?.s).toBeCloseTo(0.13395, 4);
  });
});

describe('z-scores against WHO’s published SD curves', () => {
  it.each(WHO_MONTHLY)('$what: the median scores 0 and the published SD2 line ≈ +2, SD2neg ≈ −2', (row) => {
    const input = { sex: row.sex, ageDays: row.month * 30.4375 };
    const z = (value: number) => {
      const r = assessed(
        row.ind === 'wfa'
          ? assessGrowth(tables, { ...input, weightKg: value })
          : row.ind === 'lhfa'
            ? assessGrowth(tables, { ...input, lengthHeightCm: value })
            : row.ind === 'hcfa'
              ? assessGrowth(tables, { ...input, headCircumferenceCm: value })
              : // BMI-for-age: a 1 m child whose weight equals the BMI.
                assessGrowth(tables, {
                  ...input,
                  lengthHeightCm: 100,
                  position: row.month < 24 ? 'lying' : 'standing',
                  weightKg: value,
                }),
      );
      return scored(r.scores[row.ind]).z;
    };
    expect(z(row.M)).toBe(0);
    // The published curves are rounded to 0.1: up to 0.05 off, which is 0.13 z on the narrowest
    // band here (0.38 kg between −3 and −2 SD at birth).
    expect(Math.abs(z(row.SD2) - 2)).toBeLessThan(0.15);
    expect(Math.abs(z(row.SD2neg) + 2)).toBeLessThan(0.15);
  });

  it('length-for-age: exactly on M + 2 SD scores +2.00 (boys 16 months, SD 2.5844)', () => {
    const r = assessed(
      assessGrowth(tables, { sex: 'M', ageDays: 487, lengthHeightCm: 80.2113 + 2 * 2.5844 }),
    );
    expect(scored(r.scores.lhfa).z).toBe(2);
  });

  it('weight-for-length and weight-for-height against WHO’s tables (boys 75 cm, girls 110.5 cm)', () => {
    const boy = assessed(
      assessGrowth(tables, { sex: 'M', ageDays: 300, lengthHeightCm: 75, weightKg: 9.5032 }),
    );
    expect(scored(boy.scores.wflh).z).toBe(0);
    const boySd2 = assessed(
      assessGrowth(tables, { sex: 'M', ageDays: 300, lengthHeightCm: 75, weightKg: 11.3 }),
    );
    expect(Math.abs(scored(boySd2.scores.wflh).z - 2)).toBeLessThan(0.1);
    const girl = assessed(
      assessGrowth(tables, { sex: 'F', ageDays: 1200, lengthHeightCm: 110.5, weightKg: 18.8015 }),
    );
    expect(scored(girl.scores.wflh).z).toBe(0);
  });

  it('weight-for-length interpolates between 0.1 cm rows', () => {
    const a = tables.standards.wfl.row('M', 300)!; // 75.0 cm
    const b = tables.standards.wfl.row('M', 301)!; // 75.1 cm
    const mid = tables.standards.wfl.at('M', 75.05)!;
    expect(mid.m).toBeCloseTo((a.m + b.m) / 2, 10);
  });
});

describe('check values from WHO anthro’s own test-suite', () => {
  it('girl 1522 days, 17 kg: weight-for-age +0.24', () => {
    expect(
      scored(assessed(assessGrowth(tables, { sex: 'F', ageDays: 1522, weightKg: 17 })).scores.wfa).z,
    ).toBe(0.24);
  });

  it('boy 987 days, 72.86 cm lying: −0.7 cm, length-for-age −6.09, flagged implausible', () => {
    const r = assessed(
      assessGrowth(tables, { sex: 'M', ageDays: 987, lengthHeightCm: 72.86, position: 'lying' }),
    );
    expect(r.scoredLengthHeightCm).toBe(72.16);
    const lhfa = scored(r.scores.lhfa);
    expect(lhfa.z).toBe(-6.09);
    expect(lhfa.implausible).toBe(true);
  });

  it('girl 24 months (731 days) scores height, 77.5 cm: −2.55, stunted', () => {
    const r = assessed(assessGrowth(tables, { sex: 'F', ageDays: 24 * 30.4375, lengthHeightCm: 77.5 }));
    expect(r.ageDays).toBe(731);
    expect(r.lengthOrHeight).toBe('height');
    const lhfa = scored(r.scores.lhfa);
    expect(lhfa.z).toBe(-2.55);
    expect(lhfa.status).toBe('stunted');
    expect(lhfa.label).toBe('Suy dinh dưỡng thấp còi mức độ vừa');
  });

  it('standing at 9 months adds 0.7 cm (−5.02); standing at 8 months is implausible and not adjusted (−4.81)', () => {
    const nine = assessed(
      assessGrowth(tables, { sex: 'M', ageDays: 9 * 30.4375, lengthHeightCm: 60, position: 'standing' }),
    );
    expect(nine.scoredLengthHeightCm).toBe(60.7);
    expect(scored(nine.scores.lhfa).z).toBeCloseTo(-5.02, 2);
    const eight = assessed(
      assessGrowth(tables, { sex: 'M', ageDays: 8 * 30.4375, lengthHeightCm: 60, position: 'standing' }),
    );
    expect(eight.scoredLengthHeightCm).toBe(60);
    expect(scored(eight.scores.lhfa).z).toBeCloseTo(-4.81, 2);
    expect(eight.notes.join(' ')).toMatch(/dưới 9 tháng/);
  });
});

describe('length/height switch at 731 days with the 0.7 cm adjustment', () => {
  it('730 days measured standing: +0.7 cm, scored as length', () => {
    const r = assessed(
      assessGrowth(tables, { sex: 'M', ageDays: 730, lengthHeightCm: 85, position: 'standing' }),
    );
    expect(r.lengthOrHeight).toBe('length');
    expect(r.scoredLengthHeightCm).toBe(85.7);
  });

  it('731 days measured lying: −0.7 cm, scored as height; unknown position is not adjusted', () => {
    const lying = assessed(
      assessGrowth(tables, { sex: 'M', ageDays: 731, lengthHeightCm: 85, position: 'lying' }),
    );
    expect(lying.lengthOrHeight).toBe('height');
    expect(lying.scoredLengthHeightCm).toBe(84.3);
    const unknown = assessed(assessGrowth(tables, { sex: 'M', ageDays: 731, lengthHeightCm: 85 }));
    expect(unknown.scoredLengthHeightCm).toBe(85);
  });

  it('weight-for-length before 731 days, weight-for-height from 731 days (tables differ at the same cm)', () => {
    const before = scored(
      assessed(
        assessGrowth(tables, { sex: 'F', ageDays: 730, lengthHeightCm: 80, position: 'lying', weightKg: 10 }),
      ).scores.wflh,
    );
    const after = scored(
      assessed(
        assessGrowth(tables, {
          sex: 'F',
          ageDays: 731,
          lengthHeightCm: 80,
          position: 'standing',
          weightKg: 10,
        }),
      ).scores.wflh,
    );
    const wfl = tables.standards.wfl.at('F', 80)!;
    const wfh = tables.standards.wfh.at('F', 80)!;
    expect(before.zExact).toBeCloseTo(lmsZ(10, wfl), 10);
    expect(after.zExact).toBeCloseTo(lmsZ(10, wfh), 10);
  });

  it('without an age, weight-for-length/height follows the position, or < 87 cm → length', () => {
    const r = assessed(assessGrowth(tables, { sex: 'M', lengthHeightCm: 80, weightKg: 10.5 }));
    expect(r.lengthOrHeight).toBe('length');
    expect(scored(r.scores.wflh).zExact).toBeCloseTo(lmsZ(10.5, tables.standards.wfl.at('M', 80)!), 10);
    expect(r.scores.wfa).toMatchObject({ ok: false, reason: 'missing-age' });
  });
});

describe('restricted LMS beyond ±3 SD (weight-based indicators)', () => {
  // Expected values computed independently (python) from WHO's formula in igrowup calc.zwei / calc.zwfl.
  it('boy 48 months, 30 kg: plain LMS would say +4.60, WHO’s restricted method +4.94', () => {
    const wfa = scored(assessed(assessGrowth(tables, { sex: 'M', ageDays: 1461, weightKg: 30 })).scores.wfa);
    expect(wfa.restricted).toBe(true);
    expect(wfa.zExact).toBeCloseTo(4.942009947874038, 9);
    expect(wfa.z).toBe(4.94);
    expect(lmsZ(30, tables.standards.wfa.row('M', 1461)!)).toBeCloseTo(4.598066199980696, 9);
  });

  it('girl 100 cm standing (3 years), 11 kg: weight-for-height −3.73 (plain LMS −3.81)', () => {
    const wflh = scored(
      assessed(
        assessGrowth(tables, {
          sex: 'F',
          ageDays: 1100,
          lengthHeightCm: 100,
          position: 'standing',
          weightKg: 11,
        }),
      ).scores.wflh,
    );
    expect(wflh.restricted).toBe(true);
    expect(wflh.zExact).toBeCloseTo(-3.7292379213981834, 9);
    expect(wflh.status).toBe('severely-wasted');
    expect(wflh.label).toBe('Suy dinh dưỡng gầy còm mức độ nặng');
  });

  it('boy 61 months, BMI 25: WHO 2007 BMI-for-age +5.54 restricted, obese and implausible', () => {
    const bfa = scored(
      assessed(assessGrowth(tables, { sex: 'M', ageDays: 61 * 30.4375, lengthHeightCm: 100, weightKg: 25 }))
        .scores.bfa,
    );
    expect(bfa.reference).toBe('who-2007');
    expect(bfa.zExact).toBeCloseTo(5.535414277889488, 9);
    expect(bfa.status).toBe('obese');
    expect(bfa.implausible).toBe(true);
  });

  it('length-for-age is never restricted (L = 1)', () => {
    const lhfa = scored(
      assessed(assessGrowth(tables, { sex: 'M', ageDays: 487, lengthHeightCm: 95 })).scores.lhfa,
    );
    expect(lhfa.restricted).toBe(false);
    expect(lhfa.z).toBeGreaterThan(3);
    expect(lhfa.status).toBe('very-tall');
  });

  it('restrictedLmsZ is continuous at ±3', () => {
    const lms = { l: -0.3833, m: 15.2246, s: 0.09088 };
    expect(restrictedLmsZ(lmsValue(3, lms), lms).z).toBeCloseTo(3, 9);
    expect(restrictedLmsZ(lmsValue(-3, lms) - 1e-9, lms).z).toBeCloseTo(-3, 6);
  });
});

describe('WHO 2007 reference (5–19 years)', () => {
  it('uses the README spot values at 61 months (boys BMI L −0.7387, M 15.2641)', () => {
    expect(tables.reference.bfa.row('M', 0)).toEqual({ l: -0.7387, m: 15.2641, s: 0.0839 });
    expect(tables.reference.hfa.row('M', 0)?.m).toBe(110.2647);
    expect(tables.reference.wfa.row('M', 0)?.s).toBe(0.12988);
  });

  it('interpolates between months: girl 150.5 months at the interpolated median scores 0', () => {
    const r = assessed(
      assessGrowth(tables, { sex: 'F', ageDays: 150.5 * 30.4375, lengthHeightCm: (154.0041 + 154.429) / 2 }),
    );
    const lhfa = scored(r.scores.lhfa);
    expect(lhfa.reference).toBe('who-2007');
    expect(lhfa.z).toBe(0);
  });

  it('weight-for-age stops at 10 years; BMI-for-age classifies thinness/overweight/obesity by WHO 2007', () => {
    const tenYears = assessed(
      assessGrowth(tables, { sex: 'F', ageDays: 121 * 30.4375, weightKg: 30, lengthHeightCm: 138 }),
    );
    expect(tenYears.scores.wfa).toMatchObject({ ok: false, reason: 'not-for-age' });
    expect(tenYears.scores.wflh).toMatchObject({ ok: false, reason: 'not-for-age' });
    const nine = assessed(assessGrowth(tables, { sex: 'F', ageDays: 100 * 30.4375, weightKg: 26.0284 }));
    expect(scored(nine.scores.wfa).z).toBe(0);
    const lms = tables.reference.bfa.at('M', 120)!;
    const bmiAt = (z: number) => lmsValue(z, lms);
    const bfa = (bmi: number) =>
      scored(
        assessed(
          assessGrowth(tables, { sex: 'M', ageDays: 120 * 30.4375, lengthHeightCm: 100, weightKg: bmi }),
        ).scores.bfa,
      ).status;
    expect(bfa(bmiAt(1.5))).toBe('overweight');
    expect(bfa(bmiAt(2.5))).toBe('obese');
    expect(bfa(bmiAt(-2.5))).toBe('thin');
    expect(bfa(bmiAt(0))).toBe('normal');
  });

  it('the 60–61 month gap and adults are not scored, and say why', () => {
    const gap = assessed(assessGrowth(tables, { sex: 'M', ageDays: 1840, weightKg: 18 }));
    expect(gap.scores.wfa).toMatchObject({ ok: false, reason: 'age-gap' });
    const adult = assessed(
      assessGrowth(tables, { sex: 'M', birthDate: '2000-01-01', measuredOn: '2026-01-01', weightKg: 60 }),
    );
    expect(adult.scores.wfa).toMatchObject({ ok: false, reason: 'adult' });
  });
});

describe('classification labels (0–5 y)', () => {
  const wfh = tables.standards.wfh.at('M', 90)!;
  const status = (z: number) =>
    scored(
      assessed(
        assessGrowth(tables, {
          sex: 'M',
          ageDays: 1000,
          lengthHeightCm: 90,
          position: 'standing',
          weightKg: lmsValue(z, wfh),
        }),
      ).scores.wflh,
    );

  it.each([
    [-3.5, 'severely-wasted', 'Suy dinh dưỡng gầy còm mức độ nặng'],
    [-2.5, 'wasted', 'Suy dinh dưỡng gầy còm mức độ vừa'],
    [0, 'normal', 'Bình thường'],
    [1.5, 'risk-of-overweight', 'Có nguy cơ thừa cân'],
    [2.5, 'overweight', 'Thừa cân'],
    [3.5, 'obese', 'Béo phì'],
  ])('weight-for-height z %s → %s', (z, code, label) => {
    expect(status(z)).toMatchObject({ status: code, label });
  });

  it('cut-offs are strict on the rounded z: exactly −2.00 is normal, −2.01 is wasted', () => {
    expect(status(-2).status).toBe('normal');
    expect(status(-2.01).status).toBe('wasted');
  });

  it('weight-for-age below −2 is underweight (suy dinh dưỡng nhẹ cân)', () => {
    const lms = tables.standards.wfa.row('F', 365)!;
    const r = scored(
      assessed(assessGrowth(tables, { sex: 'F', ageDays: 365, weightKg: lmsValue(-2.5, lms) })).scores.wfa,
    );
    expect(r.label).toBe('Suy dinh dưỡng nhẹ cân mức độ vừa');
  });
});

describe('assessGrowth never throws on bad input', () => {
  it.each([
    [undefined, 'missing-sex'],
    [{ sex: 'X', ageDays: 10, weightKg: 4 }, 'missing-sex'],
  ])('%j → %s', (input, reason) => {
    expect(assessGrowth(tables, input as never)).toMatchObject({ ok: false, reason });
  });

  it('bad ages and dates are reported per indicator', () => {
    expect(assessed(assessGrowth(tables, { sex: 'M', ageDays: -3, weightKg: 4 })).scores.wfa).toMatchObject({
      reason: 'invalid-age',
    });
    expect(
      assessed(
        assessGrowth(tables, { sex: 'M', birthDate: '2025-02-30', measuredOn: '2025-06-01', weightKg: 4 }),
      ).scores.wfa,
    ).toMatchObject({ reason: 'invalid-date' });
    expect(
      assessed(
        assessGrowth(tables, { sex: 'M', birthDate: '2026-06-01', measuredOn: '2026-05-01', weightKg: 4 }),
      ).scores.wfa,
    ).toMatchObject({ reason: 'invalid-age' });
    const partial = assessed(
      assessGrowth(tables, {
        sex: 'M',
        birthDate: '2024',
        measuredOn: '2026-05-01',
        weightKg: 12,
        lengthHeightCm: 88,
      }),
    );
    expect(partial.scores.wfa).toMatchObject({ reason: 'birth-date-partial' });
    expect(partial.scores.wflh?.ok).toBe(true);
  });

  it('out-of-table lengths, zero and NaN measurements', () => {
    const r = assessed(assessGrowth(tables, { sex: 'M', ageDays: 100, lengthHeightCm: 40, weightKg: 2 }));
    expect(r.scores.wflh).toMatchObject({ ok: false, reason: 'length-out-of-range' });
    const empty = assessed(
      assessGrowth(tables, { sex: 'M', ageDays: 100, weightKg: 0, lengthHeightCm: Number.NaN }),
    );
    expect(empty.scores).toEqual({});
  });

  it('computes age from full dates (days between), e.g. born 2024-02-29, measured 2025-02-28 = 365 days', () => {
    const r = assessed(
      assessGrowth(tables, { sex: 'F', birthDate: '2024-02-29', measuredOn: '2025-02-28', weightKg: 9 }),
    );
    expect(r.ageDays).toBe(365);
  });
});

describe('growth chart curves', () => {
  const curve = (c: ReturnType<typeof growthCurves>): GrowthCurves => {
    if (!c.ok) throw new Error(c.reason);
    return c;
  };
  const near = (c: GrowthCurves, x: number, line: SdLine) => c.sd[line][c.x.indexOf(x)];

  it('reproduces WHO’s published SD columns (rounded to 0.1)', () => {
    for (const row of WHO_MONTHLY) {
      const c = curve(growthCurves(tables, row.ind, row.sex, { from: row.month, to: row.month }));
      expect(Math.abs(near(c, row.month, 'SD2') - row.SD2)).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(Math.abs(near(c, row.month, 'SD3') - row.SD3)).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(Math.abs(near(c, row.month, 'SD2neg') - row.SD2neg)).toBeLessThanOrEqual(0.05 + 1e-9);
    }
  });

  it('boys weight-for-age at 1 month (interpolated day 30.4375): SD0 4.5, SD2 5.8, SD3 6.6', () => {
    const c = curve(growthCurves(tables, 'wfa', 'M', { from: 1, to: 1 }));
    expect(c.sd.SD0[0]).toBeCloseTo(4.4709, 3);
    expect(Math.round(c.sd.SD2[0] * 10) / 10).toBe(5.8);
    expect(Math.round(c.sd.SD3[0] * 10) / 10).toBe(6.6);
  });

  it('length-for-age has two points at 24 months (length, then height), like WHO’s table', () => {
    const c = curve(growthCurves(tables, 'lhfa', 'F', { from: 23, to: 25 }));
    expect(c.x).toEqual([23, 24, 24, 25]);
    expect(c.sd.SD0[1]).toBeGreaterThan(c.sd.SD0[2]);
    expect(c.sd.SD0[1] - c.sd.SD0[2]).toBeCloseTo(0.7, 1);
  });

  it('a child plotted on the SD2 curve scores +2.00', () => {
    const c = curve(growthCurves(tables, 'wfa', 'F', { from: 16, to: 16 }));
    const r = assessed(assessGrowth(tables, { sex: 'F', ageDays: 487, weightKg: c.sd.SD2[0] }));
    expect(scored(r.scores.wfa).z).toBe(2);
  });

  it('spans 0–19 years with the 60–61 month gap; weight-for-height by cm', () => {
    const c = curve(growthCurves(tables, 'bfa', 'M', { from: 58, to: 63 }));
    expect(c.x).toEqual([58, 59, 60, 61, 62, 63]);
    const wfh = curve(growthCurves(tables, 'wfh', 'F', { from: 100, to: 101 }));
    expect(wfh.xUnit).toBe('cm');
    expect(wfh.x).toEqual([100, 100.5, 101]);
    expect(Math.abs(near(wfh, 100, 'SD2') - 18.4)).toBeLessThanOrEqual(0.05);
  });

  it('bad requests come back as problems', () => {
    expect(growthCurves(tables, 'xyz' as never, 'M')).toMatchObject({
      ok: false,
      reason: 'unknown-indicator',
    });
    expect(growthCurves(tables, 'wfa', 'M', { from: 10, to: 0 })).toMatchObject({
      ok: false,
      reason: 'invalid-range',
    });
    expect(growthCurves(tables, 'wfa', 'M', { from: 0, to: 60, step: 0 })).toMatchObject({
      ok: false,
      reason: 'invalid-range',
    });
  });
});
