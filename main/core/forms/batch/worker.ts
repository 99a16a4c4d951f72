/**
 * The batch worker: renders a batch of forms off the thread that serves the window, through its
 * own read-only connection to the station database. Started by service.ts, one per batch; ends
 * when the batch is written, cancelled or failed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CodeLists } from '../../codes/code-lists.ts';
import type { CoreContext } from '../../context.ts';
import { openSqlite } from '../../db/sqlite.ts';
import { Store } from '../../db/store.ts';
import { silentLogger } from '../../log.ts';
import { GrowthTables } from '../../record/rules/growth-tables.ts';
import { Icd10Catalogue } from '../../record/rules/icd10.ts';
import type { BatchWorkerStart, FromBatchWorker, ToBatchWorker } from './protocol.ts';
import { runBatch } from './run.ts';

const port = parentPort;
if (!port) throw new Error('batch worker runs as a worker thread');
const start = workerData as BatchWorkerStart;
let cancel = false;
port.on('message', (m: ToBatchWorker) => {
  if (m.cancel) cancel = true;
});
const send = (m: FromBatchWorker) => port.postMessage(m);

const key = start.key;
let db;
try {
  db = openSqlite({
    file: start.file,
    key: key ? Buffer.from(key.buffer, key.byteOffset, key.byteLength) : null,
    mustExist: true,
  });
} finally {
  key?.fill(0);
}
db.pragma('query_only = 1');
// Each resident is read once: the 64 MB page cache the app's own connection keeps would only add
// up to 64 MB of decrypted pages to the batch's memory.
db.pragma('cache_size = -8000');
const now = new Date(start.nowIso);
// The form loaders read through the record and registry modules, which take a CoreContext; they
// use only these members for reading (no sessions, events, devices or jobs are touched).
const ctx = {
  store: new Store(db),
  log: silentLogger,
  clock: () => now,
  codes: new CodeLists(start.resourcesDir),
  clinical: { growth: new GrowthTables(start.resourcesDir), icd10: new Icd10Catalogue(start.resourcesDir) },
  resourcesDir: start.resourcesDir,
  dataDir: start.dataDir,
} as unknown as CoreContext;

let last = 0;
runBatch(
  ctx,
  start.plan,
  (done, total, skipped) => {
    const t = Date.now();
    if (t - last < 150 && done < total) return;
    last = t;
    send({ progress: [done, total, skipped] });
  },
  () => cancel,
)
  .then((result) => send({ done: result }))
  .catch((e: unknown) => send({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }))
  .finally(() => db.close());
