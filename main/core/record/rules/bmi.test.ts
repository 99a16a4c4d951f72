import { describe, expect, it } from 'vitest';
import { assessBmi, assessWaist, bmiOf, classifyAdultBmi } from './bmi.ts';

describe('BMI', () => {
  it('is kg / m²', () => {
    expect(bmiOf(70, 175)).toBeCloseTo(22.857, 3);
    expect(bmiOf(0, 170)).toBeUndefined();
    expect(bmiOf(60, Number.NaN)).toBeUndefined();
  });

  it.each([
    [18.4, 'underweight'],
    [18.5, 'normal'],
    [22.9, 'normal'],
    [23, 'overweight'],
    [24.9, 'overweight'],
    [25, 'obese-1'],
    [29.9, 'obese-1'],
    [30, 'obese-2'],
    [45, 'obese-2'],
  ])('Asian adult cut-offs: %s → %s', (bmi, cls) => {
    expect(classifyAdultBmi(bmi)).toBe(cls);
  });

  it('classifies the value shown (one decimal): 22.95 shows as 23.0 and is overweight; 22.94 is normal', () => {
    expect(classifyAdultBmi(22.95)).toBe('overweight');
    expect(classifyAdultBmi(22.94)).toBe('normal');
    expect(classifyAdultBmi(18.45)).toBe('normal');
  });

  it('gives Vietnamese labels for adults', () => {
    // 1.60 m: 23 kg/m² is 58.88 kg.
    expect(assessBmi({ weightKg: 58.88, heightCm: 160, ageYears: 40 })).toMatchObject({
      ok: true,
      bmiRounded: 23,
      scheme: 'adult-asian',
      class: 'overweight',
      label: 'Thừa cân (nguy cơ béo phì)',
    });
    expect(assessBmi({ weightKg: 70, heightCm: 160, ageYears: 40 })).toMatchObject({
      class: 'obese-1',
      label: 'Béo phì độ I',
    });
    expect(assessBmi({ weightKg: 45, heightCm: 160, ageYears: 40 })).toMatchObject({
      class: 'underweight',
      label: 'Thiếu cân',
    });
  });

  it('sends children to the WHO BMI-for-age z-score instead', () => {
    const r = assessBmi({ weightKg: 30, heightCm: 130, ageYears: 10 });
    expect(r).toMatchObject({ ok: true, scheme: 'child-use-growth-z-score' });
    expect(r.ok && r.notes[0]).toMatch(/z-score BMI theo tuổi/);
    expect(r).not.toHaveProperty('class');
    expect(assessBmi({ weightKg: 60, heightCm: 170, ageYears: 19 })).toMatchObject({ scheme: 'adult-asian' });
  });

  it('notes an unknown age and never throws on bad input', () => {
    expect(assessBmi({ weightKg: 60, heightCm: 170 })).toMatchObject({
      ok: true,
      scheme: 'adult-asian',
      notes: [expect.stringMatching(/Chưa rõ tuổi/)],
    });
    expect(assessBmi({ weightKg: 0, heightCm: 170 })).toMatchObject({
      ok: false,
      reason: 'missing-measurement',
    });
    expect(assessBmi(undefined as never)).toMatchObject({ ok: false });
    expect(classifyAdultBmi(Number.NaN)).toBeUndefined();
  });
});

describe('waist circumference', () => {
  it.each([
    [89.9, 'M', false],
    [90, 'M', true],
    [79.9, 'F', false],
    [80, 'F', true],
  ] as const)('%s cm (%s) → at risk %s', (waist, sex, atRisk) => {
    expect(assessWaist(waist, sex)).toMatchObject({ ok: true, atRisk });
  });

  it('labels the risk in Vietnamese and rejects bad input', () => {
    expect(assessWaist(95, 'M')).toMatchObject({ label: expect.stringMatching(/Béo bụng/) });
    expect(assessWaist(-1, 'F')).toMatchObject({ ok: false, reason: 'missing-measurement' });
    expect(assessWaist(85, 'X' as never)).toMatchObject({ ok: false, reason: 'missing-sex' });
  });
});
