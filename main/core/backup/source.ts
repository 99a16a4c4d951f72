/**
 * Which database file the backup worker copies, and with which key. The host that opened the
 * database says so once (app.ts), as it does for the import worker; a store nobody registered
 * (':memory:', a test's bare store) cannot be backed up. Kept beside the store rather than in the
 * context, so the key is handed to this one use and no other module sees it.
 */
import type { Store } from '../db/store.ts';

export interface BackupSource {
  readonly file: string;
  /** The raw 32-byte SQLCipher key, null for an unencrypted database. */
  readonly key: Buffer | null;
}

const sources = new WeakMap<Store, BackupSource>();

export function allowBackups(store: Store, source: BackupSource): void {
  if (source.file === ':memory:' || source.file === '') return;
  sources.set(store, source);
}

export function backupSource(store: Store): BackupSource | null {
  return sources.get(store) ?? null;
}
