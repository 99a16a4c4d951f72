import { describe, expect, it } from 'vitest';
import { dayMs, timeDomain, timeTicks } from './time-axis.ts';

const labels = (from: string, to: string) =>
  timeTicks(...timeDomain([dayMs(from), dayMs(to)])).map((t) => t.label);

describe('time axis', () => {
  it('reads full dates only', () => {
    expect(dayMs('2023-09-15')).toBe(Date.UTC(2023, 8, 15));
    expect(dayMs('2023')).toBeNaN();
    expect(dayMs('15/09/2023')).toBeNaN();
  });

  it('days for a few weeks, months up to three years, years beyond; never more than about eight', () => {
    expect(labels('2024-03-01', '2024-03-20').every((l) => /^\d\d\/0[23]$/.test(l))).toBe(true);
    expect(labels('2024-01-03', '2024-06-01')).toEqual([
      '01/2024',
      '02/2024',
      '03/2024',
      '04/2024',
      '05/2024',
      '06/2024',
    ]);
    expect(labels('2022-01-15', '2024-06-01').every((l) => /^\d\d\/\d{4}$/.test(l))).toBe(true);
    expect(labels('2016-06-10', '2023-10-15')).toEqual([
      '2017',
      '2018',
      '2019',
      '2020',
      '2021',
      '2022',
      '2023',
      '2024',
    ]);
    expect(labels('1990-01-01', '2024-01-01')).toEqual([
      '1990',
      '1995',
      '2000',
      '2005',
      '2010',
      '2015',
      '2020',
      '2025',
    ]);
    for (const [a, b] of [
      ['2024-03-01', '2024-04-30'],
      ['2021-01-01', '2024-01-01'],
      ['2000-01-01', '2024-01-01'],
    ]) {
      expect(labels(a, b).length).toBeLessThanOrEqual(8);
      expect(labels(a, b).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('puts a single day in the middle of its domain', () => {
    const [lo, hi] = timeDomain([dayMs('2024-05-01')]);
    expect((lo + hi) / 2).toBe(dayMs('2024-05-01'));
  });
});
