import { describe, expect, it } from 'vitest';
import { gradeBloodPressure, type BpCategory } from './blood-pressure.ts';

const grade = (systolic: number, diastolic: number, scheme?: 'vnha2018' | 'vnha2022') => {
  const r = gradeBloodPressure({ systolic, diastolic }, scheme);
  if (!r.ok) throw new Error(r.reason);
  return r;
};

describe('VNHA/VSH 2018 (default)', () => {
  it.each<[number, number, BpCategory, string]>([
    [119, 79, 'optimal', 'Huyết áp tối ưu'],
    [120, 79, 'normal', 'Huyết áp bình thường'],
    [119, 80, 'normal', 'Huyết áp bình thường'],
    [120, 80, 'normal', 'Huyết áp bình thường'],
    [129, 84, 'normal', 'Huyết áp bình thường'],
    [130, 84, 'high-normal', 'Huyết áp bình thường cao'],
    [129, 85, 'high-normal', 'Huyết áp bình thường cao'],
    [130, 85, 'high-normal', 'Huyết áp bình thường cao'],
    [139, 89, 'high-normal', 'Huyết áp bình thường cao'],
    [140, 90, 'grade-1', 'Tăng huyết áp độ 1'],
    [139, 90, 'grade-1', 'Tăng huyết áp độ 1'],
    [159, 99, 'grade-1', 'Tăng huyết áp độ 1'],
    [160, 100, 'grade-2', 'Tăng huyết áp độ 2'],
    [159, 100, 'grade-2', 'Tăng huyết áp độ 2'],
    [179, 109, 'grade-2', 'Tăng huyết áp độ 2'],
    [180, 110, 'grade-3', 'Tăng huyết áp độ 3'],
    [179, 110, 'grade-3', 'Tăng huyết áp độ 3'],
    [200, 120, 'grade-3', 'Tăng huyết áp độ 3'],
  ])('%s/%s → %s', (s, d, category, label) => {
    expect(grade(s, d)).toMatchObject({ scheme: 'vnha2018', category, label });
  });

  it('the higher category wins, and says which value decided', () => {
    expect(grade(125, 95)).toMatchObject({ category: 'grade-1', decidedBy: 'diastolic', hypertension: true });
    expect(grade(165, 92)).toMatchObject({ category: 'grade-2', decidedBy: 'systolic' });
    expect(grade(145, 95)).toMatchObject({ category: 'grade-1', decidedBy: 'both' });
  });

  it('isolated systolic hypertension: ≥ 140 with < 90, graded by systolic', () => {
    expect(grade(150, 85)).toMatchObject({
      category: 'grade-1',
      isolatedSystolic: true,
      label: 'Tăng huyết áp tâm thu đơn độc độ 1',
    });
    expect(grade(140, 89)).toMatchObject({ isolatedSystolic: true, category: 'grade-1' });
    expect(grade(165, 70)).toMatchObject({
      isolatedSystolic: true,
      category: 'grade-2',
      label: 'Tăng huyết áp tâm thu đơn độc độ 2',
    });
    expect(grade(185, 80)).toMatchObject({ isolatedSystolic: true, category: 'grade-3' });
    expect(grade(140, 90)).toMatchObject({ isolatedSystolic: false });
    expect(grade(139, 70)).toMatchObject({
      isolatedSystolic: false,
      category: 'high-normal',
      hypertension: false,
    });
  });
});

describe('VNHA 2022', () => {
  it.each<[number, number, BpCategory]>([
    [119, 79, 'normal'],
    [120, 80, 'normal'],
    [129, 84, 'normal'],
    [130, 84, 'pre-hypertension'],
    [129, 85, 'pre-hypertension'],
    [130, 85, 'pre-hypertension'],
    [139, 89, 'pre-hypertension'],
    [140, 90, 'grade-1'],
    [159, 99, 'grade-1'],
    [160, 100, 'grade-2'],
    [159, 100, 'grade-2'],
    [179, 109, 'grade-2'],
    [180, 110, 'grade-2'],
  ])('%s/%s → %s', (s, d, category) => {
    expect(grade(s, d, 'vnha2022')).toMatchObject({ scheme: 'vnha2022', category });
  });

  it('labels pre-hypertension and isolated systolic hypertension', () => {
    expect(grade(135, 80, 'vnha2022').label).toBe('Tiền tăng huyết áp');
    expect(grade(150, 85, 'vnha2022')).toMatchObject({
      isolatedSystolic: true,
      label: 'Tăng huyết áp tâm thu đơn độc độ 1',
    });
  });
});

describe('bad readings are reported, not thrown', () => {
  it.each([
    [{ systolic: 0, diastolic: 80 }, 'missing-measurement'],
    [{ systolic: Number.NaN, diastolic: 80 }, 'missing-measurement'],
    [{ systolic: 80, diastolic: 120 }, 'systolic-not-above-diastolic'],
    [{ systolic: 90, diastolic: 90 }, 'systolic-not-above-diastolic'],
    [undefined, 'missing-measurement'],
  ])('%j → %s', (reading, reason) => {
    expect(gradeBloodPressure(reading as never)).toMatchObject({ ok: false, reason });
  });

  it('an unknown scheme', () => {
    expect(gradeBloodPressure({ systolic: 120, diastolic: 80 }, 'aha2017' as never)).toMatchObject({
      ok: false,
      reason: 'unknown-scheme',
    });
  });
});
