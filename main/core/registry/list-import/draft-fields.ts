/**
 * A list row's person draft (import/person-row.ts) as the registry's part-A fields. Addresses are
 * read into the 2025 units once per distinct text (a commune's list repeats a few dozen
 * addresses); an address that cannot be read stays as text, in the station's own commune, since a
 * population list is the commune's. When the text names a commune or province that cannot be found
 * (a typo, or a unit that no longer exists), that assumption is said in the row's notes.
 */
import type { Address, Identifier, PersonFields } from '#contract/ops/persons.ts';
import { matchAddress, unitKey } from '../../codes/address.ts';
import type { CoreContext } from '../../context.ts';
import { fold } from '#contract/text.ts';
import type { PersonDraft, ReportNote } from '../list-reader/index.ts';

export const HEAD_RELATION = 'Chủ hộ';

/** The address, and a Vietnamese note when its commune had to be assumed. */
export type AddressReader = (text: string, village: string) => { address: Address; note: string | null };

/** Words that name an administrative unit: a text with one of them means to say where it is. */
const UNIT_WORD = /(^|[\s,.])(xa|phuong|thi tran|huyen|quan|thi xa|tinh|thanh pho|tp|dac khu)[\s.]/;

export function addressReader(ctx: Pick<CoreContext, 'store' | 'codes'>): AddressReader {
  const station = ctx.store.prepare('SELECT province_code, commune_code FROM station WHERE id = 1').get() as
    { province_code: string; commune_code: string } | undefined;
  const home = { provinceCode: station?.province_code ?? '', communeCode: station?.commune_code ?? '' };
  const homeName = home.communeCode ? unitKey(ctx.codes.commune(home.communeCode)?.fullName ?? '') : '';
  const memo = new Map<
    string,
    { provinceCode: string; communeCode: string; village: string; assumed: boolean }
  >();
  const resolve = (text: string) => {
    let hit = memo.get(text);
    if (!hit) {
      const m = text ? matchAddress(ctx.codes, text) : null;
      const known = m && (m.kind === 'new' || m.kind === 'mapped');
      const ours = m?.kind === 'ambiguous' && m.candidates.some((c) => c.communeCode === home.communeCode);
      const folded = known || ours || !text ? '' : fold(text);
      const assumed = !!folded && UNIT_WORD.test(folded) && !(homeName && folded.includes(homeName));
      hit = known
        ? { provinceCode: m.provinceCode, communeCode: m.communeCode, village: m.village, assumed: false }
        : { ...home, village: ours ? m.village : '', assumed };
      if (memo.size < 20_000) memo.set(text, hit);
    }
    return hit;
  };
  return (text, village) => {
    const r = resolve(text);
    return {
      address: {
        text,
        provinceCode: r.provinceCode,
        communeCode: r.communeCode,
        village: village || r.village,
        street: '',
      },
      note: r.assumed
        ? `«${text.length > 80 ? `${text.slice(0, 80)}…` : text}»: không tìm thấy xã/phường này trong danh mục đơn vị hành chính 2025; lưu địa chỉ như ghi, mã xã theo xã của trạm.`
        : null,
    };
  };
}

/**
 * Null when the row has no usable name, sex or birth date (a fatal row). Notes on the addresses
 * (a commune assumed) are added to `notes`.
 */
export function draftToFields(
  d: PersonDraft,
  readAddress: AddressReader,
  notes: ReportNote[] = [],
): PersonFields | null {
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
  const permanentRead = readAddress(d.permanentAddress, d.village);
  const currentRead = d.currentAddress ? readAddress(d.currentAddress, d.village) : null;
  const permanent = permanentRead.address;
  const current = currentRead ? currentRead.address : { ...permanent };
  const same = d.currentAddress === d.permanentAddress;
  for (const [label, read] of [
    [same ? 'Nơi thường trú và nơi ở hiện tại' : 'Nơi thường trú', permanentRead],
    ['Nơi ở hiện tại', same ? null : currentRead],
  ] as const) {
    if (read?.note) notes.push({ kind: 'warning', text: `Lưu ý: ${label} ${read.note}`, column: null });
  }
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
