/**
 * The child-supplements repository: the one writer of `child_supplements` (a child's vitamin A and
 * deworming doses). A dose recorded or removed changes the record the province receives and marks
 * it; the demo commune's doses are never sent and mark nothing. Callers validate, audit and hold
 * the transaction.
 */
import type { SupplementKind } from '#contract/ops/supplements.ts';
import type { Store } from '../../db/store.ts';
import { markRecord } from '../../sync/outbox.ts';

export interface SupplementRow {
  id: string;
  person_id: string;
  kind: SupplementKind;
  given_on: string;
  dose: string;
  place: string;
  recorded_by: string | null;
}

export interface NewSupplement {
  id: string;
  personId: string;
  kind: SupplementKind;
  givenOn: string;
  dose: string;
  place: string;
}

export function insertSupplement(
  store: Store,
  s: NewSupplement,
  stamp: { now: string; userId: string | null },
): void {
  store.run(
    store.qb.insertInto('child_supplements').values({
      id: s.id,
      person_id: s.personId,
      kind: s.kind,
      given_on: s.givenOn,
      dose: s.dose,
      place: s.place,
      recorded_at: stamp.now,
      recorded_by: stamp.userId,
    }),
  );
  markRecord(store, s.personId, stamp.now);
}

export function deleteSupplement(store: Store, id: string, personId: string, now: string): void {
  store.run(store.qb.deleteFrom('child_supplements').where('id', '=', id));
  markRecord(store, personId, now);
}

/** A merge: the duplicate's doses become the survivor's. Returns how many moved. */
export function reassignSupplements(
  store: Store,
  fromPersonId: string,
  toPersonId: string,
  now: string,
): number {
  const moved = store.run(
    store.qb
      .updateTable('child_supplements')
      .set({ person_id: toPersonId })
      .where('person_id', '=', fromPersonId),
  ).changes;
  if (moved > 0) markRecord(store, toPersonId, now);
  return moved;
}

/** Prepared insert for the demo commune's doses (the caller's transaction). Not marked. */
export function seedSupplements(store: Store): (s: NewSupplement & { recordedAt: string }) => void {
  const insert = store.prepare(
    `INSERT INTO child_supplements (id, person_id, kind, given_on, dose, place, recorded_at, recorded_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`,
  );
  return (s) => {
    insert.run(s.id, s.personId, s.kind, s.givenOn, s.dose, s.place, s.recordedAt);
  };
}
