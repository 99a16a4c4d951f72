/**
 * The CoreContext a worker thread reads through (the batch print, the list print, the upload's
 * payloads): its own read-only connection to the station database (db/worker-reader.ts) and the
 * members the record, registry and form loaders use for reading — the store, the code lists, the
 * clinical tables, the clock, the folders. No sessions, events, devices or jobs are touched: a worker
 * never writes.
 */
import { CodeLists } from '../codes/code-lists.ts';
import type { CoreContext } from '../context.ts';
import type { SqliteDatabase } from '../db/sqlite.ts';
import { openWorkerReader } from '../db/worker-reader.ts';
import { Store } from '../db/store.ts';
import { silentLogger } from '../log.ts';
import { GrowthTables } from './rules/growth-tables.ts';
import { Icd10Catalogue } from './rules/icd10.ts';

export interface WorkerDatabase {
  file: string;
  /** Wiped by openWorkerReader once the database is open. */
  key: Uint8Array | null;
  resourcesDir: string;
  dataDir: string;
}

export function workerReaderContext(
  start: WorkerDatabase,
  clock: () => Date,
): { ctx: CoreContext; db: SqliteDatabase } {
  const db = openWorkerReader(start.file, start.key);
  const ctx = {
    store: new Store(db),
    log: silentLogger,
    clock,
    codes: new CodeLists(start.resourcesDir),
    clinical: { growth: new GrowthTables(start.resourcesDir), icd10: new Icd10Catalogue(start.resourcesDir) },
    resourcesDir: start.resourcesDir,
    dataDir: start.dataDir,
  } as unknown as CoreContext;
  return { ctx, db };
}

/**
 * A reader worker's one job answered: the connection is closed *before* the answer, never after. A
 * worker stopped by its caller on the answer while its connection was closing crashed the whole
 * process (SIGSEGV in better-sqlite3's native close, seen once in CI). A failure to close is not the
 * answer's concern (a read-only connection holds nothing to lose). With nothing left to do, the
 * worker then ends by itself.
 */
export async function answerWithConnectionClosed<T>(
  db: SqliteDatabase,
  job: Promise<T>,
  send: (answer: { done: T } | { error: string }) => void,
): Promise<void> {
  const answer = await job.then(
    (done) => ({ done }),
    (e: unknown) => ({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
  try {
    db.close();
  } catch {
    // Nothing to do: the thread is about to end and the OS releases the file.
  }
  send(answer);
}
