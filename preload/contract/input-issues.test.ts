import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { parseInput } from './input-issues.ts';
import { operations } from './operations.ts';
import { PartB, VisitInput } from './ops/record.ts';

const messages = (schema: z.ZodType, input: unknown): string[] => {
  const r = parseInput(schema, input);
  return r.success ? [] : r.issues.map((i) => i.message);
};

/** zod's own words, which must never reach a nurse. */
const SCHEMA_WORDS = /number|string|boolean|mong đợi|expected|Invalid|>=|<=|undefined|NaN/;

describe('refused input, as the user reads it', () => {
  it('names the field and the range in its unit: birth weight in grams', () => {
    expect(messages(PartB, { birth: { birthWeightG: 0.3 } })).toEqual([
      'Cân nặng lúc đẻ phải từ 300 đến 7000 g, đã nhập 0,3.',
    ]);
    expect(messages(PartB, { birth: { birthWeightG: 9000 } })).toEqual([
      'Cân nặng lúc đẻ phải từ 300 đến 7000 g, đã nhập 9000.',
    ]);
    expect(messages(PartB, { birth: { birthWeightG: 3200.5 } })).toEqual([
      'Cân nặng lúc đẻ phải là số nguyên.',
    ]);
  });

  it('names the vital and its unit: weight in kg, pressure in mmHg', () => {
    const visit = (vitals: object) => ({ visitOn: '2026-12-07', vitals });
    expect(messages(VisitInput, visit({ weightKg: 7000 }))).toEqual([
      'Cân nặng phải từ 0,3 đến 350 kg, đã nhập 7000.',
    ]);
    expect(messages(VisitInput, visit({ systolic: 400 }))).toEqual([
      'Huyết áp tâm thu phải từ 40 đến 300 mmHg, đã nhập 400.',
    ]);
    expect(messages(VisitInput, visit({ pulse: 'nhanh' }))).toEqual(['Mạch phải là một số.']);
  });

  it('names a text field that is too long and says how long it is', () => {
    const long = 'a'.repeat(10_000);
    expect(messages(VisitInput, { visitOn: '2026-12-07', history: long })).toEqual([
      'Bệnh sử: tối đa 4.000 ký tự, đang có 10.000.',
    ]);
    expect(messages(VisitInput, { visitOn: '2026-12-07', counselling: 'b'.repeat(2500) })).toEqual([
      'Tư vấn: tối đa 2.000 ký tự, đang có 2.500.',
    ]);
  });

  it('names list positions by their field: a dose date', () => {
    const r = parseInput(operations['immunizations.record'].input, {
      personId: '0b6f0a3e-5a8e-4b61-9d3c-7e2f6f0d9a11',
      doses: [{ vaccineCode: 'BCG', givenOn: '31/02/2026' }],
    });
    expect(r).toEqual({
      success: false,
      issues: [{ path: 'doses.0.givenOn', message: 'Ngày tiêm: ngày không hợp lệ (ngày/tháng/năm).' }],
    });
  });

  it('keeps a schema’s own Vietnamese message, after the field’s name', () => {
    expect(
      messages(operations['persons.create'].input, {
        person: { fullName: 'An', sex: 'M', birthDate: '1990', phoneMobile: '12345' },
      }),
    ).toEqual(['Điện thoại di động: số điện thoại gồm 10 chữ số, bắt đầu bằng 0.']);
  });

  it('says "chưa nhập" for a missing required field', () => {
    expect(
      messages(operations['persons.create'].input, {
        person: { fullName: '  ', sex: 'M', birthDate: '1990' },
      }),
    ).toEqual(['Họ và tên: chưa nhập.']);
  });

  it('never shows zod’s own words, for any wrong value of any field of a visit or part B', () => {
    const wrong = [-1, 1e9, 'x'.repeat(9000), 'abc', true, [], {}];
    const vitals = [
      'pulse',
      'temperatureC',
      'systolic',
      'diastolic',
      'respiratoryRate',
      'weightKg',
      'heightCm',
      'waistCm',
    ];
    for (const value of wrong) {
      for (const v of vitals)
        for (const m of messages(VisitInput, { visitOn: '2026-12-07', vitals: { [v]: value } }))
          expect(m).not.toMatch(SCHEMA_WORDS);
      for (const m of messages(PartB, {
        reproductive: { pregnancies: value },
        risks: { alcoholCupsPerDay: value },
      }))
        expect(m).not.toMatch(SCHEMA_WORDS);
      for (const m of messages(VisitInput, { visitOn: value, followUpOn: value, reason: value }))
        expect(m).not.toMatch(SCHEMA_WORDS);
    }
  });
});
