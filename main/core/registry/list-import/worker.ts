/**
 * The import worker: one per open import file, started by worker-client.ts. It reads the file,
 * plans the rows against the registry and commits them through its own connection to the station
 * database, and keeps file and plan until the import is closed, when it closes the connection and ends.
 * Calls are answered one at a time, in the order they came.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CodeLists } from '../../codes/code-lists.ts';
import { loadAuditSecret } from '../../audit/audit.ts';
import { openSqlite, type SqliteDatabase } from '../../db/sqlite.ts';
import { Store } from '../../db/store.ts';
import { describeError, isAppError } from '../../errors.ts';
import { runNow } from '../list-reader/turns.ts';
import { callEngine, ImportEngine, type EngineOp, type Lookups, type Progress } from './engine.ts';
import type { FromWorker, ToWorker, WireError, WorkerStart } from './worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('worker.ts runs as a worker thread');
const start = workerData as WorkerStart;
let db: SqliteDatabase | null = null;
let lookups: Lookups | null = null;

/**
 * Opened on the first plan: a file that cannot be read never touches the database. Read-write,
 * because the commit is written here too (in one transaction, while the main thread's job gate
 * holds every other call back); until then it only reads.
 */
function openLookups(): Lookups {
  if (lookups) return lookups;
  const key = start.key;
  let store: Store;
  try {
    const keyBytes = key ? Buffer.from(key.buffer, key.byteOffset, key.byteLength) : null;
    db = openSqlite({ file: start.file, key: keyBytes, mustExist: true });
    store = new Store(db);
    // The commit's audit entries carry the same MACs the main connection's do (the database keeps
    // the secret; the key only stands in on a schema from before 0023, in tests).
    loadAuditSecret(store, keyBytes);
  } finally {
    // The key is needed once; the copy sent here does not outlive the opening.
    key?.fill(0);
  }
  const raw = db;
  // The commit's COMMIT must not also fold the WAL back into the file: that is done after it has
  // answered (checkpointSoon), still off the main thread.
  raw.pragma('wal_autocheckpoint = 0');
  lookups = {
    store,
    // One read transaction: the whole plan sees the registry as it was at one moment, even while
    // the main thread commits other work meanwhile. Inside the commit's transaction it is that one.
    snapshot: async (fn) => {
      if (raw.inTransaction) return fn();
      raw.exec('BEGIN');
      try {
        return await fn();
      } finally {
        if (raw.inTransaction) raw.exec('COMMIT');
      }
    },
    version: () => raw.pragma('data_version', { simple: true }) as number,
    // Nothing else runs on this thread: long loops run to the end at once.
    run: (steps) => Promise.resolve(runNow(steps)),
  };
  return lookups;
}

/**
 * After a commit the WAL holds the whole list (~190 MB for 100,000 rows); copying it back into the
 * database takes seconds. Done here, once the commit has answered, so no one waits for it and the
 * main thread (whose idle-time checkpoint would otherwise do it) is not held.
 */
function checkpointSoon(): void {
  setImmediate(() => {
    try {
      if (db?.open && !db.inTransaction) db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Best effort: the main connection's own checkpoints remain.
    }
  });
}

const engine = new ImportEngine(new CodeLists(start.resourcesDir), openLookups);

const post = (message: FromWorker, transfer: ArrayBuffer[] = []): void => {
  port.postMessage(message, transfer);
};

function wire(e: unknown): WireError {
  if (isAppError(e)) return { code: e.code, userMessage: e.userMessage, message: e.message, stack: e.stack };
  const d = describeError(e);
  return { code: null, userMessage: '', message: `${d.name}: ${d.message}`, stack: d.stack };
}

/** Progress at most every 100 ms (the UI shows it at most every 200 ms), and always the end. */
function progressFor(id: number): Progress {
  let last = 0;
  return (done, total, message) => {
    const now = performance.now();
    if (done < total && now - last < 100) return;
    last = now;
    post({ id, progress: [done, total, message] });
  };
}

/** A buffer that is the whole of its memory is handed over; a view into a larger one is copied. */
function transferable(value: unknown): ArrayBuffer[] {
  const bytes = (value as { bytes?: unknown } | null)?.bytes;
  if (bytes instanceof Uint8Array && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength)
    return bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
  return [];
}

async function handle(id: number, op: EngineOp, input: unknown): Promise<void> {
  try {
    const value: unknown = await callEngine(engine, op, input as never, progressFor(id));
    post({ id, ok: true, value }, transferable(value));
    if (op === 'commit') checkpointSoon();
  } catch (e) {
    post({ id, ok: false, error: wire(e) });
  }
}

function close(): void {
  try {
    if (db?.open) db.close();
  } finally {
    process.exit(0);
  }
}

let queue: Promise<void> = Promise.resolve();
port.on('message', (message: ToWorker) => {
  if ('close' in message) {
    close();
    return;
  }
  queue = queue.then(() => handle(message.id, message.op, message.input));
});
post({ ready: true });
