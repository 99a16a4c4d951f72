import { describe, expect, it } from 'vitest';
import { currentPregnancy, monthOrDay } from './immunization-pregnancy.ts';
import { computeSchedule, type GivenDose, type Schedule, type ScheduleOptions } from './schedule.ts';

function uv(given: GivenDose[], options: Partial<ScheduleOptions> & { asOf: string }): Schedule {
  const r = computeSchedule('1996-04-30', given, { groups: [3], sex: 'F', ...options });
  if (!r.ok) throw new Error(r.reason);
  return r;
}
const statusOf = (s: Schedule) =>
  Object.fromEntries(s.doses.map((d) => [d.code, [d.status, d.dueDate ?? null]]));

describe('tetanus in pregnancy (UV1–UV5) from her pregnancy and earlier doses', () => {
  it('pregnant with no dose: UV1 is due from the day the pregnancy is known, later doses wait for it', () => {
    const s = uv([], { asOf: '2026-03-10', pregnancy: { knownOn: '2026-03-02' } });
    expect(statusOf(s)).toEqual({
      'UV-1': ['due', '2026-03-02'],
      'UV-2': ['not-yet-due', '2026-03-30'],
      'UV-3': ['not-yet-due', '2026-09-30'],
      'UV-4': ['not-yet-due', '2027-09-30'],
      'UV-5': ['not-yet-due', '2028-09-30'],
    });
    // A month later UV1 is overdue and UV2, whose date has come, waits for it.
    const later = uv([], { asOf: '2026-04-02', pregnancy: { knownOn: '2026-03-02' } });
    expect(statusOf(later)['UV-1']).toEqual(['overdue', '2026-03-02']);
    expect(statusOf(later)['UV-2']).toEqual(['waiting', '2026-03-30']);
  });

  it('UV2 at least 4 weeks after UV1, across the end of February (28 Jan + 28 days = 25 Feb)', () => {
    const s = uv([{ code: 'UV-1', date: '2026-01-28', pregnancyMonth: 4 }], {
      asOf: '2026-02-25',
      pregnancy: { knownOn: '2026-01-28' },
    });
    expect(statusOf(s)['UV-2']).toEqual(['due', '2026-02-25']);
    // In a leap year 28 days after 1 Feb 2028 is 29 Feb.
    const leap = uv([{ code: 'UV-1', date: '2028-02-01' }], { asOf: '2028-02-29' });
    expect(statusOf(leap)['UV-2']).toEqual(['due', '2028-02-29']);
  });

  it('a new pregnancy years later: UV3 (≥ 6 months after UV2) is due from the pregnancy, UV4 a year after it', () => {
    const given = [
      { code: 'UV-1', date: '2021-05-10', pregnancyMonth: 3 },
      { code: 'UV-2', date: '2021-06-15', pregnancyMonth: 4 },
    ];
    const s = uv(given, { asOf: '2026-07-01', pregnancy: { knownOn: '2026-06-20' } });
    expect(statusOf(s)['UV-3']).toEqual(['due', '2026-06-20']);
    expect(statusOf(s)['UV-4']).toEqual(['not-yet-due', '2027-06-20']);
    // UV3 given on 31 Aug 2026: UV4 one year after (31 Aug 2027), UV5 one year after UV4.
    const next = uv([...given, { code: 'UV-3', date: '2026-08-31', pregnancyMonth: 6 }], {
      asOf: '2026-09-01',
    });
    expect(statusOf(next)['UV-4']).toEqual(['not-yet-due', '2027-08-31']);
    expect(statusOf(next)['UV-5']).toEqual(['not-yet-due', '2028-08-31']);
  });

  it('a pregnancy known before the spacing has passed: UV3 still waits 6 months after UV2 (31 Aug → 28 Feb)', () => {
    const s = uv(
      [
        { code: 'UV-1', date: '2025-07-31' },
        { code: 'UV-2', date: '2025-08-31' },
      ],
      { asOf: '2025-12-01', pregnancy: { knownOn: '2025-11-15' } },
    );
    expect(statusOf(s)['UV-3']).toEqual(['not-yet-due', '2026-02-28']);
  });

  it('not pregnant and no dose: nothing is proposed', () => {
    expect(uv([], { asOf: '2026-03-10' }).doses.every((d) => d.status === 'unscheduled')).toBe(true);
  });
});

describe('what the record tells of a current pregnancy', () => {
  it('a dose in month 3 on 15 Jan 2026: pregnant until about 15 Aug 2026 (7 more months)', () => {
    const doses = [{ date: '2026-01-15', pregnancyMonth: 3 }];
    expect(currentPregnancy({ doses, lastPregnancy: '' }, '2026-08-14')).toEqual({
      knownOn: '2026-01-15',
      endsAbout: '2026-08-15',
      source: 'dose',
    });
    expect(currentPregnancy({ doses, lastPregnancy: '' }, '2026-08-15')).toBeNull();
  });

  it('month 10 on 31 Oct: the pregnancy ends that day; a pregnancy month out of range is ignored', () => {
    expect(
      currentPregnancy(
        { doses: [{ date: '2026-10-31', pregnancyMonth: 10 }], lastPregnancy: '' },
        '2026-10-31',
      ),
    ).toBeNull();
    expect(
      currentPregnancy(
        { doses: [{ date: '2026-10-01', pregnancyMonth: 12 }], lastPregnancy: '' },
        '2026-10-05',
      ),
    ).toBeNull();
    expect(
      currentPregnancy(
        { doses: [{ date: '2026-10-01', pregnancyMonth: null }], lastPregnancy: '' },
        '2026-10-05',
      ),
    ).toBeNull();
  });

  it('part B "Kỳ có thai cuối cùng" as a month or a day starts a pregnancy current for ten months; a year alone does not', () => {
    expect(currentPregnancy({ doses: [], lastPregnancy: '10/2026' }, '2026-12-07')).toEqual({
      knownOn: '2026-10-01',
      endsAbout: '2027-08-01',
      source: 'history',
    });
    expect(currentPregnancy({ doses: [], lastPregnancy: '10/2026' }, '2027-08-01')).toBeNull();
    expect(currentPregnancy({ doses: [], lastPregnancy: '2019' }, '2019-06-01')).toBeNull();
    // A start after today is a typing mistake, not a pregnancy.
    expect(currentPregnancy({ doses: [], lastPregnancy: '01/2027' }, '2026-12-07')).toBeNull();
  });

  it('both known: the pregnancy is known from the earlier day', () => {
    const e = { doses: [{ date: '2026-11-20', pregnancyMonth: 3 }], lastPregnancy: '09/2026' };
    expect(currentPregnancy(e, '2026-12-07')?.knownOn).toBe('2026-09-01');
  });

  it('reads the usual ways of writing a month or a day, and refuses impossible dates', () => {
    expect(monthOrDay('5/10/2026')).toBe('2026-10-05');
    expect(monthOrDay('29/02/2028')).toBe('2028-02-29');
    expect(monthOrDay('29/02/2027')).toBeUndefined();
    expect(monthOrDay(' 2026-10 ')).toBe('2026-10-01');
    expect(monthOrDay('2026-10-05')).toBe('2026-10-05');
    expect(monthOrDay('13/2026')).toBeUndefined();
    expect(monthOrDay('lần 2')).toBeUndefined();
  });
});
