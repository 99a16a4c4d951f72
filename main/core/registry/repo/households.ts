/**
 * The households repository: the one writer of `households`. A household row is not a resident's
 * record: membership and the relation to the head live on each person and are marked for upload by
 * the persons repository; these writes mark nothing. Callers validate, audit and hold the
 * transaction.
 */
import type { Store } from '../../db/store.ts';

export interface HouseholdValues {
  id: string;
  code: string;
  headPersonId: string | null;
  village: string;
  address: string;
}

export function insertHousehold(store: Store, h: HouseholdValues, now: string): void {
  store.run(
    store.qb.insertInto('households').values({
      id: h.id,
      code: h.code,
      head_person_id: h.headPersonId,
      village: h.village,
      address: h.address,
      created_at: now,
      updated_at: now,
    }),
  );
}

/** A head who leaves leaves the household without a head until someone is named. */
export function detachHead(store: Store, householdId: string | null, personId: string, now: string): void {
  if (!householdId) return;
  store.run(
    store.qb
      .updateTable('households')
      .set({ head_person_id: null, updated_at: now })
      .where('id', '=', householdId)
      .where('head_person_id', '=', personId),
  );
}

export function setHead(store: Store, householdId: string, personId: string, now: string): void {
  store.run(
    store.qb
      .updateTable('households')
      .set({ head_person_id: personId, updated_at: now })
      .where('id', '=', householdId),
  );
}

/** A merge: households the duplicate headed are headed by the survivor. */
export function replaceHead(store: Store, fromPersonId: string, toPersonId: string): void {
  store.run(
    store.qb
      .updateTable('households')
      .set({ head_person_id: toPersonId })
      .where('head_person_id', '=', fromPersonId),
  );
}

export interface HouseholdsBulk {
  insert(h: HouseholdValues, now: string): void;
  /** Names the head of a household that has none (a list names heads as it goes). */
  setHeadIfNone(householdId: string, personId: string, now: string): void;
}

/** Prepared statements for a population list or the demo commune, in the caller's transaction. */
export function householdsBulk(store: Store): HouseholdsBulk {
  const insert = store.prepare(
    `INSERT INTO households (id, code, head_person_id, village, address, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const setHeadIfNone = store.prepare(
    `UPDATE households SET head_person_id = ?, updated_at = ? WHERE id = ? AND head_person_id IS NULL`,
  );
  return {
    insert: (h, now) => insert.run(h.id, h.code, h.headPersonId, h.village, h.address, now, now),
    setHeadIfNone: (householdId, personId, now) => setHeadIfNone.run(personId, now, householdId),
  };
}
