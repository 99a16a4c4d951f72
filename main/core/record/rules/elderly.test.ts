import { describe, expect, it } from 'vitest';
import { annualExamDue, isElderly } from './elderly.ts';

describe('người cao tuổi: from 60 (Luật Người cao tuổi 2009)', () => {
  it('counts a resident as elderly from the 60th birthday, not 65', () => {
    expect(isElderly('1966-06-10', '2026-06-09')).toBe(false);
    expect(isElderly('1966-06-10', '2026-06-10')).toBe(true);
    expect(isElderly('1961-01-01', '2026-06-10')).toBe(true);
    expect(isElderly('1966', '2026-01-01')).toBe(true);
    expect(isElderly('1967', '2026-12-31')).toBe(false);
  });
  it('is due for the yearly exam when never examined or last examined more than 12 months ago', () => {
    expect(annualExamDue('1950-03-03', null, '2026-06-10')).toEqual({
      due: true,
      note: 'Người cao tuổi: chưa khám sức khỏe lần nào',
    });
    expect(annualExamDue('1950-03-03', '2025-06-09', '2026-06-10')).toEqual({
      due: true,
      note: 'Người cao tuổi: khám sức khỏe định kỳ hằng năm (lần cuối 09/06/2025)',
    });
    expect(annualExamDue('1950-03-03', '2025-06-10', '2026-06-10')).toEqual({ due: false });
    expect(annualExamDue('1970-03-03', null, '2026-06-10')).toEqual({ due: false });
  });
});
