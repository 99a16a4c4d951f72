/**
 * The station repository: the one writer of `station`, the one row of the station's identity and
 * settings. Not a resident's record: nothing is marked for upload. Callers validate, audit and
 * hold the transaction.
 */
import type { Database, StationRow } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import type { Insertable, Updateable } from 'kysely';

export function insertStation(store: Store, row: Insertable<Database['station']>): void {
  store.run(store.qb.insertInto('station').values(row));
}

export function updateStation(
  store: Store,
  set: Omit<Updateable<Database['station']>, 'id' | 'created_at'> & Pick<StationRow, 'updated_at'>,
): void {
  store.run(store.qb.updateTable('station').set(set).where('id', '=', 1));
}
