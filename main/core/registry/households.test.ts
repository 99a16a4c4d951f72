import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';

let t: TestCore;
afterEach(() => t?.close());

describe('households', () => {
  it('gets a code from the station’s commune, lists members with the head first, and moves members', async () => {
    t = await makeSignedInCore();
    const dad = await t.ok('persons.create', {
      person: personInput({ fullName: 'Phạm Văn Bố', birthDate: '1970' }),
    });
    const kid = await t.ok('persons.create', {
      person: personInput({ fullName: 'Phạm Thị Con', sex: 'F', birthDate: '2010-01-01' }),
    });
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
    expect(await t.call('households.setHead', { householdId: own.id, personId: dad.id })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});

const count = (t: TestCore, sql: string) => (t.core.ctx.store.raw.prepare(sql).get() as { n: number }).n;

describe('creating households from the UI (issue 8, point 13)', () => {
  it('takes a typed code or generates one, refuses a code already used or malformed, and audits', async () => {
    t = await makeSignedInCore();
    const typed = await t.ok('households.create', {
      code: ' HK-0421 ',
      village: 'Thôn Bắc',
      address: 'Thôn Bắc, Phường Ba Đình',
    });
    expect(typed).toMatchObject({ code: 'HK-0421', village: 'Thôn Bắc', members: [], headPersonId: null });
    expect((await t.ok('households.create', { village: 'Thôn Nam' })).code).toBe('0000400001');
    const again = await t.call('households.create', { code: 'HK-0421' });
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Mã hộ gia đình HK-0421 đã có (Thôn Bắc).' },
    });
    const long = await t.call('households.create', { code: '1'.repeat(31) });
    expect(long).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'code' }] } },
    });
    if (!long.ok) expect(long.error.message).toMatch(/Mã.*tối đa 30 ký tự/);
    expect(await t.call('households.create', { code: 'hộ#1' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await t.call('households.create', { village: 'x'.repeat(101) })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const audit = await t.ok('audit.list', { entityId: typed.id });
    expect(audit.map((a) => a.action)).toEqual(['household.create']);
  });

  it('names a head who already heads another household: that household is left without a head', async () => {
    t = await makeSignedInCore();
    const dad = await t.ok('persons.create', { person: personInput({ fullName: 'Phạm Văn Bố' }) });
    const first = await t.ok('households.create', { headPersonId: dad.id });
    const second = await t.ok('households.create', { headPersonId: dad.id });
    expect(second.members.map((m) => [m.fullName, m.isHead])).toEqual([['Phạm Văn Bố', true]]);
    expect(await t.ok('households.get', { id: first.id })).toMatchObject({ headPersonId: null, members: [] });
  });

  it('is refused to a role that may only read', async () => {
    t = await makeSignedInCore();
    await t.ok('users.create', {
      username: 'chixem',
      fullName: 'Chỉ Xem',
      role: 'viewer',
      password: 'chi-xem-1234',
    });
    await t.ok('auth.logout', {});
    await t.ok('auth.login', { username: 'chixem', password: 'chi-xem-1234' });
    expect(await t.call('households.create', { village: 'Thôn Bắc' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect((await t.call('households.search', { q: 'HK' })).ok).toBe(true);
  });
});

describe('finding a household (issue 8, point 13)', () => {
  it('by the start of its code, or by the head’s name typed without diacritics, in any order', async () => {
    t = await makeSignedInCore();
    const hung = await t.ok('persons.create', {
      person: personInput({ fullName: 'Nguyễn Văn Hùng', currentAddress: { village: 'Thôn Bắc' } }),
    });
    const dung = await t.ok('persons.create', {
      person: personInput({ fullName: 'Nguyễn Văn Dũng', birthDate: '1970' }),
    });
    const a = await t.ok('households.create', {
      code: 'HK-0421',
      village: 'Thôn Bắc',
      headPersonId: hung.id,
    });
    const b = await t.ok('households.create', { code: 'HK-0500', headPersonId: dung.id });
    const kid = await t.ok('persons.create', {
      person: personInput({
        fullName: 'Nguyễn Thị Hùng Anh',
        birthDate: '2001',
        householdId: a.id,
        relationToHead: 'Con',
      }),
    });
    expect(kid.household?.id).toBe(a.id);

    const byCode = await t.ok('households.search', { q: 'hk-04' });
    expect(byCode.map((h) => h.code)).toEqual(['HK-0421']);
    expect(byCode[0]).toMatchObject({
      id: a.id,
      village: 'Thôn Bắc',
      headName: 'Nguyễn Văn Hùng',
      members: 2,
    });
    expect((await t.ok('households.search', { q: 'HK' })).map((h) => h.code)).toEqual(['HK-0421', 'HK-0500']);
    // Only heads are matched by name: the child "Hùng Anh" does not bring her household twice.
    expect((await t.ok('households.search', { q: 'hung nguyen' })).map((h) => h.id)).toEqual([a.id]);
    expect((await t.ok('households.search', { q: 'nguyen van' })).map((h) => h.id).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    expect(await t.ok('households.search', { q: '   ' })).toEqual([]);
    expect(await t.call('households.search', { q: 'x'.repeat(101) })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});

describe('registering a resident into a household (issue 8, point 13)', () => {
  it('creates a new household with the resident as its head, in the same step', async () => {
    t = await makeSignedInCore();
    const p = await t.ok('persons.create', {
      person: personInput({
        fullName: 'Nguyễn Văn Hùng',
        currentAddress: { village: 'Thôn Bắc', provinceCode: '01', communeCode: '00004', street: 'Số 5' },
      }),
      newHousehold: { code: '' },
    });
    expect(p).toMatchObject({
      relationToHead: 'Chủ hộ',
      household: { code: '0000400001', village: 'Thôn Bắc', headPersonId: p.id },
    });
    const hh = await t.ok('households.get', { id: p.household?.id ?? '' });
    expect(hh.address).toBe('Số 5, Thôn Bắc, Phường Ba Đình, Thành phố Hà Nội');
    const typed = await t.ok('persons.create', {
      person: personInput({ fullName: 'Trần Văn B', birthDate: '1980' }),
      newHousehold: { code: 'HK-9' },
    });
    expect(typed.household?.code).toBe('HK-9');
  });

  it('writes neither the household nor the resident when one of them is refused', async () => {
    t = await makeSignedInCore();
    await t.ok('households.create', { code: 'HK-9' });
    const r = await t.call('persons.create', { person: personInput(), newHousehold: { code: 'HK-9' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(count(t, 'SELECT count(*) AS n FROM persons')).toBe(0);
    const dup = await t.call('persons.create', {
      person: personInput({ birthDate: '2999-01-01' }),
      newHousehold: { code: '' },
    });
    expect(dup.ok).toBe(false);
    expect(count(t, 'SELECT count(*) AS n FROM households')).toBe(1);
  });

  it('moves an edited resident to another household, leaving the one they headed without a head', async () => {
    t = await makeSignedInCore();
    const p = await t.ok('persons.create', { person: personInput(), newHousehold: { code: 'HK-1' } });
    const other = await t.ok('households.create', { code: 'HK-2' });
    const moved = await t.ok('persons.update', {
      id: p.id,
      version: p.version,
      person: personInput({ householdId: other.id, relationToHead: 'Em' }),
    });
    expect(moved).toMatchObject({ household: { code: 'HK-2' }, relationToHead: 'Em' });
    expect((await t.ok('households.get', { id: p.household?.id ?? '' })).headPersonId).toBeNull();
    const own = await t.ok('persons.update', {
      id: p.id,
      version: moved.version,
      person: personInput({ householdId: other.id }),
      newHousehold: { code: 'HK-3' },
    });
    expect(own).toMatchObject({ household: { code: 'HK-3', headPersonId: p.id }, relationToHead: 'Chủ hộ' });
  });
});
