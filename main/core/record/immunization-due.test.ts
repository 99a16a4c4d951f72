import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, makeTestCore, type TestCore } from '../../../test/helpers/core.ts';
import { DEMO_STAFF, SEED_DEFAULTS, seedStation } from '../seed/seed-station.ts';
import { personInput } from '../../../test/helpers/persons.ts';
import { vnDay } from '../clock.ts';
import { dueOn, refreshStaleDue, staleDue, startDueRefresher } from './immunization-due.ts';

let t: TestCore;
afterEach(() => t?.close());
const shift = (days: number) => vnDay(new Date(Date.now() + days * 86_400_000));

describe('the immunisation due list', () => {
  it('is computed for new children in the background and again after a birth date is corrected', async () => {
    t = await makeSignedInCore();
    const kid = await t.ok('persons.create', {
      person: personInput({ fullName: 'Bé Mới', birthDate: shift(-10), sex: 'M' }),
    });
    await t.ok('persons.create', {
      person: personInput({ fullName: 'Ông Già', birthDate: '1940-01-01' }),
      confirmSimilar: true,
    });
    // Only the child needs a schedule.
    expect(staleDue(t.core.ctx, 100)).toEqual([kid.id]);

    const stop = startDueRefresher(t.core.ctx);
    for (let i = 0; i < 100 && staleDue(t.core.ctx, 1).length; i++)
      await new Promise((r) => setTimeout(r, 10));
    stop();
    expect(staleDue(t.core.ctx, 100)).toEqual([]);
    // Ten days old: the birth doses are due, the 2-month doses are not.
    const now = dueOn(t.core.ctx, shift(0), 10).people;
    expect(now.map((p) => p.personId)).toEqual([kid.id]);
    expect(now[0].doses.map((d) => d.code)).toContain('BCG');
    expect(now[0].doses.map((d) => d.code)).not.toContain('DPT-VGB-HIB-1');

    // The birth date was typed wrong: the child is really 100 days old, so the 2-month doses are overdue.
    const p = await t.ok('persons.get', { id: kid.id });
    await t.ok('persons.update', {
      id: kid.id,
      version: p.version,
      person: { ...personInput({ fullName: 'Bé Mới', sex: 'M' }), birthDate: shift(-100) },
    });
    expect(staleDue(t.core.ctx, 100)).toEqual([kid.id]);
    refreshStaleDue(t.core.ctx);
    expect(dueOn(t.core.ctx, shift(0), 10).people[0].doses.map((d) => d.code)).toContain('DPT-VGB-HIB-1');
  });

  it('drops a dose once it is too late, without recomputing', async () => {
    t = await makeSignedInCore();
    const kid = await t.ok('persons.create', {
      person: personInput({ fullName: 'Bé Sơ Sinh', birthDate: shift(0), sex: 'F' }),
    });
    refreshStaleDue(t.core.ctx);
    const codesOn = (day: string) =>
      dueOn(t.core.ctx, day, 10)
        .people.find((p) => p.personId === kid.id)
        ?.doses.map((d) => d.code) ?? [];
    // The hepatitis B birth dose is given in the first days only; BCG stays due.
    expect(codesOn(shift(0))).toEqual(expect.arrayContaining(['VGB-SS', 'BCG']));
    expect(codesOn(shift(40))).not.toContain('VGB-SS');
    expect(codesOn(shift(40))).toContain('BCG');
  });
});

describe('the answer kept for a day', () => {
  it('says who is due today by index, and works a row out again the day its answer changes', async () => {
    let now = Date.now();
    t = await makeSignedInCore({ clock: () => new Date(now) });
    const day = (offset = 0) => vnDay(new Date(now + offset * 86_400_000));
    // 55 days old: the birth doses are due; the 2-month doses fall due in a few days.
    const kid = await t.ok('persons.create', {
      person: personInput({ fullName: 'Bé Sắp Đến Hạn', birthDate: day(-55), sex: 'F' }),
    });
    refreshStaleDue(t.core.ctx);
    const row = () =>
      t.core.ctx.store.raw
        .prepare(
          'SELECT computed_on, due_now, first_due, next_change_on FROM immunization_due WHERE person_id = ?',
        )
        .get(kid.id) as { computed_on: string; due_now: number; first_due: string; next_change_on: string };
    const first = row();
    expect(first).toMatchObject({ computed_on: day(), due_now: 1, first_due: day(-55) });
    expect(first.next_change_on > day()).toBe(true);
    const codesOn = (d: string) =>
      dueOn(t.core.ctx, d, 10)
        .people.find((p) => p.personId === kid.id)
        ?.doses.map((x) => x.code);
    expect(codesOn(day())).not.toContain('DPT-VGB-HIB-1');
    expect(dueOn(t.core.ctx, day(), 10).total).toBe(1);

    // Ten days later the 2-month doses are due: the stored answer has expired; until the refresher
    // runs, the row is judged from its doses, and then by index again.
    now += 10 * 86_400_000;
    expect(staleDue(t.core.ctx, 10)).toEqual([kid.id]);
    expect(codesOn(day())).toContain('DPT-VGB-HIB-1');
    expect(dueOn(t.core.ctx, day(), 10).total).toBe(1);
    refreshStaleDue(t.core.ctx);
    expect(staleDue(t.core.ctx, 10)).toEqual([]);
    expect(row()).toMatchObject({ computed_on: day(), due_now: 1 });
    expect(codesOn(day())).toContain('DPT-VGB-HIB-1');
  });

  it('counts nobody who has moved away', async () => {
    t = await makeSignedInCore();
    const kid = await t.ok('persons.create', {
      person: personInput({ fullName: 'Bé Chuyển Đi', birthDate: shift(-100), sex: 'M' }),
    });
    refreshStaleDue(t.core.ctx);
    expect(dueOn(t.core.ctx, shift(0), 10).total).toBe(1);
    await t.ok('persons.setStatus', { id: kid.id, status: 'moved', date: shift(0), note: '' });
    refreshStaleDue(t.core.ctx);
    expect(dueOn(t.core.ctx, shift(0), 10).total).toBe(0);
  });

  it('lists a child registered a moment ago on "Hôm nay" right after a start, before the background look reaches it', async () => {
    // A station of 1,500 residents, closed and opened again: the look through every change since
    // start-up begins at the oldest, and the child just registered is the newest.
    const first = makeTestCore();
    await seedStation(first.core.ctx, { persons: 1500, years: 0 });
    first.core.close();
    t = makeTestCore({ dataDir: first.dir });
    await t.ok('auth.login', { username: DEMO_STAFF[1].username, password: SEED_DEFAULTS.password });
    const before = dueOn(t.core.ctx, shift(0), 1).total;
    const kid = await t.ok('persons.create', {
      person: personInput({ fullName: 'Bé Vừa Đăng Ký', birthDate: shift(-3), sex: 'F' }),
      confirmSimilar: true,
    });
    // The screen lists the 100 most overdue (seeded children without doses); the count includes her.
    expect((await t.ok('record.today', {})).totals.immunizationDue).toBe(before + 1);
    expect(dueOn(t.core.ctx, shift(0), 5000).people.find((p) => p.personId === kid.id)?.daysOverdue).toBe(3);
  });
});
