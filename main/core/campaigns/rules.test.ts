import { describe, expect, it } from 'vitest';
import { VisitInput } from '#contract/ops/record.ts';
import { ageBandBirthRange, campaignDay, examDayIssue, measuredAny } from './rules.ts';

const campaign = { startsOn: '2026-09-10', endsOn: '2026-09-12' };

describe('campaign rules', () => {
  it('an age band is a range of birth dates on the campaign day (6-year-olds on 10/09/2026)', () => {
    expect(ageBandBirthRange('2026-09-10', 6, 6)).toEqual({
      after: '2019-09-10',
      onOrBefore: '2020-09-10',
      yearFrom: 2020,
      yearTo: 2020,
    });
    // Kindergarten: 3 to 5 years.
    expect(ageBandBirthRange('2026-09-10', 3, 5)).toEqual({
      after: '2020-09-10',
      onOrBefore: '2023-09-10',
      yearFrom: 2021,
      yearTo: 2023,
    });
  });

  it("an exam in the campaign carries one of the campaign's days", () => {
    expect(examDayIssue(campaign, '2026-09-11', false, '2026-09-11')).toBeNull();
    expect(examDayIssue(campaign, '2026-09-13', false, '2026-09-13')).toBe(
      'Ngày khám 13/09/2026 nằm ngoài thời gian đợt khám (10/09/2026 – 12/09/2026).',
    );
  });

  it('an exam done elsewhere counts for a year before the campaign ends, never from the future', () => {
    expect(examDayIssue(campaign, '2026-03-02', true, '2026-09-11')).toBeNull();
    expect(examDayIssue(campaign, '2025-09-13', true, '2026-09-11')).toBeNull();
    expect(examDayIssue(campaign, '2025-09-12', true, '2026-09-11')).toBe(
      'Lần khám nơi khác ngày 12/09/2025 đã quá một năm (tính được từ 13/09/2025): cần khám lại.',
    );
    expect(examDayIssue(campaign, '2026-09-12', true, '2026-09-11')).toBe(
      'Ngày khám nơi khác 12/09/2026 ở sau ngày hôm nay.',
    );
  });

  it("an exam opened today is dated today during the campaign, else on the campaign's nearest day", () => {
    expect(campaignDay(campaign, '2026-09-11')).toBe('2026-09-11');
    expect(campaignDay(campaign, '2026-09-01')).toBe('2026-09-10');
    expect(campaignDay(campaign, '2026-10-01')).toBe('2026-09-12');
  });

  it('an exam is saved only with something the campaign measures', () => {
    const empty = VisitInput.parse({ visitOn: '2026-09-10' });
    expect(measuredAny(['anthropometry', 'vision'], empty)).toBe(false);
    expect(measuredAny(['anthropometry'], { ...empty, vitals: { ...empty.vitals, weightKg: 21.5 } })).toBe(
      true,
    );
    // A blood pressure is not what a vision screening asked for.
    expect(measuredAny(['vision'], { ...empty, vitals: { ...empty.vitals, systolic: 110 } })).toBe(false);
    expect(measuredAny(['vision'], { ...empty, vision: { ...empty.vision, rightPlain: '10/10' } })).toBe(
      true,
    );
    expect(measuredAny(['dental'], { ...empty, exam: { dental: 'Sâu răng 2 chiếc' } })).toBe(true);
  });
});
