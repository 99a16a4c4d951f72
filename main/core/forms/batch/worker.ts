/**
 * The batch worker: renders a batch of forms off the thread that serves the window, through its
 * own read-only connection to the station database. Started by service.ts, one per batch; ends
 * when the batch is written, cancelled or failed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CodeLists } from '../../codes/code-lists.ts';
import type { CoreContext } from '../../context.ts';
import { openWorkerReader } from '../../db/worker-reader.ts';
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

const db = openWorkerReader(start.file, start.key);
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
