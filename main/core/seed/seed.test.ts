import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestCore, type TestCore } from '../../../test/helpers/core.ts';
import { decodeBhyt, validateCccd } from '../registry/identity.ts';
import { seedStation } from './seed-station.ts';

let t: TestCore;
afterEach(() => t?.close());

interface Row {
  id: string;
  full_name: string;
  sex: 'M' | 'F';
  birth_date: string;
  birth_year: number;
  household_id: string;
  village: string;
}

function digest(t: TestCore): string {
  const rows = t.core.ctx.store.raw
    .prepare(
      `SELECT p.id, p.full_name, p.sex, p.birth_date, p.village, i.kind, i.value FROM persons p JOIN person_identifiers i ON i.person_id = p.id ORDER BY p.id, i.kind`,
    )
    .all();
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

describe('hssk seed', () => {
  it('is deterministic: the same seed gives the same commune, another seed another', async () => {
    t = makeTestCore();
    await seedStation(t.core.ctx, { persons: 800, seed: 'a' });
    const first = digest(t);
    t.close();
    t = makeTestCore();
    await seedStation(t.core.ctx, { persons: 800, seed: 'a' });
    expect(digest(t)).toBe(first);
    t.close();
    t = makeTestCore();
    await seedStation(t.core.ctx, { persons: 800, seed: 'b' });
    expect(digest(t)).not.toBe(first);
  });

  it('writes realistic residents: households with a head, ids consistent with sex and birth year', async () => {
    t = makeTestCore();
    const counts = await seedStation(t.core.ctx, { persons: 3000, seed: 'realistic', asOf: '2026-07-01' });
    expect(counts.persons).toBe(3000);
    const db = t.core.ctx.store.raw;
    const persons = db.prepare('SELECT * FROM persons').all() as Row[];
    expect(persons).toHaveLength(3000);

    // Every household has its head among its members; sizes look like Vietnamese households.
    const households = db.prepare('SELECT id, head_person_id FROM households').all() as {
      id: string;
      head_person_id: string;
    }[];
    const byId = new Map(persons.map((p) => [p.id, p]));
    for (const h of households) expect(byId.get(h.head_person_id)?.household_id).toBe(h.id);
    const meanSize = persons.length / households.length;
    expect(meanSize).toBeGreaterThan(2.5);
    expect(meanSize).toBeLessThan(4.5);

    // Names are Vietnamese, with diacritics, and đ/Đ is there.
    expect(
      persons.every(
        (p) => p.full_name === p.full_name.normalize('NFC') && p.full_name.split(' ').length >= 2,
      ),
    ).toBe(true);
    expect(persons.some((p) => /[đĐ]/.test(p.full_name))).toBe(true);
    expect(
      persons.filter((p) => /[ăâêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/.test(p.full_name)).length,
    ).toBeGreaterThan(2000);

    // A plausible pyramid: children, working ages and elderly all present in sensible shares.
    const age = (p: Row) => 2026 - p.birth_year;
    const share = (f: (p: Row) => boolean) => persons.filter(f).length / persons.length;
    expect(share((p) => age(p) < 15)).toBeGreaterThan(0.14);
    expect(share((p) => age(p) < 15)).toBeLessThan(0.3);
    expect(share((p) => age(p) >= 65)).toBeGreaterThan(0.05);
    expect(share((p) => age(p) >= 65)).toBeLessThan(0.18);
    expect(share((p) => p.sex === 'F')).toBeGreaterThan(0.45);
    expect(share((p) => p.sex === 'F')).toBeLessThan(0.55);

    // Every CCCD agrees with its holder's sex and birth year; BHYT numbers have a valid shape.
    const ids = db
      .prepare(
        `SELECT p.sex, p.birth_year, i.kind, i.value FROM person_identifiers i JOIN persons p ON p.id = i.person_id`,
      )
      .all() as {
      sex: 'M' | 'F';
      birth_year: number;
      kind: string;
      value: string;
    }[];
    for (const i of ids.filter((x) => x.kind === 'cccd')) {
      expect(validateCccd(i.value, { sex: i.sex, birthYear: i.birth_year }).errors).toEqual([]);
    }
    const bhyt = ids.filter((x) => x.kind === 'bhyt');
    expect(bhyt.length / persons.length).toBeGreaterThan(0.85);
    expect(bhyt.every((b) => decodeBhyt(b.value) !== null)).toBe(true);
    // Partial birth dates (year only) occur, mostly for the elderly.
    const yearOnly = persons.filter((p) => p.birth_date.length === 4);
    expect(yearOnly.length).toBeGreaterThan(0);
    expect(yearOnly.filter((p) => age(p) >= 50).length / yearOnly.length).toBeGreaterThan(0.8);
  });

  it('adds years of health records a station would have: follow-ups for its NCD patients, doses by the schedule, growth checks', async () => {
    t = makeTestCore();
    const counts = await seedStation(t.core.ctx, {
      persons: 2000,
      seed: 'health',
      asOf: '2026-07-01',
      years: 10,
    });
    const db = t.core.ctx.store.raw;
    const one = <T>(sql: string): T => db.prepare(sql).pluck().get() as T;
    expect(counts.visits).toBe(one<number>('SELECT count(*) FROM visits'));
    // Visits span the years asked for, all signed, none in the future.
    expect(one<string>('SELECT min(visit_on) FROM visits') < '2017-01-01').toBe(true);
    expect(one<string>('SELECT max(visit_on) FROM visits') <= '2026-07-01').toBe(true);
    expect(one<number>(`SELECT count(*) FROM visits WHERE status <> 'signed'`)).toBe(0);
    // Registers hold a plausible share of adults (a station manages a few per cent), each followed up often.
    const adults = one<number>('SELECT count(*) FROM persons WHERE birth_year <= 1991');
    const registered = one<number>('SELECT count(DISTINCT person_id) FROM ncd_registers');
    expect(registered / adults).toBeGreaterThan(0.03);
    expect(registered / adults).toBeLessThan(0.35);
    const followUps = one<number>(
      `SELECT count(*) FROM visits v JOIN ncd_registers r ON r.person_id = v.person_id WHERE v.systolic IS NOT NULL`,
    );
    expect(followUps / registered).toBeGreaterThan(10);
    // Registered hypertensives' blood pressure is higher on average than everyone else's.
    const meanSys = (where: string) =>
      one<number>(`SELECT avg(systolic) FROM visits v WHERE systolic IS NOT NULL AND ${where}`);
    const htn = `person_id IN (SELECT person_id FROM ncd_registers WHERE register = 'hypertension')`;
    expect(meanSys(htn)).toBeGreaterThan(meanSys(`NOT ${htn}`) + 10);
    // Children under five got their doses on the schedule: the birth dose of hepatitis B and BCG for most.
    const kids = one<number>(`SELECT count(*) FROM persons WHERE birth_date >= '2021-07-01'`);
    const withBcg = one<number>(
      `SELECT count(DISTINCT i.person_id) FROM immunizations i JOIN persons p ON p.id = i.person_id WHERE p.birth_date >= '2021-07-01' AND i.vaccine_code = 'BCG'`,
    );
    expect(withBcg / kids).toBeGreaterThan(0.8);
    // Doses respect the schedule's own rules: a demo must not be full of warnings the nurse would never see.
    await t.ok('auth.login', { username: 'quantri', password: 'hssk-demo-2026' });
    for (const id of db
      .prepare(`SELECT id FROM persons WHERE birth_date >= '2021-07-01' AND length(birth_date) = 10 LIMIT 25`)
      .pluck()
      .all() as string[]) {
      const { schedule } = await t.ok('record.get', { personId: id });
      expect(schedule.flatMap((d) => d.issues)).toEqual([]);
    }
    // No dose before birth.
    expect(
      one<number>(
        `SELECT count(*) FROM immunizations i JOIN persons p ON p.id = i.person_id WHERE length(p.birth_date) = 10 AND i.given_on < p.birth_date`,
      ),
    ).toBe(0);
  });
});
