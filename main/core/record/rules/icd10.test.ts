import { describe, expect, it } from 'vitest';
import { defaultResourcesDir } from '../../paths.ts';
import { Icd10Catalogue, Icd10Index, type Icd10Row } from './icd10.ts';

const catalogue = new Icd10Catalogue(defaultResourcesDir);
const codes = (query: string, limit = 10) => catalogue.search(query, limit).map((h) => h.code);

describe('the shipped Vietnamese ICD-10 list', () => {
  it('has one row per code (15,022), duplicates resolved by the data README rule', () => {
    expect(catalogue.index.size).toBe(15022);
    const all = catalogue.index.entries().map((e) => e.code);
    expect(new Set(all).size).toBe(all.length);
    expect(catalogue.get('A34')?.name).toBe('Bệnh uốn ván sản khoa'); // not the fragment "sản khoa"
    expect(catalogue.get('E73')?.name).toBe('Không dung nạp lactose'); // not English run into Vietnamese
    expect(catalogue.get('C22')?.name).toBe('U ác tính ở gan và/hoặc đường mật trong gan'); // not the "Loại trừ" note
    expect(catalogue.get('I10')).toEqual({
      code: 'I10',
      name: 'Bệnh tăng huyết áp vô căn (nguyên phát)',
      nameEn: 'Essential (primary) hypertension',
    });
  });

  it('looks codes up with or without the dot, in any case', () => {
    expect(catalogue.get('e11.9')?.code).toBe('E11.9');
    expect(catalogue.get('E119')?.code).toBe('E11.9');
    expect(catalogue.get(' i10 ')?.code).toBe('I10');
    expect(catalogue.get('Z99.99')).toBeUndefined();
    expect(catalogue.get(42 as never)).toBeUndefined();
  });
});

describe('search by code', () => {
  it('exact code first, in any case and with or without the dot', () => {
    expect(catalogue.search('I10')[0]).toMatchObject({ code: 'I10', match: 'code' });
    expect(catalogue.search('i10')[0]).toMatchObject({ code: 'I10', match: 'code' });
    expect(catalogue.search('e11.9')[0]).toMatchObject({ code: 'E11.9', match: 'code' });
    expect(catalogue.search('E119')[0]).toMatchObject({ code: 'E11.9', match: 'code' });
  });

  it('then the codes it starts, in code order', () => {
    const hits = catalogue.search('e11', 11);
    expect(hits.map((h) => h.code)).toEqual([
      'E11',
      'E11.0',
      'E11.1',
      'E11.2',
      'E11.3',
      'E11.4',
      'E11.5',
      'E11.6',
      'E11.7',
      'E11.8',
      'E11.9',
    ]);
    expect(hits.slice(1).every((h) => h.match === 'code-prefix')).toBe(true);
    // Categories before subcodes: the three-character codes of J0x come first.
    expect(codes('J0', 11)).toEqual([
      'J00',
      'J01',
      'J02',
      'J03',
      'J04',
      'J05',
      'J06',
      'J09',
      'J01.0',
      'J01.1',
      'J01.2',
    ]);
  });

  it('ranks exact code, then code prefix, then names', () => {
    const index = new Icd10Index([
      ['X99', 'Bệnh giả có chữ b01 trong tên', ''],
      ['B01.9', 'Thủy đậu không biến chứng', 'Varicella without complication'],
      ['B01', 'Thủy đậu', 'Varicella'],
    ]);
    expect(index.search('b01').map((h) => [h.code, h.match])).toEqual([
      ['B01', 'code'],
      ['B01.9', 'code-prefix'],
      ['X99', 'name'],
    ]);
  });
});

describe('search by name', () => {
  it('is diacritic-insensitive: plain, NFC, NFD and đ input give the same answer', () => {
    const plain = codes('tang huyet ap');
    expect(plain[0]).toBe('I10');
    expect(codes('tăng huyết áp')).toEqual(plain);
    expect(codes('tăng huyết áp'.normalize('NFD'))).toEqual(plain);
    expect(codes('TĂNG HUYẾT ÁP')).toEqual(plain);
    expect(codes('đái tháo đường típ 2')[0]).toBe('E11');
    expect(codes('Đái Tháo Đường típ 2'.normalize('NFD'))[0]).toBe('E11');
    expect(codes('dai thao duong tip 2')[0]).toBe('E11');
  });

  it('matches words in any order', () => {
    expect(codes('huyet ap tang', 10)).toContain('I10');
    expect(codes('2 duong thao dai tip', 3)).toContain('E11');
  });

  it('matches word starts, as typed', () => {
    expect(codes('tang huy')[0]).toBe('I10');
    expect(codes('tăng h a')[0]).toBe('I10');
    expect(codes('viem hon')[0]).toBe('J02');
    expect(codes('dai thao duong type 2')[0]).toBe('E11'); // "type" is also searched as the catalogue's "típ"
  });

  it('knows a few everyday terms', () => {
    expect(codes('tieu duong', 6)).toEqual(expect.arrayContaining(['E10', 'E11', 'E14']));
    expect(codes('tiểu đường type 2')[0]).toBe('E11');
    expect(codes('cao huyet ap', 3)).toContain('I10');
    expect(codes('THA', 3)).toContain('I10');
    expect(codes('copd', 3)).toContain('J44');
  });

  it('prefers a whole word and an exact name: "ho" finds R05 "Ho" before "hội chứng"', () => {
    expect(codes('ho')[0]).toBe('R05');
    expect(codes('cum', 2)).toEqual(['J09', 'J11']);
  });

  it('mixes a code start with name words', () => {
    expect(codes('e11 bien chung than')).toEqual(['E11.2', 'E11.4']);
  });
});

describe('search never throws', () => {
  it.each(['', '   ', '!!!', '—', undefined, null, 42])('%j → no results', (q) => {
    expect(catalogue.search(q as never)).toEqual([]);
  });

  it('honours the limit (default 20, at most 200)', () => {
    expect(catalogue.search('benh')).toHaveLength(20);
    expect(catalogue.search('benh', 5)).toHaveLength(5);
    expect(catalogue.search('benh', 10_000)).toHaveLength(200);
    expect(catalogue.search('benh', -1)).toHaveLength(20);
  });

  it('tolerates malformed rows', () => {
    const index = new Icd10Index([
      ['A00', 'Bệnh tả', 'Cholera'],
      null,
      ['B', 3],
      'x',
    ] as unknown as Icd10Row[]);
    expect(index.size).toBe(1);
    expect(index.search('ta')[0].code).toBe('A00');
    expect(new Icd10Index(undefined as never).search('ta')).toEqual([]);
  });
});

describe('building the index without blocking', () => {
  it('Icd10Index.build gives the same answers as the constructor', async () => {
    const rows: Icd10Row[] = catalogue.index
      .entries()
      .slice(0, 3000)
      .map((e) => [e.code, e.name, e.nameEn]);
    const built = await Icd10Index.build(rows, 500);
    const direct = new Icd10Index(rows);
    for (const q of ['a0', 'ta', 'sot', 'viem', 'b2']) expect(built.search(q)).toEqual(direct.search(q));
  });

  it('Icd10Catalogue.prepare() builds the shipped list', async () => {
    const fresh = new Icd10Catalogue(defaultResourcesDir);
    await fresh.prepare();
    expect(fresh.search('I10')[0].code).toBe('I10');
  });
});
