import { describe, expect, it } from 'vitest';
import { classifyMuac } from './muac.ts';
import { supplementDue } from './supplements.ts';

describe('MUAC of a child 6–59 months (WHO cut-offs: < 115 mm severe, 115–124 moderate)', () => {
  it('classes by the cut-offs, on the boundaries too', () => {
    expect(classifyMuac(110, 12)?.severity).toBe('severe');
    expect(classifyMuac(114.9, 30)?.severity).toBe('severe');
    expect(classifyMuac(115, 30)?.severity).toBe('moderate');
    expect(classifyMuac(124, 59)?.severity).toBe('moderate');
    expect(classifyMuac(125, 6)).toEqual({ severity: 'normal', label: 'Bình thường (MUAC ≥ 125 mm)' });
    expect(classifyMuac(110, 12)?.label).toBe('Suy dinh dưỡng cấp tính nặng (MUAC < 115 mm)');
  });
  it('does not class a baby under 6 months or a child of 5 years and over', () => {
    expect(classifyMuac(100, 5)).toBeNull();
    expect(classifyMuac(100, 60)).toBeNull();
  });
});

describe('vitamin A: every 6 months from 6 to 59 months', () => {
  it('is not yet due before 6 months, then due from the day the child turns 6 months', () => {
    expect(supplementDue('vitamin_a', '2026-01-15', [], '2026-07-14')).toMatchObject({
      status: 'not-yet',
      dueOn: '2026-07-15',
      label: 'Chưa đến tuổi (từ 6 tháng, ngày 15/07/2026)',
    });
    expect(supplementDue('vitamin_a', '2026-01-15', [], '2026-07-15')).toMatchObject({
      status: 'due',
      dueOn: '2026-07-15',
      suggestedDose: '100.000 IU',
    });
  });
  it('is due again 6 months after the last dose, with the 12-month dose from one year', () => {
    const given = ['2025-06-01', '2025-12-01'];
    expect(supplementDue('vitamin_a', '2024-10-10', given, '2026-05-31')).toMatchObject({
      status: 'not-yet',
      lastGivenOn: '2025-12-01',
      dueOn: '2026-06-01',
      label: 'Lần tới: 01/06/2026',
    });
    expect(supplementDue('vitamin_a', '2024-10-10', given, '2026-06-01')).toMatchObject({
      status: 'due',
      dueOn: '2026-06-01',
      label: 'Đến hạn từ 01/06/2026',
      suggestedDose: '200.000 IU',
    });
  });
  it('stops at 5 years, and when the next dose would fall after the fifth birthday', () => {
    expect(supplementDue('vitamin_a', '2021-03-01', [], '2026-03-01').status).toBe('not-eligible');
    expect(supplementDue('vitamin_a', '2021-03-01', ['2025-12-01'], '2026-02-01')).toMatchObject({
      status: 'not-eligible',
      label: 'Đã đủ liều trong độ tuổi',
    });
  });
  it('cannot say without a full birth date', () => {
    expect(supplementDue('vitamin_a', '2025', [], '2026-03-01').label).toBe('Cần ngày sinh đầy đủ');
  });
});

describe('deworming: every 6 months from 24 months', () => {
  it('is not yet due at 23 months, due at 24, then 6 months after each dose', () => {
    expect(supplementDue('deworming', '2024-05-20', [], '2026-05-19')).toMatchObject({
      status: 'not-yet',
      dueOn: '2026-05-20',
    });
    expect(supplementDue('deworming', '2024-05-20', [], '2026-05-20')).toMatchObject({
      status: 'due',
      suggestedDose: 'Albendazol 400 mg',
    });
    expect(supplementDue('deworming', '2020-01-01', ['2026-02-28'], '2026-08-27').dueOn).toBe('2026-08-28');
    expect(supplementDue('deworming', '2020-01-01', ['2026-02-28'], '2026-08-28').status).toBe('due');
  });
});
