import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
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
});
