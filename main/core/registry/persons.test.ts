import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { cccdFor, personInput } from '../../../test/helpers/persons.ts';

let t: TestCore;
afterEach(() => t?.close());

const outbox = (t: TestCore, id: string) =>
  t.core.ctx.store.raw.prepare('SELECT state, version, op FROM sync_outbox WHERE entity_id = ?').get(id);

describe('registering and editing a resident (part A)', () => {
  it('stores every part-A field, normalises names and numbers, and reads them back', async () => {
    t = await makeSignedInCore();
    const created = await t.ok('persons.create', {
      person: personInput({
        fullName: '  Nguyễn   Thị Hồng Đào '.normalize('NFD'),
        sex: 'F',
        birthDate: '1988-02-29',
        bloodAbo: 'AB',
        bloodRh: '-',
        birthProvinceCode: '38',
        ethnicityCode: '06',
        nationality: 'vn',
        religion: 'Phật giáo',
        occupation: 'Giáo viên',
        identifiers: [
          {
            kind: 'cccd',
            value: '001 188 123 456',
            issuedOn: '2021-05-10',
            issuedBy: 'Cục Cảnh sát QLHC về TTXH',
          },
          { kind: 'bhyt', value: 'gd4010120878837', validFrom: '2026-01-01', validTo: '2026-12-31' },
        ],
        permanentAddress: {
          text: 'Tổ 10 Ấp An Thái, Hòa Bình, Chợ Mới, An Giang',
          provinceCode: '91',
          communeCode: '30673',
          village: 'Ấp An Thái',
        },
        phoneMobile: '+84 912.345.678',
        email: 'dao@example.vn',
        mother: { name: 'Trần Thị Mẹ', phone: '0987654321' },
        caregiver: { name: 'Nguyễn Văn Chồng', relation: 'Chồng', phone: '' },
      }),
    });
    expect(created.fullName).toBe('Nguyễn Thị Hồng Đào');
    expect(created.fullName).toBe(created.fullName.normalize('NFC'));
    const got = await t.ok('persons.get', { id: created.id });
    expect(got).toMatchObject({
      sex: 'F',
      birthDate: '1988-02-29',
      bloodAbo: 'AB',
      bloodRh: '-',
      nationality: 'VN',
      phoneMobile: '0912345678',
      permanentAddress: { communeCode: '30673', village: 'Ấp An Thái' },
      caregiver: { relation: 'Chồng' },
      version: 1,
      status: 'active',
    });
    expect(got.identifiers.map((i) => [i.kind, i.value])).toEqual([
      ['bhyt', 'GD4010120878837'],
      ['cccd', '001188123456'],
    ]);
    // Opening the record is on the audit trail, and the province will be told about the new resident.
    const audit = await t.ok('audit.list', { entityId: created.id });
    expect(audit.map((a) => a.action)).toEqual(['person.read', 'person.create']);
    expect(outbox(t, created.id)).toEqual({ state: 'pending', version: 1, op: 'upsert' });
  });

  it('refuses a CCCD whose gender/century digit contradicts the sex, pointing at the field', async () => {
    t = await makeSignedInCore();
    const r = await t.call('persons.create', {
      person: personInput({
        sex: 'F',
        birthDate: '1962-01-01',
        identifiers: [{ kind: 'cccd', value: cccdFor('M', 1962) }],
      }),
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.details).toMatchObject({ issues: [{ path: 'person.identifiers.0.value' }] });
    expect(r.error.message).toMatch(/giới tính/);
  });

  it('refuses a birth date in the future and impossible dates', async () => {
    t = await makeSignedInCore();
    expect(
      await t.call('persons.create', { person: personInput({ birthDate: '2999-01-01' }) }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(
      await t.call('persons.create', { person: personInput({ birthDate: '1990-02-30' }) }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await t.call('persons.create', { person: personInput({ birthDate: '1948' }) })).ok).toBe(true);
  });

  it('blocks a CCCD or BHYT someone already holds, naming that resident', async () => {
    t = await makeSignedInCore();
    const cccd = cccdFor('M', 1962, '777777');
    await t.ok('persons.create', {
      person: personInput({
        identifiers: [
          { kind: 'cccd', value: cccd },
          { kind: 'bhyt', value: '0100000001' },
        ],
      }),
    });
    const again = await t.call('persons.create', {
      person: personInput({ fullName: 'Người Khác', identifiers: [{ kind: 'cccd', value: cccd }] }),
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!again.ok)
      expect(again.error.message).toBe(
        `Số CCCD ${cccd} đã được đăng ký cho Nguyễn Văn An (sinh 1962, Thôn Đông).`,
      );
    // The same BHXH number on an old 15-character card is the same person too.
    const legacy = await t.call('persons.create', {
      person: personInput({ fullName: 'Ai Đó', identifiers: [{ kind: 'bhyt', value: 'GD4010100000001' }] }),
    });
    expect(legacy).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!legacy.ok) expect(legacy.error.message).toMatch(/BHXH 0100000001/);
  });

  it('warns about a probable duplicate (same name, birth date, sex) and saves once confirmed', async () => {
    t = await makeSignedInCore();
    await t.ok('persons.create', { person: personInput({ currentAddress: { village: 'Thôn Tây' } }) });
    await t.ok('persons.create', { person: personInput(), confirmSimilar: true });
    const check = await t.ok('persons.checkDuplicates', {
      person: personInput({ fullName: 'NGUYEN VAN AN' }),
    });
    expect(check.blocking).toEqual([]);
    expect(check.similar).toHaveLength(2);
    expect(check.similar[0]).toMatchObject({ sameVillage: true, person: { village: 'Thôn Đông' } });
    const warn = await t.call('persons.create', { person: personInput() });
    expect(warn).toMatchObject({ ok: false, error: { code: 'DUPLICATE_WARNING' } });
    // A year-only birth date in the same year is a candidate as well.
    expect(
      (await t.ok('persons.checkDuplicates', { person: personInput({ birthDate: '1962' }) })).similar,
    ).toHaveLength(2);
    expect((await t.call('persons.create', { person: personInput(), confirmSimilar: true })).ok).toBe(true);
  });

  it('edits with optimistic versioning, audits which fields changed and marks synced records as edited', async () => {
    t = await makeSignedInCore();
    const p = await t.ok('persons.create', { person: personInput() });
    t.core.ctx.store.raw
      .prepare(`UPDATE sync_outbox SET state = 'acknowledged' WHERE entity_id = ?`)
      .run(p.id);
    const edited = await t.ok('persons.update', {
      id: p.id,
      version: 1,
      person: personInput({ occupation: 'Nông dân', phoneMobile: '0987000111' }),
    });
    expect(edited).toMatchObject({ version: 2, occupation: 'Nông dân', phoneMobile: '0987000111' });
    expect(outbox(t, p.id)).toEqual({ state: 'edited', version: 2, op: 'upsert' });
    const [last] = await t.ok('audit.list', { entityId: p.id, limit: 1 });
    expect(last).toMatchObject({
      action: 'person.update',
      details: { fields: ['occupation', 'phoneMobile'] },
    });
    const stale = await t.call('persons.update', {
      id: p.id,
      version: 1,
      person: personInput({ occupation: 'X' }),
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'VERSION_CONFLICT' } });
  });
});

describe('lifecycle', () => {
  it('records a death with its date, leaves the active list, and can be reactivated', async () => {
    t = await makeSignedInCore();
    const p = await t.ok('persons.create', { person: personInput() });
    expect(await t.call('persons.setStatus', { id: p.id, status: 'deceased' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const dead = await t.ok('persons.setStatus', {
      id: p.id,
      status: 'deceased',
      date: '2025-12-01',
      note: 'Mất tại nhà',
    });
    expect(dead).toMatchObject({ status: 'deceased', statusDate: '2025-12-01', statusNote: 'Mất tại nhà' });
    expect((await t.ok('persons.list', {})).total).toBe(0);
    expect((await t.ok('persons.list', { filters: { status: 'deceased' } })).rows.map((r) => r.id)).toEqual([
      p.id,
    ]);
    const back = await t.ok('persons.setStatus', { id: p.id, status: 'active' });
    expect(back).toMatchObject({ status: 'active', statusDate: null });
    expect((await t.ok('persons.list', {})).total).toBe(1);
  });
});

describe('the resident list', () => {
  it('pages and filters by village, sex, age band and examined-this-year', async () => {
    t = await makeSignedInCore();
    const year = new Date().getFullYear();
    const mk = (fullName: string, sex: 'M' | 'F', birthDate: string, village: string) =>
      t.ok('persons.create', {
        person: personInput({ fullName, sex, birthDate, currentAddress: { village } }),
        confirmSimilar: true,
      });
    const a = await mk('Bé Ba', 'F', `${year - 2}-01-01`, 'Thôn Đông');
    await mk('Cụ Tư', 'M', '1940', 'Thôn Đông');
    await mk('Anh Năm', 'M', '1990-05-05', 'Thôn Tây');
    t.core.ctx.store.raw
      .prepare('UPDATE persons SET last_visit_on = ? WHERE id = ?')
      .run(`${year}-02-02`, a.id);
    const list = (filters: object, offset = 0, limit = 100) =>
      t.ok('persons.list', { filters, offset, limit });
    expect((await list({})).rows.map((r) => r.fullName)).toEqual(['Anh Năm', 'Bé Ba', 'Cụ Tư']);
    expect((await list({}, 1, 1)).rows.map((r) => r.fullName)).toEqual(['Bé Ba']);
    expect((await list({ village: 'Thôn Đông' })).total).toBe(2);
    expect((await list({ sex: 'F' })).rows.map((r) => r.fullName)).toEqual(['Bé Ba']);
    expect((await list({ ageBand: '0-5' })).rows.map((r) => r.fullName)).toEqual(['Bé Ba']);
    expect((await list({ ageBand: '60+' })).rows.map((r) => r.fullName)).toEqual(['Cụ Tư']);
    expect((await list({ examinedThisYear: 'yes' })).rows.map((r) => r.fullName)).toEqual(['Bé Ba']);
    expect((await list({ examinedThisYear: 'no' })).total).toBe(2);
    expect(await t.ok('persons.villages', {})).toEqual([
      { village: 'Thôn Tây', residents: 1 },
      { village: 'Thôn Đông', residents: 2 },
    ]);
  });
});

describe('part A items the form used to miss (issue 8, point 13)', () => {
  it('keeps A.7, the province where the birth was registered, and refuses a code not in the 2025 list', async () => {
    t = await makeSignedInCore();
    const p = await t.ok('persons.create', { person: personInput({ birthProvinceCode: '40' }) });
    expect((await t.ok('persons.get', { id: p.id })).birthProvinceCode).toBe('40');
    const bad = await t.call('persons.create', {
      person: personInput({ fullName: 'Người Khác', birthProvinceCode: '03' }),
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'person.birthProvinceCode' }] } },
    });
    if (!bad.ok) expect(bad.error.message).toMatch(/Nơi đăng ký khai sinh: mã tỉnh 03/);
  });

  it('keeps a landline and a mobile for the mother, the father and the caregiver (A.23)', async () => {
    t = await makeSignedInCore();
    const p = await t.ok('persons.create', {
      person: personInput({
        mother: { name: 'Lương Thị Mai', phone: '0912 111 222', landline: '0237 3851 234' },
        father: { name: 'Hồ Văn Sơn', phone: '', landline: '02383555666' },
        caregiver: {
          name: 'Lương Thị Hoa',
          relation: 'Bà ngoại',
          phone: '0977555666',
          landline: '+84 237 3999 888',
        },
      }),
    });
    expect(await t.ok('persons.get', { id: p.id })).toMatchObject({
      mother: { name: 'Lương Thị Mai', phone: '0912111222', landline: '02373851234' },
      father: { name: 'Hồ Văn Sơn', phone: '', landline: '02383555666' },
      caregiver: {
        name: 'Lương Thị Hoa',
        relation: 'Bà ngoại',
        phone: '0977555666',
        landline: '02373999888',
      },
    });
    const bad = await t.call('persons.create', {
      person: personInput({ mother: { name: 'X', phone: '', landline: '12345' } }),
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { issues: [{ path: 'person.mother.landline' }] } },
    });
    // Editing only a landline is a change the audit trail names.
    const edited = await t.ok('persons.update', {
      id: p.id,
      version: 1,
      person: personInput({
        mother: { name: 'Lương Thị Mai', phone: '0912111222', landline: '02373851235' },
        father: { name: 'Hồ Văn Sơn', phone: '', landline: '02383555666' },
        caregiver: {
          name: 'Lương Thị Hoa',
          relation: 'Bà ngoại',
          phone: '0977555666',
          landline: '02373999888',
        },
      }),
    });
    expect(edited).toMatchObject({ version: 2, mother: { landline: '02373851235' } });
  });
});
