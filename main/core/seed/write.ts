import { fold } from '../registry/fold.ts';
import type { Store } from '../db/store.ts';
import type { SeedHousehold, SeedPerson } from './commune.ts';

export interface SeedCounts {
  households: number;
  persons: number;
  identifiers: number;
}

/**
 * Writes generated households in batches of one transaction each (a 100,000-resident commune is
 * ~27,000 households). Plain prepared statements: this is the bulk path, not the audited one.
 */
export function writeSeed(
  store: Store,
  source: Iterable<{ household: SeedHousehold; members: SeedPerson[] }>,
  createdAt: string,
  onProgress?: (counts: SeedCounts) => void,
): SeedCounts {
  const insertHousehold = store.raw.prepare(
    `INSERT INTO households (id, code, head_person_id, village, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPerson = store.raw.prepare(
    `INSERT INTO persons (id, household_id, full_name, name_folded, sex, birth_date, birth_year, village, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertIdentifier = store.raw.prepare(
    `INSERT INTO person_identifiers (person_id, kind, value, valid_to, created_at) VALUES (?, ?, ?, ?, ?)`,
  );
  const counts: SeedCounts = { households: 0, persons: 0, identifiers: 0 };
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
          insertPerson.run(p.id, h.id, p.fullName, fold(p.fullName), p.sex, p.birthDate, p.birthYear, p.village, p.status, createdAt, createdAt);
          counts.persons += 1;
          insertIdentifier.run(p.id, 'cccd', p.cccd, null, createdAt);
          counts.identifiers += 1;
          if (p.cmnd) {
            insertIdentifier.run(p.id, 'cmnd', p.cmnd, null, createdAt);
            counts.identifiers += 1;
          }
          if (p.bhyt) {
            insertIdentifier.run(p.id, 'bhyt', p.bhyt, p.bhytValidTo, createdAt);
            counts.identifiers += 1;
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
