import { describe, expect, it } from 'vitest';
import { checkVitals } from './vitals.ts';

const fields = (w: ReturnType<typeof checkVitals>) => w.map((x) => `${x.field}:${x.code}`);

describe('checkVitals', () => {
  it('accepts a normal adult panel and skips empty fields', () => {
    expect(
      checkVitals(
        {
          pulse: 72,
          temperatureC: 36.8,
          systolic: 125,
          diastolic: 80,
          respiratoryRate: 18,
          weightKg: 60,
          heightCm: 160,
          waistCm: 82,
        },
        45,
      ),
    ).toEqual([]);
    expect(checkVitals({ pulse: null, systolic: undefined }, 45)).toEqual([]);
  });

  it.each([
    ['systolic', 59, 'out-of-range'],
    ['systolic', 261, 'out-of-range'],
    ['diastolic', 29, 'out-of-range'],
    ['diastolic', 161, 'out-of-range'],
    ['pulse', 29, 'out-of-range'],
    ['pulse', 221, 'out-of-range'],
    ['temperatureC', 33.9, 'out-of-range'],
    ['temperatureC', 42.1, 'out-of-range'],
    ['respiratoryRate', 7, 'out-of-range'],
    ['respiratoryRate', 61, 'out-of-range'],
  ])('adult %s = %s warns', (field, value) => {
    const extra = field === 'systolic' ? { diastolic: 40 } : field === 'diastolic' ? { systolic: 200 } : {};
    const w = checkVitals({ [field]: value, ...extra }, 40);
    expect(w.find((x) => x.field === field)).toMatchObject({ code: 'out-of-range', value });
  });

  it('limits are inclusive (60 and 260 systolic, 34 and 42 °C pass)', () => {
    expect(checkVitals({ systolic: 60, diastolic: 30 }, 40)).toEqual([]);
    expect(checkVitals({ systolic: 260, diastolic: 160 }, 40)).toEqual([]);
    expect(checkVitals({ temperatureC: 34 }, 40)).toEqual([]);
    expect(checkVitals({ temperatureC: 42 }, 40)).toEqual([]);
  });

  it('hints at unit slips: metres, °F, grams', () => {
    expect(checkVitals({ heightCm: 1.65 }, 40)[0].message).toMatch(/mét/);
    expect(checkVitals({ temperatureC: 98.6 }, 40)[0].message).toMatch(/°F/);
    expect(checkVitals({ weightKg: 3200 }, 0.01)[0].message).toMatch(/gam/);
  });

  it('judges weight and height by age', () => {
    expect(checkVitals({ weightKg: 3.2, heightCm: 50 }, 0)).toEqual([]);
    expect(fields(checkVitals({ weightKg: 3.2, heightCm: 50 }, 30))).toEqual([
      'weightKg:out-of-range',
      'heightCm:out-of-range',
    ]);
    expect(fields(checkVitals({ weightKg: 45 }, 1.5))).toEqual(['weightKg:out-of-range']);
    expect(checkVitals({ weightKg: 45, heightCm: 150 }, 12)).toEqual([]);
    // Infants: lower pressures and faster breathing are plausible.
    expect(checkVitals({ systolic: 50, diastolic: 25, respiratoryRate: 70 }, 0.2)).toEqual([]);
  });

  it('with an unknown age only flags what is impossible at every age', () => {
    expect(checkVitals({ weightKg: 3.2, heightCm: 50 }, null)).toEqual([]);
    expect(fields(checkVitals({ weightKg: 300 }, undefined))).toEqual(['weightKg:out-of-range']);
  });

  it('flags swapped pressures and an implausible BMI', () => {
    expect(fields(checkVitals({ systolic: 80, diastolic: 120 }, 40))).toContain(
      'systolic:systolic-not-above-diastolic',
    );
    expect(fields(checkVitals({ weightKg: 200, heightCm: 140 }, 40))).toContain('weightKg:bmi-implausible');
  });

  it('never throws on bad input', () => {
    expect(fields(checkVitals({ pulse: 'abc' as never }, 40))).toEqual(['pulse:not-a-number']);
    expect(checkVitals(undefined as never, 40)).toEqual([]);
    expect(checkVitals({ pulse: Number.NaN }, Number.NaN)).toHaveLength(1);
  });
});
