/**
 * The devices repository: the one writer of `devices` (what the station told us about each
 * device). Station configuration, not a resident's record: nothing is marked for upload. Callers
 * validate, audit and hold the transaction.
 */
import type { DeviceRow } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';

export type DeviceValues = Omit<DeviceRow, 'created_at' | 'updated_at'>;

export function insertDevice(store: Store, d: DeviceValues, now: string): void {
  store.run(store.qb.insertInto('devices').values({ ...d, created_at: now, updated_at: now }));
}

export function updateDevice(store: Store, d: DeviceValues, now: string): void {
  const { id, ...values } = d;
  store.run(
    store.qb
      .updateTable('devices')
      .set({ ...values, updated_at: now })
      .where('id', '=', id),
  );
}

/** Returns whether the device was there. */
export function deleteDevice(store: Store, id: string): boolean {
  return store.run(store.qb.deleteFrom('devices').where('id', '=', id)).changes > 0;
}
