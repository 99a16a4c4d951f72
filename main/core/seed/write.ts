import { fold } from '#contract/text.ts';
import { decodeBhyt } from '../registry/identity.ts';
import type { Store } from '../db/store.ts';
import type { SeedHousehold, SeedPerson, SeedPlace } from './commune.ts';

export interface SeedCounts {
  households: number;
  persons: number;
  identifiers: number;
}

/**
 * Writes generated households in batches of one transaction each (a 100,000-resident commune is
 * ~30,000 households). Plain prepared statements: this is the bulk path, not the audited one.
 */
export function writeSeed(
  store: Store,
  place: SeedPlace,
  source: Iterable<{ household: SeedHousehold; members: SeedPerson[] }>,
  createdAt: string,
  onProgress?: (counts: SeedCounts) => void,
): SeedCounts {
  const insertHousehold = store.raw.prepare(
    `INSERT INTO households (id, code, head_person_id, village, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPerson = store.raw.prepare(
    `INSERT INTO persons (id, household_id, relation_to_head, full_name, name_folded, sex, birth_date, birth_year, village, status, status_date,
       ethnicity_code, occupation, phone_mobile, perm_text, perm_province_code, perm_commune_code, perm_village,
       cur_text, cur_province_code, cur_commune_code, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertIdentifier = store.raw.prepare(
    `INSERT INTO person_identifiers (person_id, kind, value, valid_to, created_at) VALUES (?, ?, ?, ?, ?)`,
  );
  const counts: SeedCounts = { households: 0, persons: 0, identifiers: 0 };
  const addId = (personId: string, kind: string, value: string, validTo: string | null) => {
    insertIdentifier.run(personId, kind, value, validTo, createdAt);
    counts.identifiers += 1;
  };
  // A fresh demo file: if the machine dies mid-seed the file is simply generated again, so skip the
  // per-commit fsync and let the cache hold the whole working set.
  const synchronous = store.raw.pragma('synchronous', { simple: true });
  store.raw.pragma('synchronous = OFF');
  store.raw.pragma('cache_size = -200000');
  const flush = (batch: { household: SeedHousehold; members: SeedPerson[] }[]) =>
    store.tx(() => {
      for (const { household: h, members } of batch) {
        insertHousehold.run(h.id, h.code, h.headPersonId, h.village, h.address, createdAt, createdAt);
        counts.households += 1;
        for (const p of members) {
          insertPerson.run(
            p.id,
            h.id,
            p.relation,
            p.fullName,
            fold(p.fullName),
            p.sex,
            p.birthDate,
            p.birthYear,
            p.village,
            p.status,
            p.status === 'deceased' ? p.deathDate : p.status === 'moved' ? createdAt.slice(0, 10) : null,
            p.ethnicityCode,
            p.occupation,
            p.phone ?? '',
            h.address,
            place.provinceCode,
            place.communeCode,
            p.village,
            h.address,
            place.provinceCode,
            place.communeCode,
            createdAt,
            createdAt,
          );
          counts.persons += 1;
          addId(p.id, 'cccd', p.cccd, null);
          if (p.cmnd) addId(p.id, 'cmnd', p.cmnd, null);
          if (p.bhyt) {
            addId(p.id, 'bhyt', p.bhyt, p.bhytValidTo);
            const bhxh = decodeBhyt(p.bhyt);
            if (bhxh && /^\d{10}$/.test(bhxh.bhxhNumber)) addId(p.id, 'bhxh', bhxh.bhxhNumber, p.bhytValidTo);
          }
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
