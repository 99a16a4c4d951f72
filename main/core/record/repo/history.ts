/**
 * The part-B repository: the one writer of `person_history` (one document per resident). Part B
 * is part of the record the province receives: every save marks the resident's record. Callers
 * validate, audit and hold the transaction.
 */
import type { Store } from '../../db/store.ts';
import { markRecord } from '../../sync/outbox.ts';

export function saveHistory(
  store: Store,
  personId: string,
  data: string,
  version: number,
  stamp: { now: string; userId: string | null },
): void {
  const row = { data, version, updated_at: stamp.now, updated_by: stamp.userId };
  store.run(
    store.qb
      .insertInto('person_history')
      .values({ person_id: personId, ...row })
      .onConflict((oc) => oc.column('person_id').doUpdateSet(row)),
  );
  markRecord(store, personId, stamp.now);
}

/**
 * A merge: the duplicate's part B becomes the survivor's when the survivor has none; otherwise the
 * survivor's stays and the duplicate's is dropped. Returns what moved and what was dropped.
 */
export function reassignHistory(
  store: Store,
  fromPersonId: string,
  toPersonId: string,
  now: string,
): { moved: number; dropped: number } {
  // UPDATE OR IGNORE (skip a row that would collide) is SQLite's own; kysely does not build it.
  const moved = store
    .prepare('UPDATE OR IGNORE person_history SET person_id = ? WHERE person_id = ?')
    .run(toPersonId, fromPersonId).changes;
  const dropped = store.run(
    store.qb.deleteFrom('person_history').where('person_id', '=', fromPersonId),
  ).changes;
  if (moved > 0) markRecord(store, toPersonId, now);
  return { moved, dropped };
}

/** Part B of the demo commune (version 1). Not marked: the demo commune is never sent. */
export function seedHistory(
  store: Store,
): (personId: string, data: string, at: string, by: string | null) => void {
  const insert = store.prepare(
    'INSERT INTO person_history (person_id, data, version, updated_at, updated_by) VALUES (?, ?, 1, ?, ?)',
  );
  return (personId, data, at, by) => insert.run(personId, data, at, by);
}
