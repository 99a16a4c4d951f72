/**
 * The demo commune's pregnancies and family planning (issue 14 point 8) come in plausible
 * proportions: a few percent of women of 18–44 pregnant now with their antenatal visits, births with
 * a place and a mode, about two thirds of the other women of 20–49 using a method, the IUD first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../../test/helpers/core.ts';
import { seedStation } from './seed-station.ts';

let t: TestCore;
let counts: Awaited<ReturnType<typeof seedStation>>;
const asOf = '2026-07-01';
beforeAll(async () => {
  t = makeTestCore();
  counts = await seedStation(t.core.ctx, { persons: 4000, seed: 'maternal', asOf, years: 1 });
}, 120_000);
afterAll(() => t?.close());

const one = (sql: string, ...args: unknown[]) =>
  t.core.ctx.store.raw
    .prepare(sql)
    .pluck()
    .get(...args) as number;

describe('hssk seed: pregnancies and family planning', () => {
  it('a few percent of women of 18–44 are pregnant now, with their antenatal visits', () => {
    const women = one(
      `SELECT count(*) FROM persons WHERE status = 'active' AND sex = 'F' AND birth_year BETWEEN 1982 AND 2008`,
    );
    const open = one('SELECT count(*) FROM pregnancies WHERE outcome IS NULL');
    expect(open / women).toBeGreaterThan(0.02);
    expect(open / women).toBeLessThan(0.08);
    expect(counts.pregnancies).toBe(one('SELECT count(*) FROM pregnancies'));
    // Every open one is at most 40 weeks along, its EDD 280 days after its LMP.
    expect(one(`SELECT count(*) FROM pregnancies WHERE julianday(edd) - julianday(lmp) <> 280`)).toBe(0);
    expect(
      one(
        `SELECT count(*) FROM pregnancies WHERE outcome IS NULL AND julianday(?) - julianday(lmp) > 280`,
        asOf,
      ),
    ).toBe(0);
    // Visits: most open pregnancies past 14 weeks have had at least one; none before the LMP or after today.
    const pastFirst = one(
      `SELECT count(*) FROM pregnancies WHERE outcome IS NULL AND julianday(?) - julianday(lmp) >= 98`,
      asOf,
    );
    const visited = one(
      `SELECT count(DISTINCT p.id) FROM pregnancies p JOIN antenatal_visits v ON v.pregnancy_id = p.id
       WHERE p.outcome IS NULL AND julianday(?) - julianday(p.lmp) >= 98`,
      asOf,
    );
    expect(visited / pastFirst).toBeGreaterThan(0.7);
    expect(
      one(
        `SELECT count(*) FROM antenatal_visits v JOIN pregnancies p ON p.id = v.pregnancy_id WHERE v.visit_on < p.lmp OR v.visit_on >= ?`,
        asOf,
      ),
    ).toBe(0);
  });

  it('ended pregnancies are mostly births, each with a place, a mode and a weight', () => {
    const ended = one('SELECT count(*) FROM pregnancies WHERE outcome IS NOT NULL');
    const births = one(`SELECT count(*) FROM pregnancies WHERE outcome IN ('live-birth', 'stillbirth')`);
    expect(births / ended).toBeGreaterThan(0.75);
    expect(
      one(
        `SELECT count(*) FROM pregnancies WHERE outcome IN ('live-birth', 'stillbirth')
         AND (delivery_place = '' OR delivery_mode = '' OR baby_weight_g NOT BETWEEN 1500 AND 5000)`,
      ),
    ).toBe(0);
  });

  it('about two thirds of the other women of 20–49 use a method, the IUD the commonest', () => {
    const users = one(`SELECT count(DISTINCT person_id) FROM family_planning`);
    const eligible = one(
      `SELECT count(*) FROM persons s WHERE status = 'active' AND sex = 'F' AND birth_year BETWEEN 1977 AND 2006
       AND NOT EXISTS (SELECT 1 FROM pregnancies p WHERE p.person_id = s.id)`,
    );
    expect(users / eligible).toBeGreaterThan(0.5);
    expect(users / eligible).toBeLessThan(0.8);
    const top = t.core.ctx.store.raw
      .prepare('SELECT method FROM family_planning GROUP BY method ORDER BY count(*) DESC LIMIT 1')
      .pluck()
      .get();
    expect(top).toBe('iud');
    // A pill user's next check-up is after today, within three months.
    expect(
      one(
        `SELECT count(*) FROM family_planning WHERE method = 'pill' AND (follow_up_on <= ? OR julianday(follow_up_on) - julianday(?) > 93)`,
        asOf,
        asOf,
      ),
    ).toBe(0);
  });
});
