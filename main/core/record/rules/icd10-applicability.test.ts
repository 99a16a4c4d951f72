import { describe, expect, it } from 'vitest';
import { defaultResourcesDir } from '../../paths.ts';
import { diagnosisWarnings, Icd10Catalogue, icdApplicability } from './icd10.ts';

const catalogue = new Icd10Catalogue(defaultResourcesDir);
/** Every code a search offers a person, up to 200. */
const offered = (q: string, sex: 'M' | 'F' | null, ageYears: number | null) =>
  catalogue.searchFor(q, 200, { sex, ageYears }).hits.map((h) => h.code);
const chapter = (codes: string[], letter: string) => codes.filter((c) => c.startsWith(letter));

describe('icdApplicability: WHO sex- and age-restricted categories', () => {
  it('pregnancy codes need a woman of childbearing age', () => {
    expect(icdApplicability('O80', 'F', 28)).toEqual({ ok: true });
    expect(icdApplicability('O80.0', 'M', 28)).toEqual({
      ok: false,
      reason:
        'Nhóm thai nghén, sinh đẻ và hậu sản (O00–O99) chỉ dùng cho nữ từ 10 đến 55 tuổi; người này là nam.',
    });
    expect(icdApplicability('o80.0', 'F', 70)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/người này 70 tuổi\.$/),
    });
    expect(icdApplicability('O80', 'F', 6)).toMatchObject({ ok: false });
    expect(icdApplicability('Z34.0', 'M', 30)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('Z32–Z36'),
    });
  });

  it('male and female genital organs', () => {
    for (const code of [
      'N40',
      'N41.0',
      'C61',
      'D07.5',
      'D29',
      'D40.0',
      'E29',
      'Q53',
      'R86',
      'Z12.5',
      'S31.2',
      'B26.0',
    ]) {
      expect([code, icdApplicability(code, 'F', 40).ok]).toEqual([code, false]);
      expect([code, icdApplicability(code, 'M', 40).ok]).toEqual([code, true]);
    }
    for (const code of [
      'N70',
      'N76.0',
      'N95.1',
      'N98',
      'C53.9',
      'D06',
      'D25.9',
      'D07.0',
      'E28.2',
      'Q51',
      'R87',
      'Z30.1',
      'Z31.2',
      'A34',
      'B37.3',
    ]) {
      expect([code, icdApplicability(code, 'M', 40).ok]).toEqual([code, false]);
      expect([code, icdApplicability(code, 'F', 40).ok]).toEqual([code, true]);
    }
    expect(icdApplicability('N76.0', 'M', 40)).toEqual({
      ok: false,
      reason: 'Nhóm bệnh cơ quan sinh dục nữ (N70–N98) chỉ dùng cho nữ; người này là nam.',
    });
  });

  it('leaves codes common to both sexes alone, and the edges of each range', () => {
    for (const code of [
      'C50',
      'C50.9',
      'D07',
      'D07.7',
      'N39.0',
      'N52',
      'N99.1',
      'Z30.0',
      'Z31.0',
      'I10',
      'E11.9',
      'Q56',
      'R85',
    ]) {
      expect([code, icdApplicability(code, 'M', 40).ok, icdApplicability(code, 'F', 40).ok]).toEqual([
        code,
        true,
        true,
      ]);
    }
  });

  it('neonatal and perinatal codes belong to young children', () => {
    expect(icdApplicability('A33', null, 0.05)).toEqual({ ok: true });
    expect(icdApplicability('A33', null, 3)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('trẻ dưới 1 tuổi'),
    });
    expect(icdApplicability('R95', 'M', 2)).toMatchObject({ ok: false });
    expect(icdApplicability('Z38.0', 'F', 0)).toEqual({ ok: true });
    // Chapter P "includes conditions that have their origin in the perinatal period even though
    // morbidity occurs later": a child may carry one, an adult is refused.
    expect(icdApplicability('P07.3', 'M', 6)).toEqual({ ok: true });
    expect(icdApplicability('P07.3', 'M', 45)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('dưới 18 tuổi'),
    });
    // Two rules at once: P54.6 is both perinatal and female.
    expect(icdApplicability('P54.6', 'M', 0)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('nữ'),
    });
    expect(icdApplicability('Z00.1', null, 30)).toMatchObject({ ok: false });
    expect(icdApplicability('Z00.1', null, 4)).toEqual({ ok: true });
  });

  it('judges only what is known: unknown sex or age passes that part', () => {
    expect(icdApplicability('O80', null, null)).toEqual({ ok: true });
    expect(icdApplicability('O80', null, 70)).toMatchObject({ ok: false });
    expect(icdApplicability('O80', 'M', null)).toMatchObject({ ok: false });
    expect(icdApplicability('N40', null, 30)).toEqual({ ok: true });
  });

  it('never throws on odd input', () => {
    for (const code of ['', '  ', 'xyz', '12', null, undefined, 42]) {
      expect(icdApplicability(code as never, 'M', 40)).toEqual({ ok: true });
    }
    expect(icdApplicability('O80', 'X' as never, Number.NaN)).toEqual({ ok: true });
    expect(icdApplicability('O80', 'F', -3)).toEqual({ ok: true });
  });
});

describe('diagnosisWarnings: what the sign-time confirmation lists', () => {
  it('one message per chosen diagnosis that cannot apply, free text ignored', () => {
    const dx = [{ code: 'I10' }, { code: 'O80.0' }, { code: '' }, { code: 'N40' }, { code: 'O80.0' }];
    expect(diagnosisWarnings(dx, 'M', 60)).toEqual([
      {
        code: 'O80.0',
        message:
          'O80.0: Nhóm thai nghén, sinh đẻ và hậu sản (O00–O99) chỉ dùng cho nữ từ 10 đến 55 tuổi; người này là nam.',
      },
    ]);
    expect(diagnosisWarnings(dx, 'F', 30).map((w) => w.code)).toEqual(['N40']);
    expect(diagnosisWarnings(dx, null, null)).toEqual([]);
    expect(diagnosisWarnings(undefined as never, 'M', 1)).toEqual([]);
  });
});

describe('searching for a person', () => {
  it('a man typing "mang thai" is offered no pregnancy code, and told how many were hidden', () => {
    const all = offered('mang thai', null, null);
    expect(chapter(all, 'O').length).toBeGreaterThan(0);
    const forMan = catalogue.searchFor('mang thai', 200, { sex: 'M', ageYears: 40 });
    expect(
      chapter(
        forMan.hits.map((h) => h.code),
        'O',
      ),
    ).toEqual([]);
    expect(forMan.hits.map((h) => h.code)).not.toContain('Z33');
    expect(forMan.hidden).toBeGreaterThan(0);
    expect(forMan.hiddenReason).toMatch(/người này là nam/);
    expect(offered('o80', 'M', 30)).toEqual([]);
  });

  it('a 70-year-old woman is offered no O-codes; a woman of 30 is', () => {
    expect(chapter(offered('de thuong', 'F', 70), 'O')).toEqual([]);
    expect(chapter(offered('o8', 'F', 70), 'O')).toEqual([]);
    expect(offered('o80', 'F', 30)[0]).toBe('O80');
  });

  it('a 40-year-old man is offered nothing from N70–N98', () => {
    const codes = [...offered('viem', 'M', 40), ...offered('n7', 'M', 40), ...offered('n9', 'M', 40)];
    expect(codes.filter((c) => c >= 'N70' && c < 'N99')).toEqual([]);
    expect(offered('n9', 'M', 40)).toContain('N99');
  });

  it('children: no pregnancy codes for a girl of 6, neonatal codes for a baby only', () => {
    expect(chapter(offered('thai', 'F', 6), 'O')).toEqual([]);
    expect(offered('uon van so sinh', 'M', 0)).toContain('A33');
    expect(offered('uon van so sinh', 'M', 30)).not.toContain('A33');
    expect(chapter(offered('vang da', 'F', 0), 'P').length).toBeGreaterThan(0);
    expect(chapter(offered('vang da', 'F', 50), 'P')).toEqual([]);
  });

  it('unknown sex and age: everything, exactly as the plain search', () => {
    for (const q of ['mang thai', 'o8', 'tang huyet ap', 'n4']) {
      const r = catalogue.searchFor(q, 30, { sex: null, ageYears: null });
      expect(r.hits.map((h) => h.code)).toEqual(catalogue.search(q, 30).map((h) => h.code));
      expect(r.hidden).toBe(0);
      expect(r.hiddenReason).toBeNull();
    }
  });

  it('still honours the limit after filtering', () => {
    expect(catalogue.searchFor('benh', 15, { sex: 'M', ageYears: 40 }).hits).toHaveLength(15);
    expect(catalogue.searchFor('', 15, { sex: 'M', ageYears: 40 })).toEqual({
      hits: [],
      hidden: 0,
      hiddenReason: null,
    });
  });
});
