/**
 * A list row's person draft (import/person-row.ts) as the registry's part-A fields. Addresses are
 * read into the 2025 units once per distinct text (a commune's list repeats a few dozen
 * addresses); an address that cannot be read stays as text, in the station's own commune, since a
 * population list is the commune's.
 */
import type { Address, Identifier, PersonFields } from '../../../../preload/contract/ops/persons.ts';
import { matchAddress } from '../../codes/address.ts';
import type { CoreContext } from '../../context.ts';
import type { PersonDraft } from '../import/index.ts';

export const HEAD_RELATION = 'Chủ hộ';

export type AddressReader = (text: string, village: string) => Address;

export function addressReader(ctx: Pick<CoreContext, 'store' | 'codes'>): AddressReader {
  const station = ctx.store.prepare('SELECT province_code, commune_code FROM station WHERE id = 1').get() as
    { province_code: string; commune_code: string } | undefined;
  const home = { provinceCode: station?.province_code ?? '', communeCode: station?.commune_code ?? '' };
  const memo = new Map<string, { provinceCode: string; communeCode: string; village: string }>();
  const resolve = (text: string) => {
    let hit = memo.get(text);
    if (!hit) {
      const m = text ? matchAddress(ctx.codes, text) : null;
      const known = m && (m.kind === 'new' || m.kind === 'mapped');
      const ours = m?.kind === 'ambiguous' && m.candidates.some((c) => c.communeCode === home.communeCode);
      hit = known
        ? { provinceCode: m.provinceCode, communeCode: m.communeCode, village: m.village }
        : { ...home, village: ours ? m.village : '' };
      if (memo.size < 20_000) memo.set(text, hit);
    }
    return hit;
  };
  return (text, village) => {
    const r = resolve(text);
    return {
      text,
      provinceCode: r.provinceCode,
      communeCode: r.communeCode,
      village: village || r.village,
      street: '',
    };
  };
}

/** Null when the row has no usable name, sex or birth date (a fatal row). */
export function draftToFields(d: PersonDraft, readAddress: AddressReader): PersonFields | null {
  if (!d.fullName || !d.sex || !d.birthDate) return null;
  const identifiers: Identifier[] = [];
  const id = (
    kind: Identifier['kind'],
    value: string,
    issuedOn: string | null = null,
    issuedBy = '',
  ): Identifier => ({
    kind,
    value,
    issuedOn,
    issuedBy,
    validFrom: null,
    validTo: null,
  });
  if (d.cccd) identifiers.push(id('cccd', d.cccd, d.idIssuedOn, d.idIssuedBy));
  if (d.cmnd) identifiers.push(id('cmnd', d.cmnd, d.cccd ? null : d.idIssuedOn, d.cccd ? '' : d.idIssuedBy));
  if (d.bhyt) identifiers.push(id('bhyt', d.bhyt.toUpperCase()));
  const permanent = readAddress(d.permanentAddress, d.village);
  const current = d.currentAddress ? readAddress(d.currentAddress, d.village) : { ...permanent };
  return {
    fullName: d.fullName,
    sex: d.sex,
    birthDate: d.birthDate,
    householdId: null,
    relationToHead: d.isHouseholdHead ? HEAD_RELATION : d.relationToHead,
    bloodAbo: '',
    bloodRh: '',
    birthProvinceCode: '',
    ethnicityCode: d.ethnicityCode,
    nationality: d.nationality || 'VN',
    religion: d.religion,
    occupation: d.occupation,
    identifiers,
    permanentAddress: permanent,
    currentAddress: current,
    phoneMobile: d.phoneMobile,
    phoneLandline: d.phoneLandline,
    email: d.email,
    mother: { name: d.motherName, phone: '' },
    father: { name: d.fatherName, phone: '' },
    caregiver: { name: d.caregiverName, phone: '', relation: '' },
    shareConsent: true,
  };
}
