import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, makeTestCore, type TestCore } from '../../../test/helpers/core.ts';

let t: TestCore;
afterEach(() => t?.close());

describe('codes.icd10Search: the diagnosis search for one person', () => {
  it('offers a man no pregnancy code, and says how many it left out and why', async () => {
    t = await makeSignedInCore();
    const forMan = await t.ok('codes.icd10Search', { q: 'mang thai', sex: 'M', ageYears: 40 });
    expect(forMan.hits.length).toBeGreaterThan(0);
    expect(forMan.hits.filter((h) => h.code.startsWith('O') || /^Z3[2-6]/.test(h.code))).toEqual([]);
    expect(forMan.hidden).toBeGreaterThan(0);
    expect(forMan.hiddenReason).toMatch(/chỉ dùng cho nữ.*người này là nam/);

    const forWoman = await t.ok('codes.icd10Search', { q: 'mang thai', sex: 'F', ageYears: 28 });
    expect(forWoman.hits.some((h) => h.code.startsWith('O'))).toBe(true);
    // Without a person, everything, as before.
    const anyone = await t.ok('codes.icd10Search', { q: 'o80' });
    expect(anyone.hits[0]).toEqual({ code: 'O80', name: expect.stringContaining('Đẻ') });
    expect(anyone.hidden).toBe(0);
    expect(await t.ok('codes.icd10Search', { q: '   ', sex: 'M' })).toEqual({
      hits: [],
      hidden: 0,
      hiddenReason: null,
    });
  });

  it('refuses a sex or an age out of range, naming the field and the range', async () => {
    t = await makeSignedInCore();
    const age = await t.call('codes.icd10Search', { q: 'ho', ageYears: 200 });
    expect(age).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/từ 0 đến 150/) },
    });
    expect(await t.call('codes.icd10Search', { q: 'ho', ageYears: -1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await t.call('codes.icd10Search', { q: 'ho', sex: 'X' as never })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await t.call('codes.icd10Search', { q: 'x'.repeat(101) })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await t.call('codes.icd10Search', { q: 'ho', limit: 51 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    // null means unknown, like leaving it out.
    expect((await t.ok('codes.icd10Search', { q: 'o80', sex: null, ageYears: null })).hits[0].code).toBe(
      'O80',
    );
  });

  it('needs a signed-in user', async () => {
    t = makeTestCore();
    expect(await t.call('codes.icd10Search', { q: 'ho' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });
});
