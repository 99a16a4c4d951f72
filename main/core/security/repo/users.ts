/**
 * The users repository: the one writer of `users` (accounts, roles, password hashes, lock-out
 * state). Accounts are the station's own, never a resident's record: nothing is marked for upload.
 * Callers validate, audit and hold the transaction.
 */
import type { NewUserRow, UserRowUpdate } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';

export function insertUser(store: Store, row: NewUserRow): void {
  store.run(store.qb.insertInto('users').values(row));
}

/** Changes some of a user's columns (the caller stamps updated_at where it should change). */
export function updateUser(store: Store, id: string, set: Omit<UserRowUpdate, 'id'>): void {
  store.run(store.qb.updateTable('users').set(set).where('id', '=', id));
}
