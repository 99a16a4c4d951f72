import { describe, expect, it } from 'vitest';
import { currentPregnancy } from './immunization-pregnancy.ts';
import {
  antenatalDue,
  eddFromLmp,
  fundalHeightOff,
  gestationalAge,
  gestationText,
  pregnancyIssues,
  pregnancyMonth,
  trimester,
} from './pregnancy.ts';

describe('expected date of delivery (Naegele, LMP + 280 days)', () => {
  it('the classic example: 1 January → 8 October', () => {
    expect(eddFromLmp('2026-01-01')).toBe('2026-10-08');
  });
  it('across a leap February: 24/25/26 May 2023 → 28 Feb, 29 Feb, 1 Mar 2024', () => {
    expect(eddFromLmp('2023-05-24')).toBe('2024-02-28');
    expect(eddFromLmp('2023-05-25')).toBe('2024-02-29');
    expect(eddFromLmp('2023-05-26')).toBe('2024-03-01');
  });
  it('the same LMP a year later, with no 29 February ahead: 26 May 2024 → 2 March 2025', () => {
    expect(eddFromLmp('2024-05-26')).toBe('2025-03-02');
  });
  it('from a month end and from 29 February', () => {
    expect(eddFromLmp('2024-05-31')).toBe('2025-03-07');
    expect(eddFromLmp('2024-02-29')).toBe('2024-12-05');
  });
  it('no date for a day that does not exist', () => {
    expect(eddFromLmp('2025-02-29')).toBeUndefined();
  });
});

describe('gestational age from the LMP', () => {
  it('weeks and days', () => {
    expect(gestationalAge('2026-01-01', '2026-03-26')).toEqual({ weeks: 12, days: 0, totalDays: 84 });
    expect(gestationalAge('2026-01-01', '2026-03-29')).toEqual({ weeks: 12, days: 3, totalDays: 87 });
    expect(gestationText(87)).toBe('12 tuần 3 ngày');
    expect(gestationText(84)).toBe('12 tuần');
  });
  it('February counts its real days: 29 in 2024, 28 in 2025', () => {
    expect(gestationalAge('2024-02-01', '2024-03-01')).toEqual({ weeks: 4, days: 1, totalDays: 29 });
    expect(gestationalAge('2025-02-01', '2025-03-01')).toEqual({ weeks: 4, days: 0, totalDays: 28 });
  });
  it('nothing before the LMP', () => {
    expect(gestationalAge('2026-03-01', '2026-02-28')).toBeUndefined();
  });
  it('month of pregnancy (tháng thai) counts calendar months, clamped at month ends, at most 10', () => {
    expect(pregnancyMonth('2026-01-31', '2026-02-27')).toBe(1);
    expect(pregnancyMonth('2026-01-31', '2026-02-28')).toBe(2);
    expect(pregnancyMonth('2026-01-01', '2026-10-20')).toBe(10);
    expect(pregnancyMonth('2026-01-01', '2026-11-30')).toBe(10);
  });
  it('trimesters: to 13 weeks 6 days, to 27 weeks 6 days, then the third', () => {
    expect([trimester(97), trimester(98), trimester(195), trimester(196)]).toEqual([1, 2, 2, 3]);
  });
});

describe('when the next antenatal visit is due', () => {
  it('no visit yet: the first, at 12 weeks; due on the day, late after it', () => {
    expect(antenatalDue({ lmp: '2026-01-01', visits: [], appointment: null }, '2026-03-20')).toEqual({
      dueOn: '2026-03-26',
      reason: 'schedule',
      visit: 1,
      daysLate: -6,
    });
    expect(antenatalDue({ lmp: '2026-01-01', visits: [], appointment: null }, '2026-03-26')?.daysLate).toBe(
      0,
    );
  });
  it('from an LMP on 31 January the 12 weeks fall on 25 April', () => {
    expect(antenatalDue({ lmp: '2026-01-31', visits: [], appointment: null }, '2026-02-20')?.dueOn).toBe(
      '2026-04-25',
    );
  });
  it('first seen at 17 weeks: the first trimester is missed, the second-trimester visit (22 weeks) is next', () => {
    expect(antenatalDue({ lmp: '2026-01-01', visits: [], appointment: null }, '2026-05-01')).toEqual({
      dueOn: '2026-06-04',
      reason: 'schedule',
      visit: 2,
      daysLate: -34,
    });
  });
  it('the appointment given at the last visit, when earlier than the schedule', () => {
    const p = { lmp: '2026-01-01', visits: ['2026-03-26'], appointment: '2026-04-23' };
    expect(antenatalDue(p, '2026-04-23')).toEqual({
      dueOn: '2026-04-23',
      reason: 'appointment',
      visit: null,
      daysLate: 0,
    });
  });
  it('an appointment not after the last visit is stale and ignored', () => {
    const p = { lmp: '2026-01-01', visits: ['2026-03-26'], appointment: '2026-03-20' };
    expect(antenatalDue(p, '2026-04-01')?.reason).toBe('schedule');
    expect(antenatalDue(p, '2026-04-01')?.dueOn).toBe('2026-06-04');
  });
  it('visits at 12 and 22 weeks: the third at 32 weeks', () => {
    const p = { lmp: '2026-01-01', visits: ['2026-03-26', '2026-06-04'], appointment: null };
    expect(antenatalDue(p, '2026-07-30')).toEqual({
      dueOn: '2026-08-13',
      reason: 'schedule',
      visit: 3,
      daysLate: -14,
    });
  });
  it('at 42 weeks with the episode still open: record how it ended', () => {
    expect(antenatalDue({ lmp: '2026-01-01', visits: [], appointment: null }, '2026-10-22')).toEqual({
      dueOn: '2026-10-22',
      reason: 'past-term',
      visit: null,
      daysLate: 0,
    });
  });
});

describe('what a pregnancy episode may not be', () => {
  const ok = {
    sex: 'F' as const,
    ageYears: 28,
    lmp: '2026-01-01',
    edd: '2026-10-08',
    gravida: 2,
    para: 1,
    open: true,
  };
  it('a plausible one has no issue', () => {
    expect(pregnancyIssues(ok, '2026-03-01')).toEqual([]);
  });
  it('a man, a girl of 9, a woman of 56', () => {
    expect(pregnancyIssues({ ...ok, sex: 'M' }, '2026-03-01')).toEqual([
      { field: 'sex', message: 'Người này là nam: không ghi nhận thai kỳ.' },
    ]);
    expect(pregnancyIssues({ ...ok, ageYears: 9 }, '2026-03-01')[0].message).toBe(
      'Người này 9 tuổi: chỉ ghi nhận thai kỳ cho phụ nữ từ 10 đến 55 tuổi.',
    );
    expect(pregnancyIssues({ ...ok, ageYears: 56 }, '2026-03-01')).toHaveLength(1);
    expect(pregnancyIssues({ ...ok, ageYears: 55 }, '2026-03-01')).toEqual([]);
  });
  it('an LMP in the future', () => {
    expect(pregnancyIssues(ok, '2025-12-31')).toEqual([
      { field: 'lmp', message: 'Ngày đầu kỳ kinh cuối 01/01/2026 ở sau ngày hôm nay.' },
    ]);
  });
  it('an open episode 44 weeks after the LMP is accepted, 44 weeks 5 days is not; a closed one is', () => {
    expect(pregnancyIssues(ok, '2026-11-05')).toEqual([]);
    expect(pregnancyIssues(ok, '2026-11-10').map((i) => i.field)).toEqual(['lmp']);
    expect(pregnancyIssues({ ...ok, open: false }, '2026-11-10')).toEqual([]);
  });
  it('an expected delivery date 30 weeks after the LMP', () => {
    expect(pregnancyIssues({ ...ok, edd: '2026-07-30' }, '2026-03-01')).toEqual([
      {
        field: 'edd',
        message:
          'Ngày dự sinh 30/07/2026 phải cách ngày đầu kỳ kinh cuối từ 36 đến 44 tuần (theo công thức: 08/10/2026).',
      },
    ]);
  });
  it('para not below gravida (gravida counts this pregnancy)', () => {
    expect(pregnancyIssues({ ...ok, gravida: 2, para: 2 }, '2026-03-01').map((i) => i.field)).toEqual([
      'para',
    ]);
  });
  it('fundal height more than 4 cm from the week, between 20 and 36 weeks', () => {
    expect(fundalHeightOff(24, 20 * 7)).toBe(false);
    expect(fundalHeightOff(25, 20 * 7)).toBe(true);
    expect(fundalHeightOff(10, 18 * 7)).toBe(false);
  });
});

describe('an open pregnancy episode makes her tetanus dose due', () => {
  it('open: current from the day it was recorded, for 44 weeks from the LMP at most', () => {
    const e = {
      doses: [],
      lastPregnancy: '',
      episodes: [{ lmp: '2026-03-01', recordedOn: '2026-04-20', endedOn: null }],
    };
    expect(currentPregnancy(e, '2026-05-10')).toEqual({
      knownOn: '2026-04-20',
      endsAbout: '2027-01-03',
      source: 'episode',
    });
    expect(currentPregnancy(e, '2027-01-03')).toBeNull();
  });
  it('ended: no longer current after the day it ended', () => {
    const e = {
      doses: [],
      lastPregnancy: '',
      episodes: [{ lmp: '2026-03-01', recordedOn: '2026-03-20', endedOn: '2026-05-01' }],
    };
    expect(currentPregnancy(e, '2026-04-30')?.source).toBe('episode');
    expect(currentPregnancy(e, '2026-05-10')).toBeNull();
  });
});
