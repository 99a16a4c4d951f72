import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../../test/helpers/core.ts';
import { seedStation } from './seed-station.ts';

let t: TestCore;
beforeAll(async () => {
  t = makeTestCore();
  await seedStation(t.core.ctx, { persons: 2000, seed: 'bodies', asOf: '2026-07-01', years: 10 });
}, 60_000);
afterAll(() => t?.close());

type Weighed = {
  person_id: string;
  visit_on: string;
  weight_kg: number;
  height_cm: number | null;
  data: string;
};
const weighed = (where: string): Weighed[] =>
  t.core.ctx.store.raw
    .prepare(
      `SELECT v.person_id, v.visit_on, v.weight_kg, v.height_cm, v.data FROM visits v JOIN persons p ON p.id = v.person_id
       WHERE v.weight_kg IS NOT NULL AND ${where} ORDER BY v.person_id, v.visit_on, v.id`,
    )
    .all() as Weighed[];

/** Each person's consecutive pairs of weighed visits. */
function pairs(rows: Weighed[]): [Weighed, Weighed][] {
  const out: [Weighed, Weighed][] = [];
  for (let i = 1; i < rows.length; i++)
    if (rows[i].person_id === rows[i - 1].person_id) out.push([rows[i - 1], rows[i]]);
  return out;
}

describe('hssk seed: plausible bodies', () => {
  it('an adult’s weight drifts a little from visit to visit, never 10 % or more', () => {
    const adult = pairs(weighed(`p.birth_year <= 1990`));
    expect(adult.length).toBeGreaterThan(500);
    const jumps = adult.filter(([a, b]) => Math.abs(b.weight_kg - a.weight_kg) / a.weight_kg >= 0.1);
    expect(jumps).toEqual([]);
    // …but it does move: not the same number at every visit.
    expect(adult.filter(([a, b]) => a.weight_kg !== b.weight_kg).length / adult.length).toBeGreaterThan(0.5);
  });

  it('a child grows along their own curve: weight never drops by 10 %, length never shrinks by more than 1,5 cm', () => {
    const kids = pairs(weighed(`length(p.birth_date) = 10 AND p.birth_date >= '2016-07-01'`));
    expect(kids.length).toBeGreaterThan(200);
    expect(kids.filter(([a, b]) => (a.weight_kg - b.weight_kg) / a.weight_kg >= 0.1)).toEqual([]);
    expect(
      kids.filter(
        ([a, b]) => a.height_cm !== null && b.height_cm !== null && b.height_cm < a.height_cm - 1.5,
      ),
    ).toEqual([]);
  });

  it('measures head circumference under two and MUAC from 6 months, with a few children under 125 mm', () => {
    const docs = weighed(`length(p.birth_date) = 10 AND p.birth_date >= '2016-07-01'`).map(
      (r) => JSON.parse(r.data) as { headCircumferenceCm?: number; muacMm?: number },
    );
    const heads = docs.flatMap((d) => (d.headCircumferenceCm ? [d.headCircumferenceCm] : []));
    const arms = docs.flatMap((d) => (d.muacMm ? [d.muacMm] : []));
    expect(heads.length).toBeGreaterThan(50);
    expect(Math.min(...heads)).toBeGreaterThan(30);
    expect(Math.max(...heads)).toBeLessThan(53);
    expect(arms.length).toBeGreaterThan(50);
    const low = arms.filter((m) => m < 125).length / arms.length;
    expect(low).toBeGreaterThan(0);
    expect(low).toBeLessThan(0.1);
  });

  it('gives vitamin A from 6 to 59 months and deworming from 24 months, on the campaign days', () => {
    const db = t.core.ctx.store.raw;
    const one = (sql: string) => db.prepare(sql).pluck().get() as number;
    expect(one(`SELECT count(*) FROM child_supplements WHERE kind = 'vitamin_a'`)).toBeGreaterThan(100);
    expect(one(`SELECT count(*) FROM child_supplements WHERE kind = 'deworming'`)).toBeGreaterThan(100);
    const outside = `SELECT count(*) FROM child_supplements s JOIN persons p ON p.id = s.person_id WHERE `;
    expect(
      one(
        `${outside} s.kind = 'vitamin_a' AND (s.given_on < date(p.birth_date, '+6 months') OR s.given_on >= date(p.birth_date, '+60 months'))`,
      ),
    ).toBe(0);
    expect(one(`${outside} s.kind = 'deworming' AND s.given_on < date(p.birth_date, '+24 months')`)).toBe(0);
    expect(
      one(`SELECT count(*) FROM child_supplements WHERE substr(given_on, 6) NOT IN ('06-01', '12-01')`),
    ).toBe(0);
    // Most children aged 6–36 months had their vitamin A at the last campaign (1 June 2026).
    const young = one(
      `SELECT count(*) FROM persons WHERE length(birth_date) = 10 AND birth_date BETWEEN '2023-06-02' AND '2025-12-01'`,
    );
    const dosed = one(
      `SELECT count(DISTINCT s.person_id) FROM child_supplements s JOIN persons p ON p.id = s.person_id
       WHERE s.kind = 'vitamin_a' AND s.given_on = '2026-06-01' AND p.birth_date BETWEEN '2023-06-02' AND '2025-12-01'`,
    );
    expect(dosed / young).toBeGreaterThan(0.7);
    expect(dosed / young).toBeLessThan(0.95);
  });
});
