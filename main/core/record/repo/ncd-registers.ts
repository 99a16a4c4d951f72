/**
 * The NCD register repository: the one writer of `ncd_registers` (who is managed for
 * hypertension or diabetes, from when). Entries are only added, by the evidence (part B boxes,
 * signed diagnoses); a new entry changes the record the province receives and marks it. Callers
 * hold the transaction.
 */
import type { NcdRegisterRow } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import { markRecord } from '../../sync/outbox.ts';

/** Adds the person to a register unless already on it. Returns whether it was added. */
export function enrol(
  store: Store,
  e: { personId: string; register: NcdRegisterRow['register']; on: string; source: string },
  now: string,
): boolean {
  const added =
    store.run(
      store.qb.insertInto('ncd_registers').orIgnore().values({
        person_id: e.personId,
        register: e.register,
        registered_on: e.on,
        source: e.source,
        interval_months: 1,
      }),
    ).changes > 0;
  if (added) markRecord(store, e.personId, now);
  return added;
}

/**
 * A merge: the duplicate's entries become the survivor's, except on a register the survivor is
 * already on (theirs stays, the duplicate's is dropped).
 */
export function reassignRegisters(
  store: Store,
  fromPersonId: string,
  toPersonId: string,
  now: string,
): { moved: number; dropped: number } {
  // UPDATE OR IGNORE (skip a row that would collide) is SQLite's own; kysely does not build it.
  const moved = store
    .prepare('UPDATE OR IGNORE ncd_registers SET person_id = ? WHERE person_id = ?')
    .run(toPersonId, fromPersonId).changes;
  const dropped = store.run(
    store.qb.deleteFrom('ncd_registers').where('person_id', '=', fromPersonId),
  ).changes;
  if (moved > 0) markRecord(store, toPersonId, now);
  return { moved, dropped };
}

/** A register entry of the demo commune. Not marked: the demo commune is never sent. */
export function seedRegisters(
  store: Store,
): (personId: string, register: NcdRegisterRow['register'], on: string) => void {
  const insert = store.prepare(
    `INSERT INTO ncd_registers (person_id, register, registered_on, source, interval_months) VALUES (?, ?, ?, 'seed', 1)`,
  );
  return (personId, register, on) => insert.run(personId, register, on);
}
