import type { AddressMatch } from '#contract/ops/persons.ts';
import { fold } from '#contract/text.ts';
import type { CodeLists } from './code-lists.ts';

/**
 * Reads an address written as text — from a card, a form or an imported list — into the 2025 units.
 * Cards issued before 1 July 2025 print three levels ("…, Hòa Bình, Chợ Mới, An Giang"): those are
 * mapped old commune → new commune with the published mapping; when an old commune was split, the
 * candidates are returned for the user to choose (the mapping is very good but not official).
 */

const UNIT_WORDS = /^(tinh|thanh pho|tp\.?|huyen|quan|thi xa|tx\.?|xa|phuong|p\.|thi tran|tt\.?|dac khu)\s+/;

/** "Thành phố Hà Nội", "TP. Hồ Chí Minh", "Tỉnh Thừa Thiên - Huế" → "ha noi", "ho chi minh", "thua thien hue". */
export function unitKey(name: string): string {
  let s = fold(name).replace(/[-–.]/g, ' ').replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 2; i++) s = s.replace(UNIT_WORDS, '');
  return s.replace(/^0+(\d)/, '$1');
}

interface Indexes {
  newProvinces: Map<string, string>;
  newCommunes: Map<string, Map<string, string>>;
  oldProvinces: Map<string, string[]>;
}

const cache = new WeakMap<CodeLists, Indexes>();

function indexes(codes: CodeLists): Indexes {
  let ix = cache.get(codes);
  if (ix) return ix;
  const newProvinces = new Map<string, string>();
  const newCommunes = new Map<string, Map<string, string>>();
  for (const p of codes.provinces()) {
    newProvinces.set(unitKey(p.fullName), p.code);
    const m = new Map<string, string>();
    for (const c of codes.communes(p.code)) m.set(unitKey(c.fullName), c.code);
    newCommunes.set(p.code, m);
  }
  const oldProvinces = new Map<string, string[]>();
  // Common ways of writing a few old provinces.
  const aliases: Record<string, string> = {
    hcm: 'ho chi minh',
    tphcm: 'ho chi minh',
    hue: 'thua thien hue',
    'ba ria vung tau': 'ba ria vung tau',
  };
  for (const p of codes.oldUnits().provinces) {
    const key = unitKey(p.fullName);
    oldProvinces.set(key, [...(oldProvinces.get(key) ?? []), p.code]);
  }
  for (const [alias, target] of Object.entries(aliases)) {
    const hit = oldProvinces.get(target);
    if (hit && !oldProvinces.has(alias)) oldProvinces.set(alias, hit);
  }
  ix = { newProvinces, newCommunes, oldProvinces };
  cache.set(codes, ix);
  return ix;
}

const empty = (note: string, provinceCode = ''): AddressMatch => ({
  kind: 'unknown',
  provinceCode,
  communeCode: '',
  village: '',
  candidates: [],
  note,
});

export function matchAddress(codes: CodeLists, text: string): AddressMatch {
  const parts = text
    .normalize('NFC')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length < 2) return empty('Chưa đọc được xã/phường và tỉnh từ địa chỉ; hãy chọn trong danh sách.');
  const ix = indexes(codes);
  const rest = (n: number) => parts.slice(0, parts.length - n).join(', ');

  // 1. The old three-level form, "…, commune, district, province", when it names a real old commune.
  //    Tried first: an old district often shares its name with a new commune ("Chợ Mới, An Giang").
  const old = codes.oldUnits();
  const provinceCodes = ix.oldProvinces.get(unitKey(parts[parts.length - 1])) ?? [];
  if (provinceCodes.length && parts.length >= 3) {
    const districtKey = unitKey(parts[parts.length - 2]);
    const districts = old.districts.filter(
      (d) => provinceCodes.includes(d.provinceCode) && unitKey(d.fullName) === districtKey,
    );
    const communeKey = unitKey(parts[parts.length - 3]);
    const communes = old.communes.filter(
      (c) => districts.some((d) => d.code === c.districtCode) && unitKey(c.fullName) === communeKey,
    );
    if (communes.length === 1) {
      const c = communes[0];
      const district = districts.find((d) => d.code === c.districtCode);
      const province = old.provinces.find((p) => p.code === district?.provinceCode);
      const candidates = c.newCommuneCodes.flatMap((code) => {
        const n = codes.commune(code);
        const np = n ? codes.province(n.provinceCode) : undefined;
        return n && np
          ? [{ provinceCode: np.code, communeCode: n.code, label: `${n.fullName}, ${np.fullName}` }]
          : [];
      });
      const oldName = `${c.fullName}, ${district?.fullName ?? ''}, ${province?.fullName ?? ''}`;
      if (candidates.length === 1) {
        return {
          kind: 'mapped',
          provinceCode: candidates[0].provinceCode,
          communeCode: candidates[0].communeCode,
          village: rest(3),
          candidates,
          note: `Địa chỉ cũ ${oldName} nay là ${candidates[0].label}.`,
        };
      }
      if (candidates.length > 1) {
        return {
          kind: 'ambiguous',
          provinceCode: candidates[0].provinceCode,
          communeCode: '',
          village: rest(3),
          candidates,
          note: `${oldName} nay được chia cho ${candidates.length} xã/phường. Hãy chọn đúng nơi người này ở.`,
        };
      }
    }
  }

  // 2. The 2025 two-level form: "…, Xã Nông Cống, Tỉnh Thanh Hóa".
  const newProvince = ix.newProvinces.get(unitKey(parts[parts.length - 1]));
  if (newProvince) {
    const commune = ix.newCommunes.get(newProvince)?.get(unitKey(parts[parts.length - 2]));
    if (commune) {
      return {
        kind: 'new',
        provinceCode: newProvince,
        communeCode: commune,
        village: rest(2),
        candidates: [],
        note: '',
      };
    }
  }

  // 3. Only the province could be read (an old province maps to its 2025 successor).
  if (provinceCodes.length) {
    const p = codes.province(
      old.provinces.find((x) => provinceCodes.includes(x.code))?.newProvinceCodes[0] ?? '',
    );
    return empty(
      'Không tìm thấy xã/phường cũ trong danh mục; hãy chọn xã/phường mới trong danh sách.',
      p?.code ?? '',
    );
  }
  return empty('Chưa đọc được xã/phường và tỉnh từ địa chỉ; hãy chọn trong danh sách.', newProvince ?? '');
}
