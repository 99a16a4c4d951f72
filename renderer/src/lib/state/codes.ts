import type { AdminUnit, CodeItem } from '#contract';
import { api, unwrap } from '../api.ts';

/** Code lists change only with an app update: fetch each once per page load. */
let provinces: Promise<AdminUnit[]> | undefined;
const communes = new Map<string, Promise<AdminUnit[]>>();
let ethnicities: Promise<CodeItem[]> | undefined;

export const loadProvinces = (): Promise<AdminUnit[]> => (provinces ??= unwrap(api.codes.provinces({})));

export function loadCommunes(provinceCode: string): Promise<AdminUnit[]> {
  if (!provinceCode) return Promise.resolve([]);
  let p = communes.get(provinceCode);
  if (!p) {
    p = unwrap(api.codes.communes({ provinceCode }));
    communes.set(provinceCode, p);
  }
  return p;
}

export const loadEthnicities = (): Promise<CodeItem[]> => (ethnicities ??= unwrap(api.codes.ethnicities({})));
