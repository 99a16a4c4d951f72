import { describe, expect, it } from 'vitest';
import { followUpStatus, icd10Register, ncdRegisters } from './ncd.ts';

describe('register membership', () => {
  it.each([
    ['I10', 'hypertension'],
    ['I11.9', 'hypertension'],
    ['i15.0', 'hypertension'],
    ['I13', 'hypertension'],
    ['E10', 'diabetes'],
    ['E11.9', 'diabetes'],
    ['e119', 'diabetes'],
    ['E11.65', 'diabetes'],
    ['E14', 'diabetes'],
    [' E12.0 ', 'diabetes'],
    ['E13.9†', 'diabetes'],
  ])('ICD-10 %s → %s', (code, register) => {
    expect(icd10Register(code)).toBe(register);
  });

  it.each(['I09', 'I16', 'I20', 'E09', 'E15', 'E66', 'O10', 'O24.4', 'R73.0', 'I1', '', 'tang huyet ap'])(
    'ICD-10 %j is on no register',
    (code) => {
      expect(icd10Register(code)).toBeUndefined();
    },
  );

  it('from part B history codes 2 (hypertension) and 3 (diabetes)', () => {
    const r = ncdRegisters({ historyDiseaseCodes: [1, 2, 3, 6] });
    expect(r.hypertension).toEqual({
      register: 'hypertension',
      member: true,
      evidence: [{ source: 'history', code: '2' }],
    });
    expect(r.diabetes.member).toBe(true);
    expect(ncdRegisters({ historyDiseaseCodes: ['3'] }).diabetes.member).toBe(true);
    expect(ncdRegisters({ historyDiseaseCodes: [1, 4, 15] })).toMatchObject({
      hypertension: { member: false },
      diabetes: { member: false },
    });
  });

  it('from diagnoses, keeping each piece of evidence once', () => {
    const r = ncdRegisters({ historyDiseaseCodes: [2], diagnosisCodes: ['I10', 'i10', 'J06.9', 'E11.9'] });
    expect(r.hypertension.evidence).toEqual([
      { source: 'history', code: '2' },
      { source: 'icd10', code: 'I10' },
    ]);
    expect(r.diabetes.evidence).toEqual([{ source: 'icd10', code: 'E11.9' }]);
  });

  it('never throws on bad input', () => {
    expect(ncdRegisters(undefined as never).hypertension.member).toBe(false);
    expect(
      ncdRegisters({ historyDiseaseCodes: [null, 'x', {}] as never, diagnosisCodes: [null, 42] as never })
        .diabetes.member,
    ).toBe(false);
    expect(icd10Register(undefined as never)).toBeUndefined();
  });
});

describe('follow-up', () => {
  it('monthly by default from the last follow-up, across month ends', () => {
    expect(
      followUpStatus({ registeredOn: '2025-06-01', lastFollowUpOn: '2026-01-31' }, '2026-02-20'),
    ).toMatchObject({
      ok: true,
      nextDue: '2026-02-28',
      overdue: false,
      daysUntilDue: 8,
    });
    expect(
      followUpStatus({ registeredOn: '2025-06-01', lastFollowUpOn: '2024-01-31' }, '2024-02-10'),
    ).toMatchObject({ nextDue: '2025-07-01' });
    expect(
      followUpStatus({ registeredOn: '2023-12-31', lastFollowUpOn: '2024-01-31' }, '2024-02-10'),
    ).toMatchObject({ nextDue: '2024-02-29' });
  });

  it('counts from registration when there has been no follow-up yet', () => {
    expect(followUpStatus({ registeredOn: '2026-03-15' }, '2026-03-20')).toMatchObject({
      nextDue: '2026-04-15',
      overdue: false,
    });
  });

  it('is due on the day and overdue from the day after', () => {
    expect(followUpStatus({ registeredOn: '2026-01-10' }, '2026-02-10')).toMatchObject({
      overdue: false,
      daysUntilDue: 0,
      label: 'Đến hạn theo dõi hôm nay',
    });
    expect(followUpStatus({ registeredOn: '2026-01-10' }, '2026-02-11')).toMatchObject({
      overdue: true,
      daysOverdue: 1,
      label: 'Quá hạn theo dõi 1 ngày',
    });
    expect(followUpStatus({ registeredOn: '2026-01-10' }, '2026-03-12')).toMatchObject({
      overdue: true,
      daysOverdue: 30,
    });
  });

  it('takes a configured interval', () => {
    expect(
      followUpStatus({ registeredOn: '2026-01-10', interval: { months: 3 } }, '2026-02-11'),
    ).toMatchObject({ nextDue: '2026-04-10', overdue: false });
    expect(
      followUpStatus({ registeredOn: '2026-01-10', interval: { weeks: 2 } }, '2026-02-11'),
    ).toMatchObject({ nextDue: '2026-01-24', overdue: true });
  });

  it('reports bad input instead of throwing', () => {
    expect(followUpStatus({ registeredOn: '2026-02-30' }, '2026-03-01')).toMatchObject({
      ok: false,
      reason: 'invalid-date',
    });
    expect(
      followUpStatus({ registeredOn: '2026-02-01', lastFollowUpOn: 'hôm qua' }, '2026-03-01'),
    ).toMatchObject({ ok: false, reason: 'invalid-date' });
    expect(followUpStatus({ registeredOn: '2026-02-01' }, '')).toMatchObject({
      ok: false,
      reason: 'invalid-date',
    });
    expect(
      followUpStatus({ registeredOn: '2026-02-01', interval: { months: 0 } }, '2026-03-01'),
    ).toMatchObject({ ok: false, reason: 'invalid-interval' });
    expect(
      followUpStatus({ registeredOn: '2026-02-01', interval: { months: 1.5 } }, '2026-03-01'),
    ).toMatchObject({ ok: false, reason: 'invalid-interval' });
    expect(followUpStatus(undefined as never, '2026-03-01')).toMatchObject({ ok: false });
  });
});
