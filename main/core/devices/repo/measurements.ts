/**
 * The measurements repository: the one writer of `measurements` (device readings with their
 * provenance). Nothing here marks a record for upload: a reading is provenance, not part of the
 * record sent upstream. It reaches the province as the vitals of a signed visit, and a reading can
 * only be applied to a draft (applyMeasurement refuses a signed visit), so the signing marks it.
 * Callers validate, audit and hold the transaction.
 */
import type { MeasurementRow } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';

export type NewReading = Pick<
  MeasurementRow,
  | 'id'
  | 'device'
  | 'driver'
  | 'kind'
  | 'data'
  | 'measured_at'
  | 'received_at'
  | 'raw'
  | 'arrived_during_visit_id'
>;

/** A reading into the tray. */
export function insertReading(store: Store, r: NewReading): void {
  store.run(store.qb.insertInto('measurements').values({ ...r, status: 'tray' }));
}

/**
 * A reading put on a (draft) visit, and the earlier readings of the same kind offered to that exam
 * (the first of two measurements, an unassigned one) retired: left in the tray they would be
 * offered again.
 */
export function attachReading(
  store: Store,
  m: { id: string; kind: MeasurementRow['kind']; receivedAt: string },
  visit: { id: string; personId: string },
  now: string,
): void {
  store.run(
    store.qb
      .updateTable('measurements')
      .set({ status: 'attached', visit_id: visit.id, person_id: visit.personId, attached_at: now })
      .where('id', '=', m.id),
  );
  store.run(
    store.qb
      .updateTable('measurements')
      .set({ status: 'discarded' })
      .where('status', '=', 'tray')
      .where('kind', '=', m.kind)
      .where('received_at', '<=', m.receivedAt)
      .where((eb) =>
        eb.or([eb('arrived_during_visit_id', '=', visit.id), eb('arrived_during_visit_id', 'is', null)]),
      ),
  );
}

/** Takes a reading out of the tray. Returns whether it was there. */
export function discardFromTray(store: Store, id: string): boolean {
  return (
    store.run(
      store.qb
        .updateTable('measurements')
        .set({ status: 'discarded' })
        .where('id', '=', id)
        .where('status', '=', 'tray'),
    ).changes > 0
  );
}

/**
 * A draft thrown away takes its readings with it: those applied to it and those that arrived while
 * it was open. Back in the tray they could be offered to someone else.
 */
export function retireVisitReadings(store: Store, visitId: string): void {
  store.run(
    store.qb
      .updateTable('measurements')
      .set({ visit_id: null, status: 'discarded' })
      .where((eb) =>
        eb.or([
          eb('visit_id', '=', visitId),
          eb.and([eb('arrived_during_visit_id', '=', visitId), eb('status', '=', 'tray')]),
        ]),
      ),
  );
}

/** A merge: the duplicate's readings become the survivor's. Returns how many moved. */
export function reassignReadings(store: Store, fromPersonId: string, toPersonId: string): number {
  return store.run(
    store.qb.updateTable('measurements').set({ person_id: toPersonId }).where('person_id', '=', fromPersonId),
  ).changes;
}
