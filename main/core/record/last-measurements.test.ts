import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';

/**
 * `last_measurements` (0025) is what the dashboard and the malnourished list read for a child's
 * last weighing: it must follow every signature, amendment and merge, as the visits themselves say.
 */
let t: TestCore;
afterEach(() => t?.close());

/** 10 June 2026, 10:00 in Vietnam. */
const NOW = '2026-06-10T03:00:00Z';
const PERIOD = { from: '2026-01-01', to: '2026-06-10' };

const kept = (personId: string) =>
  t.core.ctx.store.raw
    .prepare('SELECT visit_on, weight_kg, height_cm FROM last_measurements WHERE person_id = ?')
    .get(personId);

const malnourished = async () =>
  (await t.ok('reports.worklist', { ...PERIOD, kind: 'malnourished' })).rows.map((r) => r.personId);

async function sign(personId: string, visitOn: string, vitals: Record<string, number>) {
  const d = await t.ok('visits.start', { personId });
  return t.ok('visits.sign', { id: d.id, version: 1, visit: { visitOn, vitals } });
}

describe("a child's last measurement", () => {
  it('follows signatures and amendments: the latest exam with a weight or length, not one without', async () => {
    t = await makeSignedInCore({ clock: () => new Date(NOW) });
    // A boy of one year on 10 June: WHO's median is 9,6 kg, −2 SD 7,7 kg.
    const kid = await t.ok('persons.create', {
      person: personInput({ fullName: 'Bé Cân Đo', sex: 'M', birthDate: '2025-06-10' }),
      confirmSimilar: true,
    });
    await sign(kid.id, '2026-05-20', { weightKg: 7.0 });
    expect(kept(kid.id)).toEqual({ visit_on: '2026-05-20', weight_kg: 7, height_cm: null });
    expect(await malnourished()).toEqual([kid.id]);

    // A fever the next week, without weighing: the last measurement is still May's.
    const fever = await sign(kid.id, '2026-06-01', { temperatureC: 38.2 });
    expect(kept(kid.id)).toEqual({ visit_on: '2026-05-20', weight_kg: 7, height_cm: null });

    // The weight forgotten that day is added by amendment: now the child is on the curve.
    const amended = await t.ok('visits.amend', {
      id: fever.id,
      version: fever.version,
      visit: { visitOn: '2026-06-01', vitals: { temperatureC: 38.2, weightKg: 9.5 } },
      reason: 'Bổ sung cân nặng',
    });
    expect(kept(kid.id)).toEqual({ visit_on: '2026-06-01', weight_kg: 9.5, height_cm: null });
    expect(await malnourished()).toEqual([]);

    // …and taken out again (it was another child's): May's weighing is the last one once more.
    await t.ok('visits.amend', {
      id: fever.id,
      version: amended.version,
      visit: { visitOn: '2026-06-01', vitals: { temperatureC: 38.2 } },
      reason: 'Cân nặng của trẻ khác',
    });
    expect(kept(kid.id)).toEqual({ visit_on: '2026-05-20', weight_kg: 7, height_cm: null });
    expect(await malnourished()).toEqual([kid.id]);
  });

  it('moves with a merge: the survivor gets the later weighing, the duplicate keeps none', async () => {
    t = await makeSignedInCore({ clock: () => new Date(NOW) });
    const make = (fullName: string) =>
      t.ok('persons.create', {
        person: personInput({ fullName, sex: 'F', birthDate: '2024-12-10' }),
        confirmSimilar: true,
      });
    const survivor = await make('Bé Hợp Nhất');
    const dup = await make('Bé Hợp Nhất');
    await sign(survivor.id, '2026-03-02', { weightKg: 9.8, heightCm: 78 });
    await sign(dup.id, '2026-05-15', { weightKg: 7.4, heightCm: 77 });
    expect(await malnourished()).toEqual([dup.id]);
    await t.ok('persons.merge', { survivorId: survivor.id, mergedId: dup.id });
    expect(kept(survivor.id)).toEqual({ visit_on: '2026-05-15', weight_kg: 7.4, height_cm: 77 });
    expect(kept(dup.id)).toBeUndefined();
    expect(await malnourished()).toEqual([survivor.id]);
  });
});
