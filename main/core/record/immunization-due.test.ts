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
