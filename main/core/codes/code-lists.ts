import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdminUnit, CodeItem } from '#contract/ops/codes.ts';

type ProvinceTuple = [code: string, name: string, fullName: string, type: number];
type CommuneTuple = [code: string, name: string, fullName: string, provinceCode: string, type: number];

export interface Commune extends AdminUnit {
  provinceCode: string;
}

/** The pre-2025 three-level units (63 provinces, districts, communes) and where each commune went. */
export interface OldUnits {
  provinces: { code: string; fullName: string; newProvinceCodes: string[] }[];
  districts: { code: string; fullName: string; provinceCode: string }[];
  communes: { code: string; fullName: string; districtCode: string; newCommuneCodes: string[] }[];
}

/**
 * Read-only code lists shipped in resources/codes. Each list is parsed on first use and kept:
 * start-up does not pay for lists a session never opens.
 */
export class CodeLists {
  readonly #dir: string;
  #provinces?: AdminUnit[];
  #communes?: Map<string, Commune>;
  #communesByProvince?: Map<string, Commune[]>;
  #ethnicities?: CodeItem[];
  #old?: OldUnits;

  constructor(resourcesDir: string) {
    this.#dir = join(resourcesDir, 'codes');
  }

  #json<T>(file: string): T {
    return JSON.parse(readFileSync(join(this.#dir, file), 'utf8')) as T;
  }

  #loadAdminUnits(): void {
    if (this.#provinces) return;
    const data = this.#json<{ provinces: ProvinceTuple[]; communes: CommuneTuple[] }>(
      'admin-units-2025.json',
    );
    this.#provinces = data.provinces.map(([code, name, fullName, type]) => ({ code, name, fullName, type }));
    this.#communes = new Map();
    this.#communesByProvince = new Map();
    for (const [code, name, fullName, provinceCode, type] of data.communes) {
      const c: Commune = { code, name, fullName, type, provinceCode };
      this.#communes.set(code, c);
      const list = this.#communesByProvince.get(provinceCode) ?? [];
      list.push(c);
      this.#communesByProvince.set(provinceCode, list);
    }
  }

  provinces(): AdminUnit[] {
    this.#loadAdminUnits();
    return this.#provinces ?? [];
  }

  province(code: string): AdminUnit | undefined {
    return this.provinces().find((p) => p.code === code);
  }

  communes(provinceCode: string): Commune[] {
    this.#loadAdminUnits();
    return this.#communesByProvince?.get(provinceCode) ?? [];
  }

  commune(code: string): Commune | undefined {
    this.#loadAdminUnits();
    return this.#communes?.get(code);
  }

  /** Loaded only when an old (three-level) address has to be read. */
  oldUnits(): OldUnits {
    if (!this.#old) {
      const d = this.#json<{
        provinces: [string, string, string[]][];
        districts: [string, string, string][];
        communes: [string, string, string, string[]][];
      }>('admin-units-old.json');
      this.#old = {
        provinces: d.provinces.map(([code, fullName, newProvinceCodes]) => ({
          code,
          fullName,
          newProvinceCodes,
        })),
        districts: d.districts.map(([code, fullName, provinceCode]) => ({ code, fullName, provinceCode })),
        communes: d.communes.map(([code, fullName, districtCode, newCommuneCodes]) => ({
          code,
          fullName,
          districtCode,
          newCommuneCodes,
        })),
      };
    }
    return this.#old;
  }

  ethnicities(): CodeItem[] {
    this.#ethnicities ??= this.#json<{ items: CodeItem[] }>('ethnicity.json').items;
    return this.#ethnicities;
  }
}
