import { describe, expect, it } from 'vitest';
import { assessVitals, type VitalFinding } from './vitals.ts';

const codes = (f: VitalFinding[]) => f.map((x) => `${x.field}:${x.code}:${x.level}`);

describe('assessVitals', () => {
  it('finds nothing in a normal adult panel and skips empty fields', () => {
    const normal = {
      pulse: 72,
      temperatureC: 36.8,
      systolic: 125,
      diastolic: 80,
      respiratoryRate: 18,
      weightKg: 60,
      heightCm: 160,
      waistCm: 82,
    };
    expect(assessVitals(normal, 45)).toEqual([]);
    expect(assessVitals({ pulse: null, systolic: undefined }, 45)).toEqual([]);
  });

  it('blocks the values no patient has: 400/20 mmHg, 25 °C, 46 °C', () => {
    expect(codes(assessVitals({ systolic: 400, diastolic: 20 }, 40))).toEqual([
      'systolic:impossible:block',
      'diastolic:out-of-range:confirm',
    ]);
    expect(assessVitals({ systolic: 400 }, 40)[0].message).toBe(
      'Huyết áp tâm thu 400 mmHg là không thể có: chỉ nhận 40–300 mmHg.',
    );
    expect(codes(assessVitals({ temperatureC: 25 }, 40))).toEqual(['temperatureC:impossible:block']);
    expect(codes(assessVitals({ temperatureC: 46 }, 40))).toEqual(['temperatureC:impossible:block']);
  });

  it('asks for confirmation of a rare but possible value, naming it: 45 °C, 250 mmHg', () => {
    const [t] = assessVitals({ temperatureC: 45 }, 40);
    expect(t).toMatchObject({ code: 'out-of-range', level: 'confirm', value: 45 });
    expect(t.message).toBe('Nhiệt độ 45 °C nằm ngoài khoảng thường gặp (34–42 °C).');
    expect(codes(assessVitals({ systolic: 270, diastolic: 100 }, 40))).toEqual([
      'systolic:out-of-range:confirm',
    ]);
  });

  it('blocks a diastolic at or above the systolic (swapped numbers)', () => {
    expect(codes(assessVitals({ systolic: 80, diastolic: 120 }, 40))).toContain(
      'diastolic:diastolic-not-below-systolic:block',
    );
    expect(codes(assessVitals({ systolic: 90, diastolic: 90 }, 40))).toContain(
      'diastolic:diastolic-not-below-systolic:block',
    );
    expect(assessVitals({ systolic: 120, diastolic: 80 }, 40)).toEqual([]);
  });

  it('keeps the plausible limits inclusive (60 and 260 systolic, 34 and 42 °C)', () => {
    expect(assessVitals({ systolic: 60, diastolic: 30 }, 40)).toEqual([]);
    expect(assessVitals({ systolic: 260, diastolic: 160 }, 40)).toEqual([]);
    expect(assessVitals({ temperatureC: 34 }, 40)).toEqual([]);
    expect(assessVitals({ temperatureC: 42 }, 40)).toEqual([]);
  });

  it('hints at unit slips: metres, °F, grams', () => {
    expect(assessVitals({ heightCm: 1.65 }, 40)[0]).toMatchObject({
      level: 'block',
      message: expect.stringMatching(/mét/),
    });
    expect(assessVitals({ temperatureC: 98.6 }, 40)[0]).toMatchObject({
      level: 'block',
      message: expect.stringMatching(/°F/),
    });
    expect(assessVitals({ weightKg: 3200 }, 0.01)[0]).toMatchObject({
      level: 'block',
      message: expect.stringMatching(/gam/),
    });
  });

  it('judges weight and height by age', () => {
    expect(assessVitals({ weightKg: 3.2, heightCm: 50 }, 0)).toEqual([]);
    expect(codes(assessVitals({ weightKg: 3.2, heightCm: 50 }, 30))).toEqual([
      'weightKg:out-of-range:confirm',
      'heightCm:out-of-range:confirm',
    ]);
    expect(codes(assessVitals({ weightKg: 45 }, 1.5))).toEqual(['weightKg:out-of-range:confirm']);
    expect(assessVitals({ weightKg: 45, heightCm: 150 }, 12)).toEqual([]);
    // Infants: lower pressures and faster breathing are plausible.
    expect(assessVitals({ systolic: 50, diastolic: 25, respiratoryRate: 70 }, 0.2)).toEqual([]);
  });

  it('with an unknown age only flags what is implausible at every age', () => {
    expect(assessVitals({ weightKg: 3.2, heightCm: 50 }, null)).toEqual([]);
    expect(codes(assessVitals({ weightKg: 300 }, undefined))).toEqual(['weightKg:out-of-range:confirm']);
  });

  it('asks about an implausible BMI', () => {
    expect(codes(assessVitals({ weightKg: 200, heightCm: 140 }, 40))).toContain(
      'weightKg:bmi-implausible:confirm',
    );
  });

  it('ties a confirmation to the value: another value needs another confirmation', () => {
    const [a] = assessVitals({ temperatureC: 43 }, 40);
    const [b] = assessVitals({ temperatureC: 43.5 }, 40);
    expect(a.key).not.toBe(b.key);
  });

  it('never throws on bad input', () => {
    expect(codes(assessVitals({ pulse: 'abc' as never }, 40))).toEqual(['pulse:not-a-number:block']);
    expect(assessVitals(undefined, 40)).toEqual([]);
    expect(assessVitals({ pulse: Number.NaN }, Number.NaN)).toHaveLength(1);
  });
});
