import type { Identifier } from '#contract/ops/persons.ts';
import { fold } from '#contract/text.ts';
import type { Store } from '../db/store.ts';
import { blankFields, fieldsToColumns, type PartAColumns } from '../registry/person-row.ts';
import { householdsBulk } from '../registry/repo/households.ts';
import { personsBulk } from '../registry/repo/persons.ts';
import type { SeedHousehold, SeedPerson, SeedPlace } from './commune.ts';

export interface SeedCounts {
  households: number;
  persons: number;
  identifiers: number;
}

/**
 * Writes generated households in batches of one transaction each (a 100,000-resident commune is
 * ~30,000 households), through the registry's bulk statements: not audited, and not marked for
 * upload (a demo commune is never sent to a province).
 */
export function writeSeed(
  store: Store,
  place: SeedPlace,
  source: Iterable<{ household: SeedHousehold; members: SeedPerson[] }>,
  createdAt: string,
  onProgress?: (counts: SeedCounts) => void,
): SeedCounts {
  const households = householdsBulk(store);
  const persons = personsBulk(store, { outbox: false });
  const counts: SeedCounts = { households: 0, persons: 0, identifiers: 0 };
  const blank = fieldsToColumns(blankFields());
  // A fresh demo file: if the machine dies mid-seed the file is simply generated again, so skip the
  // per-commit fsync and let the cache hold the whole working set.
  const synchronous = store.raw.pragma('synchronous', { simple: true });
  store.raw.pragma('synchronous = OFF');
  store.raw.pragma('cache_size = -200000');
  const flush = (batch: { household: SeedHousehold; members: SeedPerson[] }[]) =>
    store.tx(() => {
      for (const { household: h, members } of batch) {
        households.insert(
          { id: h.id, code: h.code, headPersonId: h.headPersonId, village: h.village, address: h.address },
          createdAt,
        );
        counts.households += 1;
        for (const p of members) {
          counts.identifiers += persons.insert(p.id, seedColumns(blank, place, h, p), {
            status: p.status,
            statusDate:
              p.status === 'deceased' ? p.deathDate : p.status === 'moved' ? createdAt.slice(0, 10) : null,
            identifiers: seedIdentifiers(p),
            now: createdAt,
            userId: null,
          });
          counts.persons += 1;
        }
      }
    });
  let batch: { household: SeedHousehold; members: SeedPerson[] }[] = [];
  for (const item of source) {
    batch.push(item);
    if (batch.length >= 2000) {
      flush(batch);
      batch = [];
      onProgress?.(counts);
    }
  }
  if (batch.length) flush(batch);
  store.raw.pragma(`synchronous = ${Number(synchronous)}`);
  store.raw.pragma('cache_size = -32000');
  onProgress?.(counts);
  return counts;
}

/** A generated resident's part A: what the generator knows, the rest left blank as a form would. */
function seedColumns(blank: PartAColumns, place: SeedPlace, h: SeedHousehold, p: SeedPerson): PartAColumns {
  return {
    ...blank,
    household_id: h.id,
    relation_to_head: p.relation,
    full_name: p.fullName,
    name_folded: fold(p.fullName),
    sex: p.sex,
    birth_date: p.birthDate,
    birth_year: p.birthYear,
    village: p.village,
    ethnicity_code: p.ethnicityCode,
    occupation: p.occupation,
    phone_mobile: p.phone ?? '',
    perm_text: h.address,
    perm_province_code: place.provinceCode,
    perm_commune_code: place.communeCode,
    perm_village: p.village,
    cur_text: h.address,
    cur_province_code: place.provinceCode,
    cur_commune_code: place.communeCode,
  };
}

/** CCCD, the old CMND where one was issued, the BHYT card (its BHXH number is derived on writing). */
function seedIdentifiers(p: SeedPerson): Identifier[] {
  const id = (kind: Identifier['kind'], value: string, validTo: string | null): Identifier => ({
    kind,
    value,
    issuedOn: null,
    issuedBy: '',
    validFrom: null,
    validTo,
  });
  return [
    id('cccd', p.cccd, null),
    ...(p.cmnd ? [id('cmnd', p.cmnd, null)] : []),
    ...(p.bhyt ? [id('bhyt', p.bhyt, p.bhytValidTo)] : []),
  ];
}
