import { describe, expect, it } from 'vitest';
import {
  computeSchedule,
  nextAppointment,
  type GivenDose,
  type Schedule,
  type ScheduleOptions,
  type ScheduledDose,
} from './schedule.ts';
import { VACCINE_CATALOGUE, vaccineDose } from './vaccines.ts';

function schedule(birthDate: string | null, given: GivenDose[], options: ScheduleOptions): Schedule {
  const r = computeSchedule(birthDate, given, options);
  if (!r.ok) throw new Error(r.reason);
  return r;
}
const dose = (s: Schedule, code: string): ScheduledDose => {
  const d = s.doses.find((x) => x.code === code);
  if (!d) throw new Error(`no ${code} in schedule`);
  return d;
};

describe('vaccine catalogue', () => {
  it('has unique codes, and every series link points at an earlier dose of the same vaccine', () => {
    const codes = VACCINE_CATALOGUE.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const d of VACCINE_CATALOGUE) {
      if (!d.after) continue;
      const prev = vaccineDose(d.after.code);
      expect(prev, d.code).toBeDefined();
      expect(codes.indexOf(d.after.code)).toBeLessThan(codes.indexOf(d.code));
    }
  });

  it('seeds the 831 form rows of C.1, C.2 and C.3', () => {
    const rows = new Set(VACCINE_CATALOGUE.map((d) => d.form831Row));
    for (const row of [
      'BCG',
      'VGB sơ sinh',
      'DPT-VGB-Hib 1',
      'DPT-VGB-Hib 3',
      'Bại liệt 3',
      'Sởi 1',
      'Sởi 2',
      'DPT4',
      'VNNB B3',
      'Tả 2',
      'Quai bị 3',
      'Cúm 3',
      'Thương hàn',
      'HPV 3',
      'Vắc xin phế cầu khuẩn',
      'UV1',
      'UV5',
    ]) {
      expect(rows.has(row), row).toBe(true);
    }
    expect(VACCINE_CATALOGUE.filter((d) => d.group === 3).every((d) => d.sex === 'F')).toBe(true);
  });
});

describe('due dates by age across month ends and leap years', () => {
  it('born 31 Dec 2025: the 2-month doses fall on 28 Feb 2026, then 31 Mar and 30 Apr', () => {
    const s = schedule('2025-12-31', [], { asOf: '2026-02-28' });
    expect(dose(s, 'DPT-VGB-HIB-1')).toMatchObject({ dueDate: '2026-02-28', status: 'due' });
    expect(dose(s, 'OPV-1').dueDate).toBe('2026-02-28');
    expect(dose(s, 'DPT-VGB-HIB-2')).toMatchObject({
      dueDate: '2026-03-31',
      status: 'not-yet-due',
      waitingFor: 'DPT-VGB-HIB-1',
    });
    expect(dose(s, 'DPT-VGB-HIB-3').dueDate).toBe('2026-04-30');
    expect(dose(s, 'IPV-1').dueDate).toBe('2026-05-31');
    expect(dose(s, 'IPV-2').dueDate).toBe('2026-09-30');
    expect(dose(s, 'SOI').dueDate).toBe('2026-09-30');
    expect(dose(s, 'MR').dueDate).toBe('2027-06-30');
  });

  it('born 31 Dec 2023: 2 months is 29 Feb 2024 (leap year); born 31 Dec 2024: 28 Feb 2025', () => {
    expect(dose(schedule('2023-12-31', [], { asOf: '2024-01-15' }), 'DPT-VGB-HIB-1').dueDate).toBe(
      '2024-02-29',
    );
    expect(dose(schedule('2024-12-31', [], { asOf: '2025-01-15' }), 'DPT-VGB-HIB-1').dueDate).toBe(
      '2025-02-28',
    );
  });

  it('born 29 Feb 2024: 12 months is 28 Feb 2025; Japanese encephalitis 2 one week later, 3 one year after that', () => {
    const s = schedule('2024-02-29', [], { asOf: '2025-01-01' });
    expect(dose(s, 'VNNB-1').dueDate).toBe('2025-02-28');
    expect(dose(s, 'VNNB-2').dueDate).toBe('2025-03-07');
    expect(dose(s, 'VNNB-3').dueDate).toBe('2026-03-07');
  });

  it('born 31 Jan: the minimum age of 6 weeks is exact days (14 Mar), the 2-month due date is 31 Mar', () => {
    const s = schedule('2025-01-31', [], { asOf: '2025-03-01' });
    expect(dose(s, 'DPT-VGB-HIB-1')).toMatchObject({
      earliestDate: '2025-03-14',
      dueDate: '2025-03-31',
      status: 'not-yet-due',
    });
  });
});

describe('statuses as of a date', () => {
  it('hepatitis B birth dose: due on the day of birth and the day after, too late from the second day', () => {
    expect(dose(schedule('2026-03-01', [], { asOf: '2026-03-01' }), 'VGB-SS').status).toBe('due');
    expect(dose(schedule('2026-03-01', [], { asOf: '2026-03-02' }), 'VGB-SS').status).toBe('due');
    expect(dose(schedule('2026-03-01', [], { asOf: '2026-03-03' }), 'VGB-SS')).toMatchObject({
      status: 'too-late',
      tooLateFrom: '2026-03-03',
      label: 'Quá tuổi tiêm',
    });
  });

  it('BCG: due in the first month, overdue after it, too late from the first birthday', () => {
    expect(dose(schedule('2026-01-15', [], { asOf: '2026-02-14' }), 'BCG').status).toBe('due');
    expect(dose(schedule('2026-01-15', [], { asOf: '2026-02-15' }), 'BCG')).toMatchObject({
      status: 'overdue',
      overdueFrom: '2026-02-15',
    });
    expect(dose(schedule('2026-01-15', [], { asOf: '2027-01-14' }), 'BCG').status).toBe('overdue');
    expect(dose(schedule('2026-01-15', [], { asOf: '2027-01-15' }), 'BCG').status).toBe('too-late');
  });

  it('a child with no doses on record is not invited for infant vaccines past their upper age (WHO catch-up table)', () => {
    // Born 10 Mar 2021, seen on 10 Dec 2026 (5 years 9 months): a record started late, nothing entered.
    const s = schedule('2021-03-10', [], { asOf: '2026-12-10', regionalVaccines: ['PCV', 'ROTA'] });
    for (const code of ['DPT-VGB-HIB-1', 'PCV-1', 'ROTA-1'])
      expect(dose(s, code).status, code).toBe('too-late');
    expect(dose(s, 'DPT-VGB-HIB-1').tooLateFrom).toBe('2026-03-10');
    expect(dose(s, 'PCV-1').tooLateFrom).toBe('2026-03-10');
    expect(dose(s, 'ROTA-1').tooLateFrom).toBe('2023-03-10');
    // Still invited for what has no upper age: polio, measles.
    expect(dose(s, 'OPV-1').status).toBe('overdue');
    expect(dose(s, 'SOI').status).toBe('overdue');
    // The day before the fifth birthday the 5-in-1 is still given.
    const four = schedule('2021-03-10', [], { asOf: '2026-03-09' });
    expect(dose(four, 'DPT-VGB-HIB-1').status).toBe('overdue');
    // The whole-cell DPT booster stops at 7; the Td booster is due from 7.
    const seven = schedule(
      '2019-01-10',
      [
        { code: 'DPT-VGB-HIB-1', date: '2019-03-10' },
        { code: 'DPT-VGB-HIB-2', date: '2019-04-10' },
        { code: 'DPT-VGB-HIB-3', date: '2019-05-10' },
      ],
      { asOf: '2026-02-01' },
    );
    expect(dose(seven, 'DPT-4')).toMatchObject({ status: 'too-late', tooLateFrom: '2026-01-10' });
    expect(['due', 'overdue']).toContain(dose(seven, 'TD').status);
  });

  it('given / due / overdue / not yet due together, and the next appointment', () => {
    const given = [
      { code: 'VGB-SS', date: '2026-01-01' },
      { code: 'BCG', date: '2026-01-05' },
    ];
    const early = schedule('2026-01-01', given, { asOf: '2026-02-15' });
    expect(dose(early, 'BCG')).toMatchObject({
      status: 'given',
      givenOn: '2026-01-05',
      label: 'Đã tiêm',
      issues: [],
    });
    expect(dose(early, 'DPT-VGB-HIB-1').status).toBe('not-yet-due');
    expect(nextAppointment(early)).toEqual({ date: '2026-03-01', codes: ['DPT-VGB-HIB-1', 'OPV-1'] });

    const late = schedule('2026-01-01', given, { asOf: '2026-04-15' });
    expect(dose(late, 'DPT-VGB-HIB-1')).toMatchObject({ status: 'overdue', overdueFrom: '2026-04-01' });
    // Dose 2's date has come, but dose 1 is overdue: it waits for dose 1, it is not "due".
    expect(dose(late, 'DPT-VGB-HIB-2')).toMatchObject({
      status: 'waiting',
      label: 'Chờ mũi trước',
      dueDate: '2026-04-01',
      waitingFor: 'DPT-VGB-HIB-1',
    });
    // An overdue dose is booked for the day the schedule is computed; dose 2 waits for dose 1.
    expect(nextAppointment(late)).toEqual({ date: '2026-04-15', codes: ['DPT-VGB-HIB-1', 'OPV-1'] });
  });

  it('the overdue window is configurable', () => {
    const s = schedule('2026-01-01', [], { asOf: '2026-03-10', overdueAfter: { days: 7 } });
    expect(dose(s, 'DPT-VGB-HIB-1')).toMatchObject({ status: 'overdue', overdueFrom: '2026-03-08' });
  });
});

describe('spacing after the previous dose', () => {
  it('a late first dose pushes the series: DPT-VGB-Hib 1 at 1 Jun → dose 2 on 29 Jun, dose 3 on 27 Jul', () => {
    const s = schedule('2025-01-10', [{ code: 'DPT-VGB-HIB-1', date: '2025-06-01' }], { asOf: '2025-06-10' });
    expect(dose(s, 'DPT-VGB-HIB-2')).toMatchObject({
      dueDate: '2025-06-29',
      earliestDate: '2025-06-29',
      status: 'not-yet-due',
    });
    expect(dose(s, 'DPT-VGB-HIB-3').dueDate).toBe('2025-07-27');
    expect(dose(s, 'DPT-VGB-HIB-2')).not.toHaveProperty('waitingFor');
  });

  it('the booster waits 6 months after dose 3, even when 18 months comes sooner', () => {
    const s = schedule(
      '2025-01-10',
      [
        { code: 'DPT-VGB-HIB-1', date: '2025-03-10' },
        { code: 'DPT-VGB-HIB-2', date: '2025-04-10' },
        { code: 'DPT-VGB-HIB-3', date: '2026-03-31' },
      ],
      { asOf: '2026-07-10' },
    );
    expect(dose(s, 'DPT-4').dueDate).toBe('2026-09-30');
  });

  it('flags doses given too early, too soon after the previous dose, or out of order', () => {
    const s = schedule(
      '2025-01-10',
      [
        { code: 'DPT-VGB-HIB-1', date: '2025-02-14' }, // 5 weeks old
        { code: 'DPT-VGB-HIB-2', date: '2025-03-01' }, // 15 days later
        { code: 'OPV-2', date: '2025-04-10' }, // OPV-1 never recorded
        { code: 'VGB-SS', date: '2025-01-15' }, // after 24 h
      ],
      { asOf: '2025-05-01' },
    );
    expect(dose(s, 'DPT-VGB-HIB-1').issues.map((i) => i.code)).toEqual(['given-before-min-age']);
    expect(dose(s, 'DPT-VGB-HIB-2').issues.map((i) => i.code)).toEqual(['given-before-min-interval']);
    expect(dose(s, 'OPV-2').issues.map((i) => i.code)).toEqual(['previous-dose-missing']);
    expect(dose(s, 'VGB-SS').issues.map((i) => i.code)).toEqual(['given-after-age-limit']);
  });

  it('keeps the earliest of duplicated doses and reports unknown codes', () => {
    const s = schedule(
      '2025-01-10',
      [
        { code: 'BCG', date: '2025-02-01' },
        { code: 'BCG', date: '2025-01-12' },
        { code: 'XYZ', date: '2025-01-12' },
      ],
      { asOf: '2025-03-01' },
    );
    expect(dose(s, 'BCG')).toMatchObject({
      givenOn: '2025-01-12',
      issues: [expect.objectContaining({ code: 'given-more-than-once' })],
    });
    expect(s.unknownCodes).toEqual(['XYZ']);
  });
});

describe('which doses are scheduled', () => {
  it('roadmap vaccines only where the province has them; a given dose always shows', () => {
    const codes = (s: Schedule) => s.doses.map((d) => d.code);
    expect(codes(schedule('2026-01-01', [], { asOf: '2026-01-02' }))).not.toContain('ROTA-1');
    const withRota = schedule('2026-01-01', [], { asOf: '2026-01-02', regionalVaccines: ['ROTA', 'PCV'] });
    expect(dose(withRota, 'ROTA-2')).toMatchObject({ dueDate: '2026-04-01', tooLateFrom: '2026-08-13' });
    expect(dose(withRota, 'PCV-3').dueDate).toBe('2027-01-01');
    expect(
      codes(schedule('2026-01-01', [{ code: 'ROTA-1', date: '2026-03-01' }], { asOf: '2026-03-02' })),
    ).toContain('ROTA-1');
  });

  it('HPV in TCMR for girls only, when enabled', () => {
    const girl = schedule('2015-09-30', [], { asOf: '2026-09-01', sex: 'F', regionalVaccines: ['HPV-TCMR'] });
    expect(dose(girl, 'HPV-TCMR')).toMatchObject({ dueDate: '2026-09-30', status: 'not-yet-due' });
    const boy = schedule('2015-09-30', [], { asOf: '2026-09-01', sex: 'M', regionalVaccines: ['HPV-TCMR'] });
    expect(boy.doses.some((d) => d.code === 'HPV-TCMR')).toBe(false);
  });

  it('tetanus in pregnancy (group 3): UV1 unscheduled until given, then spaced; pregnancy month is kept and checked', () => {
    const none = schedule(null, [], { asOf: '2026-01-01', groups: [3], sex: 'F' });
    expect(none.doses.map((d) => d.status)).toEqual([
      'unscheduled',
      'unscheduled',
      'unscheduled',
      'unscheduled',
      'unscheduled',
    ]);
    const s = schedule('1998-05-31', [{ code: 'UV-1', date: '2026-01-31', pregnancyMonth: 3 }], {
      asOf: '2026-02-20',
      groups: [3],
      sex: 'F',
    });
    expect(dose(s, 'UV-1')).toMatchObject({ status: 'given', pregnancyMonth: 3 });
    // UV2 at least 4 weeks (28 days) after UV1, UV3 6 months after UV2, UV4 a year after UV3.
    expect(dose(s, 'UV-2')).toMatchObject({ dueDate: '2026-02-28', status: 'not-yet-due' });
    expect(dose(s, 'UV-3').dueDate).toBe('2026-08-28');
    expect(dose(s, 'UV-4').dueDate).toBe('2027-08-28');
    const bad = schedule(null, [{ code: 'UV-1', date: '2026-01-31', pregnancyMonth: 12 }], {
      asOf: '2026-02-20',
      groups: [3],
      sex: 'F',
    });
    expect(dose(bad, 'UV-1').issues.map((i) => i.code)).toEqual(['invalid-pregnancy-month']);
  });

  it('outside the programme (group 2): the first dose is unscheduled, later doses follow the spacing', () => {
    const s = schedule('2010-01-01', [{ code: 'HPV-1', date: '2026-01-31' }], {
      asOf: '2026-02-01',
      groups: [2],
    });
    expect(dose(s, 'HPV-2')).toMatchObject({ dueDate: '2026-03-31', earliestDate: '2026-02-28' });
    expect(dose(s, 'HPV-3').dueDate).toBe('2026-07-31');
    expect(dose(s, 'TA-1').status).toBe('unscheduled');
    expect(dose(s, 'TA-2').status).toBe('unscheduled');
  });
});

describe('never throws on bad input', () => {
  it.each([
    ['2024', { asOf: '2026-01-01' }, 'birth-date-partial'],
    [null, { asOf: '2026-01-01' }, 'missing-birth-date'],
    ['2026-01-01', { asOf: '2026-02-30' }, 'invalid-date'],
    ['2026-01-01', { asOf: '2025-12-31' }, 'as-of-before-birth'],
    ['2026-01-01', undefined, 'invalid-date'],
  ])('birth %s, %j → %s', (dob, options, reason) => {
    expect(computeSchedule(dob, [], options as never)).toMatchObject({ ok: false, reason });
  });

  it('ignores malformed given entries', () => {
    const s = schedule('2026-01-01', [null, { code: 'BCG' }, { code: 'BCG', date: 'hôm qua' }] as never, {
      asOf: '2026-01-10',
    });
    expect(dose(s, 'BCG').status).toBe('due');
  });
});
