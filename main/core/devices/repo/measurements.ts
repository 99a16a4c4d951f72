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
  store
    .prepare(
      `INSERT INTO measurements (id, device, driver, kind, data, measured_at, received_at, raw, status, arrived_during_visit_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'tray', ?)`,
    )
    .run(
      r.id,
      r.device,
      r.driver,
      r.kind,
      r.data,
      r.measured_at,
      r.received_at,
      r.raw,
      r.arrived_during_visit_id,
    );
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
  store
    .prepare(
      `UPDATE measurements SET status = 'attached', visit_id = ?, person_id = ?, attached_at = ? WHERE id = ?`,
    )
    .run(visit.id, visit.personId, now, m.id);
  store
    .prepare(
      `UPDATE measurements SET status = 'discarded'
       WHERE status = 'tray' AND kind = ? AND received_at <= ? AND (arrived_during_visit_id = ? OR arrived_during_visit_id IS NULL)`,
    )
    .run(m.kind, m.receivedAt, visit.id);
}

/** Takes a reading out of the tray. Returns whether it was there. */
export function discardFromTray(store: Store, id: string): boolean {
  return (
    store.prepare(`UPDATE measurements SET status = 'discarded' WHERE id = ? AND status = 'tray'`).run(id)
      .changes > 0
  );
}

/**
 * A draft thrown away takes its readings with it: those applied to it and those that arrived while
 * it was open. Back in the tray they could be offered to someone else.
 */
export function retireVisitReadings(store: Store, visitId: string): void {
  store
    .prepare(
      `UPDATE measurements SET visit_id = NULL, status = 'discarded' WHERE visit_id = ? OR (arrived_during_visit_id = ? AND status = 'tray')`,
    )
    .run(visitId, visitId);
}

/** A merge: the duplicate's readings become the survivor's. Returns how many moved. */
export function reassignReadings(store: Store, fromPersonId: string, toPersonId: string): number {
  return store
    .prepare('UPDATE measurements SET person_id = ? WHERE person_id = ?')
    .run(toPersonId, fromPersonId).changes;
}
