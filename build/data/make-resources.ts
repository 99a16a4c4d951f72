/**
 * Regenerates the code lists in resources/ from the researched data sets in ../shared/data.
 * The outputs are committed (CI has no ../shared); run this by hand when the data sets change:
 *   node build/data/make-resources.ts [path/to/shared/data]
 * Every value is copied, never edited, except the fixes listed in FIXES below (each with its reason).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const shared = process.argv[2] ?? join(import.meta.dirname, '../../../shared/data');
const out = join(import.meta.dirname, '../../resources');
const nfc = (s: string) => s.normalize('NFC').trim();

interface NewWard {
  Code: string;
  Name: string;
  FullName: string;
  ProvinceCode: string;
  AdministrativeUnitId: number;
}
interface NewProvince {
  Code: string;
  Name: string;
  FullName: string;
  AdministrativeUnitId: number;
  Wards: NewWard[];
}
interface OldWard {
  Code: string;
  FullName: string;
  DistrictCode: string;
}
interface OldDistrict {
  Code: string;
  FullName: string;
  ProvinceCode: string;
  Ward?: OldWard[];
}
interface OldProvince {
  Code: string;
  FullName: string;
  District: OldDistrict[];
}
interface Split {
  new_id: string;
  name: string;
}
interface SplitProvince {
  level1_id: string;
  splits: Split[];
  level3s: { level3_id: string; splits: Split[] }[];
}

// dvhcvn follows CV 1027/CTK-CSCL for two communes; GSO (and our new-unit list) uses other codes.
const FIXES: Record<string, string> = { '06970': '06978', '23737': '23938' };

function adminUnits(): void {
  const dir = join(shared, 'admin-units-2025');
  const provinces = JSON.parse(
    readFileSync(join(dir, 'full_json_generated_data_vn_units_2026-07-25__20_49_07.json'), 'utf8'),
  ) as NewProvince[];
  const communes = provinces.flatMap((p) => p.Wards);
  const known = new Set(communes.map((w) => w.Code));
  writeFileSync(
    join(out, 'codes/admin-units-2025.json'),
    JSON.stringify({
      source:
        'thanglequoc/vietnamese-provinces-database v4.2.0 (2026-07-25), MIT; 19/2025/QĐ-TTg + 30/2026/QH16',
      columns: {
        provinces: ['code', 'name', 'fullName', 'type'],
        communes: ['code', 'name', 'fullName', 'provinceCode', 'type'],
      },
      provinces: provinces.map((p) => [p.Code, nfc(p.Name), nfc(p.FullName), p.AdministrativeUnitId]),
      communes: communes.map((w) => [
        w.Code,
        nfc(w.Name),
        nfc(w.FullName),
        w.ProvinceCode,
        w.AdministrativeUnitId,
      ]),
    }),
  );

  const old = JSON.parse(
    readFileSync(join(dir, 'mapping/old_units_pre-2025-07-01_vn_only_simplified_minified.json'), 'utf8'),
  ) as OldProvince[];
  const splits = JSON.parse(readFileSync(join(dir, 'mapping/splits.json'), 'utf8')) as {
    data: SplitProvince[];
  };
  const newOf = new Map<string, string[]>();
  const provinceNew = new Map<string, string[]>();
  for (const p of splits.data) {
    provinceNew.set(
      p.level1_id,
      p.splits.map((s) => s.new_id),
    );
    for (const c of p.level3s) {
      const ids = c.splits.map((s) => FIXES[s.new_id] ?? s.new_id);
      for (const id of ids) if (!known.has(id)) throw new Error(`mapping points to unknown commune ${id}`);
      newOf.set(c.level3_id, ids);
    }
  }
  writeFileSync(
    join(out, 'codes/admin-units-old.json'),
    JSON.stringify({
      source:
        'old units: thanglequoc v2.4.1 (2025-07-19), MIT; old→new: dvhcvn/20250701 (2025-07-12), MIT, LLM-assisted — let users override',
      columns: {
        provinces: ['code', 'fullName', 'newProvinceCodes'],
        districts: ['code', 'fullName', 'provinceCode'],
        communes: ['code', 'fullName', 'districtCode', 'newCommuneCodes'],
      },
      provinces: old.map((p) => [p.Code, nfc(p.FullName), provinceNew.get(p.Code) ?? []]),
      districts: old.flatMap((p) => p.District.map((d) => [d.Code, nfc(d.FullName), p.Code])),
      communes: old.flatMap((p) =>
        p.District.flatMap((d) =>
          (d.Ward ?? []).map((w) => [w.Code, nfc(w.FullName), d.Code, newOf.get(w.Code) ?? []]),
        ),
      ),
    }),
  );
  copyFileSync(
    join(dir, 'LICENSE-thanglequoc-vietnamese-provinces-database.txt'),
    join(out, 'codes/LICENSE-thanglequoc-vietnamese-provinces-database.txt'),
  );
  copyFileSync(
    join(dir, 'mapping/LICENSE-dvhcvn-20250701.txt'),
    join(out, 'codes/LICENSE-dvhcvn-20250701.txt'),
  );
}

function csvRows(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(','));
}

function ethnicity(): void {
  const rows = csvRows(readFileSync(join(shared, 'codes/ethnicity.csv'), 'utf8')).slice(1);
  writeFileSync(
    join(out, 'codes/ethnicity.json'),
    JSON.stringify({
      source: 'QĐ 121-TCTK/PPCĐ (1979), 54 groups',
      items: rows.map(([code, name]) => ({ code, name: nfc(name) })),
    }),
  );
}

function names(): void {
  const dir = join(shared, 'names');
  // 178 lines spell Đ as Latin ETH (U+00D0); see shared/data/README.md.
  const clean = (s: string) => nfc(s.replace(/\u00D0/g, '\u0110').replace(/\u00F0/g, '\u0111'));
  const lines = (f: string) =>
    readFileSync(join(dir, 'duyet-vietnamese-namedb', f), 'utf8')
      .split(/\r?\n/)
      .map(clean)
      .filter(Boolean);
  const surnames = csvRows(readFileSync(join(dir, 'surnames_weighted_by_region.csv'), 'utf8'))
    .slice(1)
    .map(([region, , surname, w]) => ({ region, surname: clean(surname), weight: Number(w) }));
  const middle = csvRows(readFileSync(join(dir, 'middle_names_by_gender_region.csv'), 'utf8'))
    .slice(1)
    .map(([gender, region, era, name]) => ({ gender, region, era, name: clean(name) }));
  writeFileSync(
    join(out, 'seed/names.json'),
    JSON.stringify({
      source: 'duyet/vietnamese-namedb (MIT); hungnguyen18/vietnamese-name-generator data (MIT)',
      givenMale: [...new Set(lines('boy_one_word.txt'))],
      givenFemale: [...new Set(lines('girl_one_word.txt'))],
      givenMaleTwo: [...new Set(lines('boy.txt'))],
      givenFemaleTwo: [...new Set(lines('girl.txt'))],
      surnames,
      middle,
    }),
  );
  copyFileSync(
    join(dir, 'LICENSE-vietnamese-name-generator.txt'),
    join(out, 'seed/LICENSE-vietnamese-name-generator.txt'),
  );
  copyFileSync(
    join(dir, 'duyet-vietnamese-namedb/LICENSE.txt'),
    join(out, 'seed/LICENSE-duyet-vietnamese-namedb.txt'),
  );
}

mkdirSync(join(out, 'codes'), { recursive: true });
mkdirSync(join(out, 'seed'), { recursive: true });
adminUnits();
ethnicity();
names();
console.log('resources regenerated from', shared);
