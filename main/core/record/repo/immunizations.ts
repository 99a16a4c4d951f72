/**
 * The immunisation repository: the one writer of `immunizations` (part C) and of its derived caches
 * `immunization_due` and `immunization_due_doses`. Recording, correcting or removing a dose changes the record the province
 * receives and marks it; the due cache is the station's own work list and marks nothing. Callers
 * validate, audit and hold the transaction.
 */
import type { z } from 'zod';
import type { DoseInput } from '#contract/ops/record.ts';
import type { Store } from '../../db/store.ts';
import { markRecord } from '../../sync/outbox.ts';

type Dose = z.output<typeof DoseInput>;

export interface Stamp {
  now: string;
  userId: string | null;
}

/** A dose's own columns, as recorded or corrected. */
const doseColumns = (d: Dose) => ({
  vaccine_code: d.vaccineCode,
  given_on: d.givenOn,
  place: d.place,
  reaction: d.reaction,
  next_on: d.nextOn,
  pregnancy_month: d.pregnancyMonth,
  batch: d.batch,
});

/** New doses for one person, each with its id; the record is marked once. */
export function insertDoses(
  store: Store,
  personId: string,
  doses: readonly { id: string; dose: Dose }[],
  stamp: Stamp,
): void {
  if (doses.length === 0) return;
  store.run(
    store.qb.insertInto('immunizations').values(
      doses.map(({ id, dose: d }) => ({
        id,
        person_id: personId,
        ...doseColumns(d),
        recorded_at: stamp.now,
        recorded_by: stamp.userId,
      })),
    ),
  );
  markRecord(store, personId, stamp.now);
}

/** A corrected dose (the person it belongs to does not change). */
export function updateDose(store: Store, id: string, personId: string, d: Dose, now: string): void {
  store.run(store.qb.updateTable('immunizations').set(doseColumns(d)).where('id', '=', id));
  markRecord(store, personId, now);
}

/** A dose recorded by mistake, removed. */
export function deleteDose(store: Store, id: string, personId: string, now: string): void {
  store.run(store.qb.deleteFrom('immunizations').where('id', '=', id));
  markRecord(store, personId, now);
}

/**
 * One person's open doses, as the due cache keeps them. Not marked: the cache is never sent. A
 * prepared statement: the background refresher and the seed write it for thousands of people.
 */
export function writeDue(
  store: Store,
  personId: string,
  due: {
    nextDueOn: string | null;
    doses: string;
    computedAt: string;
    /** The day the answer below holds for, and until when. */
    computedOn: string;
    dueNow: boolean;
    firstDue: string | null;
    nextChangeOn: string | null;
  },
): void {
  store
    .prepare(
      `INSERT INTO immunization_due (person_id, next_due_on, doses, computed_at, computed_on, due_now, first_due, next_change_on)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (person_id) DO UPDATE SET next_due_on = excluded.next_due_on, doses = excluded.doses,
         computed_at = excluded.computed_at, computed_on = excluded.computed_on, due_now = excluded.due_now,
         first_due = excluded.first_due, next_change_on = excluded.next_change_on`,
    )
    .run(
      personId,
      due.nextDueOn,
      due.doses,
      due.computedAt,
      due.computedOn,
      due.dueNow ? 1 : 0,
      due.firstDue,
      due.nextChangeOn,
    );
  // The same open doses one row each, with the vaccine and the village, for the session due list
  // (only an active resident's: someone who moved away or died is nobody's invitation).
  store.prepare('DELETE FROM immunization_due_doses WHERE person_id = ?').run(personId);
  store
    .prepare(
      `INSERT OR IGNORE INTO immunization_due_doses (person_id, code, vaccine, due_on, too_late_on, village)
       SELECT p.id, j.value ->> 'code',
              coalesce((SELECT v.data ->> 'vaccine' FROM vaccines v WHERE v.code = j.value ->> 'code'), j.value ->> 'code'),
              j.value ->> 'due', j.value ->> 'tooLate', p.village
       FROM persons p, json_each(?) j
       WHERE p.id = ? AND p.status = 'active' AND j.value ->> 'code' IS NOT NULL AND j.value ->> 'due' IS NOT NULL`,
    )
    .run(due.doses, personId);
}

/**
 * The catalogue changed (a roadmap vaccine switched on, a vaccine retired): every stored answer
 * expires, so the refresher works each row out again with the new catalogue.
 */
export function expireAllDue(store: Store): void {
  store.prepare(`UPDATE immunization_due SET next_change_on = ?`).run(CATALOGUE_CHANGED);
}

/** The expiry a catalogue change leaves (before any real day): the due list finds these rows by index. */
export const CATALOGUE_CHANGED = '0000-01-01';

/**
 * A merge: the duplicate's doses become the survivor's, and the duplicate's due row goes (the
 * caller recomputes the survivor's). Returns how many doses moved.
 */
export function reassignDoses(store: Store, fromPersonId: string, toPersonId: string, now: string): number {
  const moved = store.run(
    store.qb
      .updateTable('immunizations')
      .set({ person_id: toPersonId })
      .where('person_id', '=', fromPersonId),
  ).changes;
  store.run(store.qb.deleteFrom('immunization_due').where('person_id', '=', fromPersonId));
  store.run(store.qb.deleteFrom('immunization_due_doses').where('person_id', '=', fromPersonId));
  if (moved > 0) markRecord(store, toPersonId, now);
  return moved;
}

/** A dose of the demo commune, given at the station. Not marked: the demo commune is never sent. */
export function seedDoses(
  store: Store,
): (d: {
  id: string;
  personId: string;
  vaccineCode: string;
  givenOn: string;
  at: string;
  by: string | null;
}) => void {
  const insert = store.prepare(
    `INSERT INTO immunizations (id, person_id, vaccine_code, given_on, place, reaction, next_on, recorded_at, recorded_by) VALUES (?, ?, ?, ?, 'Trạm y tế', '', NULL, ?, ?)`,
  );
  return (d) => insert.run(d.id, d.personId, d.vaccineCode, d.givenOn, d.at, d.by);
}
