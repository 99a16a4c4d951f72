import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';

let t: TestCore;
afterEach(() => t?.close());

describe('households', () => {
  it('gets a code from the station’s commune, lists members with the head first, and moves members', async () => {
    t = await makeSignedInCore();
    const dad = await t.ok('persons.create', { person: personInput({ fullName: 'Phạm Văn Bố', birthDate: '1970' }) });
    const kid = await t.ok('persons.create', { person: personInput({ fullName: 'Phạm Thị Con', sex: 'F', birthDate: '2010-01-01' }) });
    const hh = await t.ok('households.create', { village: 'Thôn Đông', headPersonId: dad.id });
    expect(hh.code).toBe('0000400001');
    await t.ok('households.moveMember', { personId: kid.id, toHouseholdId: hh.id, relationToHead: 'Con' });
    const view = await t.ok('households.get', { id: hh.id });
    expect(view.members.map((m) => [m.fullName, m.relationToHead, m.isHead])).toEqual([
      ['Phạm Văn Bố', 'Chủ hộ', true],
      ['Phạm Thị Con', 'Con', false],
    ]);
    expect((await t.ok('households.findByCode', { code: hh.code }))?.id).toBe(hh.id);

    // The grown child starts her own household: she heads it, the old one keeps its head.
    const own = await t.ok('households.moveMember', { personId: kid.id, toHouseholdId: null });
    expect(own.code).toBe('0000400002');
    expect(own.members).toMatchObject([{ fullName: 'Phạm Thị Con', isHead: true }]);
    expect((await t.ok('households.get', { id: hh.id })).members).toHaveLength(1);

    // Naming a new head.
    await t.ok('households.moveMember', { personId: kid.id, toHouseholdId: hh.id, relationToHead: 'Con' });
    const headed = await t.ok('households.setHead', { householdId: hh.id, personId: kid.id });
    expect(headed.headPersonId).toBe(kid.id);
    expect(headed.members.find((m) => m.id === dad.id)?.relationToHead).toBe('');
    expect(await t.call('households.setHead', { householdId: own.id, personId: dad.id })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
