/**
 * Which database file the import worker may open beside the station's own connection, and with
 * which key. The host that opened the database says so once (app.ts); a store nobody registered
 * (':memory:', a test's bare store) is planned on the calling thread instead. Kept beside the store
 * rather than in the context, so the key is handed to this one use and no other module sees it.
 */
import type { Worker, WorkerOptions } from 'node:worker_threads';
import type { Store } from '../../db/store.ts';

export interface DatabaseSource {
  readonly file: string;
  /** The raw 32-byte SQLCipher key, null for an unencrypted database. */
  readonly key: Buffer | null;
  /** The worker's heap ceiling in MB (default 2048): a file that needs more fails cleanly. */
  readonly maxHeapMb?: number;
  /** How the worker is started (tests watch what it is given); `new Worker` by default. */
  readonly spawn?: (url: URL, options: WorkerOptions) => Worker;
}

const sources = new WeakMap<Store, DatabaseSource>();

export function allowImportWorker(store: Store, source: DatabaseSource): void {
  if (source.file === ':memory:' || source.file === '') return;
  sources.set(store, source);
}

export function importWorkerSource(store: Store): DatabaseSource | null {
  return sources.get(store) ?? null;
}
