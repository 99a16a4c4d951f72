import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { cccdFor, personInput } from '../../../test/helpers/persons.ts';

let t: TestCore;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await makeSignedInCore();
  const people = [
    ['hoa', { fullName: 'Nguyễn Thị Hoa', sex: 'F', birthDate: '1985-03-02', phoneMobile: '0912345678' }],
    ['duc', { fullName: 'Trần Minh Đức', sex: 'M', birthDate: '1990-07-20' }],
    [
      'an62',
      {
        fullName: 'Nguyễn Văn An',
        sex: 'M',
        birthDate: '1962-01-15',
        identifiers: [{ kind: 'cccd', value: cccdFor('M', 1962, '000111') }],
      },
    ],
    [
      'an75',
      {
        fullName: 'Nguyễn Văn An',
        sex: 'M',
        birthDate: '1975',
        identifiers: [{ kind: 'bhyt', value: 'GD4010123456789' }],
      },
    ],
    ['anh', { fullName: 'Nguyễn Văn Anh', sex: 'M', birthDate: '1980-01-01' }],
    [
      'dao',
      {
        fullName: 'Lê Thị Đào',
        sex: 'F',
        birthDate: '1970-09-09',
        identifiers: [{ kind: 'bhyt', value: '0199887766' }],
      },
    ],
    ['vanan', { fullName: 'Văn An Nguyên', sex: 'M', birthDate: '2001-02-03' }],
    ['hoa2', { fullName: 'Nguyễn Thị Hòa', sex: 'F', birthDate: '1950-03-02' }],
  ] as const;
  for (const [key, p] of people) {
    const r = await t.ok('persons.create', { person: personInput(p as never), confirmSimilar: true });
    ids[key] = r.id;
  }
});
afterAll(() => t.close());

const names = async (q: string) => (await t.ok('persons.search', { q })).results.map((r) => r.fullName);

describe('one search box', () => {
  it('ignores diacritics, đ/Đ and case', async () => {
    expect(await names('duc')).toContain('Trần Minh Đức');
    expect(await names('DUC')).toContain('Trần Minh Đức');
    expect(await names('đức')).toContain('Trần Minh Đức');
    expect(await names('dao')).toContain('Lê Thị Đào');
  });

  it('accepts decomposed (NFD) input as typed by some keyboards, and prefers the exact diacritics', async () => {
    expect(await names('Nguyễn Thị Hoa'.normalize('NFD'))).toEqual(['Nguyễn Thị Hoa', 'Nguyễn Thị Hòa']);
    expect(await names('Nguyễn Thị Hòa')).toEqual(['Nguyễn Thị Hòa', 'Nguyễn Thị Hoa']);
  });

  it('matches tokens in any order and as prefixes, with extra spaces', async () => {
    expect(await names('hoa nguyen')).toEqual(['Nguyễn Thị Hoa', 'Nguyễn Thị Hòa']);
    expect(await names('  ng   th  ho ')).toEqual(['Nguyễn Thị Hoa', 'Nguyễn Thị Hòa']);
    expect(await names('tran du')).toEqual(['Trần Minh Đức']);
  });

  it('narrows a name by birth year', async () => {
    const r = await t.ok('persons.search', { q: 'nguyen van an 1962' });
    expect(r.results.map((x) => x.id)).toEqual([ids.an62]);
    const partial = await t.ok('persons.search', { q: 'an nguyen 1975' });
    expect(partial.results.map((x) => x.id)).toEqual([ids.an75]);
  });

  it('ranks the exact name first, then names that start with it, then any-order matches', async () => {
    const r = await t.ok('persons.search', { q: 'nguyen van an' });
    expect(r.results.slice(0, 2).map((x) => x.matchedBy)).toEqual(['exact-name', 'exact-name']);
    expect(r.results.map((x) => x.fullName)).toEqual([
      'Nguyễn Văn An',
      'Nguyễn Văn An',
      'Nguyễn Văn Anh',
      'Văn An Nguyên',
    ]);
  });

  it('finds the holder of a CCCD, a BHYT card (or the BHXH number inside an old one), a phone or a household code', async () => {
    const byCccd = await t.ok('persons.search', { q: cccdFor('M', 1962, '000111') });
    expect(byCccd).toMatchObject({ kind: 'id', results: [{ id: ids.an62, matchedBy: 'identifier' }] });
    expect((await t.ok('persons.search', { q: '0199887766' })).results[0]).toMatchObject({
      id: ids.dao,
      matchedBy: 'identifier',
    });
    expect((await t.ok('persons.search', { q: 'gd4010123456789' })).results[0].id).toBe(ids.an75);
    expect((await t.ok('persons.search', { q: '0123456789' })).results[0].id).toBe(ids.an75);
    expect((await t.ok('persons.search', { q: '0912 345 678' })).results[0]).toMatchObject({
      id: ids.hoa,
      matchedBy: 'phone',
    });
    const hh = await t.ok('households.create', { village: 'Thôn Đông', headPersonId: ids.duc });
    expect((await t.ok('persons.search', { q: hh.code })).results[0]).toMatchObject({
      id: ids.duc,
      matchedBy: 'household',
    });
  });

  it('shows age, sex, village and the cards in each result', async () => {
    const [r] = (await t.ok('persons.search', { q: cccdFor('M', 1962, '000111') })).results;
    expect(r).toMatchObject({
      sex: 'M',
      village: 'Thôn Đông',
      cccd: cccdFor('M', 1962, '000111'),
      birthDate: '1962-01-15',
    });
    expect(r.age).toBeGreaterThanOrEqual(63);
  });

  it('answers nothing, not an error, for empty or punctuation-only queries and unknown numbers', async () => {
    expect(await t.ok('persons.search', { q: '   ' })).toEqual({ kind: 'empty', results: [] });
    expect(await t.ok('persons.search', { q: '"*()' })).toEqual({ kind: 'empty', results: [] });
    expect(await t.ok('persons.search', { q: '999999999999' })).toEqual({ kind: 'id', results: [] });
  });
});
