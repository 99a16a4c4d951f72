import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';

let t: TestCore;
afterEach(() => t?.close());

const card = {
  kind: 'cccd' as const,
  fullName: 'Lê Văn Lương',
  sex: 'M' as const,
  birthDate: '2002-05-23',
  cccd: '089202017098',
  cmnd: '352576714',
  address: 'Tổ 10 Ấp An Thái, Hòa Bình, Chợ Mới, An Giang',
  issuedOn: '2021-12-31',
};

describe('a scanned card', () => {
  it('becomes a registration draft with the old address mapped to the new units', async () => {
    t = await makeSignedInCore();
    const r = await t.ok('persons.fromCard', { card });
    expect(r.existing).toBeNull();
    expect(r.warnings).toEqual([]);
    expect(r.draft).toMatchObject({
      fullName: 'Lê Văn Lương',
      sex: 'M',
      birthDate: '2002-05-23',
      identifiers: [
        { kind: 'cccd', value: '089202017098', issuedOn: '2021-12-31' },
        { kind: 'cmnd', value: '352576714' },
      ],
      permanentAddress: { provinceCode: '91', communeCode: '30673', village: 'Tổ 10 Ấp An Thái' },
    });
    expect(r.address?.kind).toBe('mapped');
    // The draft saves as is (its sex read from the card).
    expect((await t.call('persons.create', { person: { ...r.draft, sex: r.draft.sex || 'F' } })).ok).toBe(
      true,
    );
  });

  it('finds the resident who holds the card’s numbers', async () => {
    t = await makeSignedInCore();
    const p = await t.ok('persons.create', {
      person: personInput({
        fullName: 'Lê Văn Lương',
        birthDate: '2002-05-23',
        identifiers: [{ kind: 'cccd', value: '089202017098' }],
      }),
    });
    expect((await t.ok('persons.fromCard', { card })).existing?.id).toBe(p.id);
    const bhyt = await t.ok('persons.create', {
      person: personInput({
        fullName: 'Nguyễn Tiến Đạt',
        birthDate: '1988-03-29',
        identifiers: [{ kind: 'bhyt', value: '0111077012' }],
      }),
    });
    const fromBhyt = await t.ok('persons.fromCard', {
      card: { kind: 'bhyt', fullName: 'Nguyễn Tiến Đạt', bhyt: { number: '0111077012' } },
    });
    expect(fromBhyt.existing?.id).toBe(bhyt.id);
  });

  it('warns when the card’s number contradicts its own sex or birth date', async () => {
    t = await makeSignedInCore();
    const r = await t.ok('persons.fromCard', { card: { ...card, sex: 'F' } });
    expect(r.warnings.join()).toMatch(/giới tính/);
  });
});

describe('a card without a sex on it', () => {
  it('leaves the sex for the user to choose instead of guessing', async () => {
    t = await makeSignedInCore();
    const r = await t.ok('persons.fromCard', {
      card: { kind: 'bhyt', fullName: 'Nguyễn Tiến Đạt', bhyt: { number: '0111077012' } },
    });
    expect(r.draft.sex).toBe('');
    expect((await t.ok('persons.fromCard', { card })).draft.sex).toBe('M');
  });
});
