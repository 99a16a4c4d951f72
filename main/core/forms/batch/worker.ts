/**
 * The batch worker: renders a batch of forms off the thread that serves the window, through its
 * own read-only connection to the station database. Started by service.ts, one per batch; ends
 * when the batch is written, cancelled or failed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { answerWithConnectionClosed, workerReaderContext } from '../../record/worker-context.ts';
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

const now = new Date(start.nowIso);
// The form loaders read through the record and registry modules (see record/worker-context.ts).
const { ctx, db } = workerReaderContext(start, () => now);

let last = 0;
void answerWithConnectionClosed(
  db,
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
  ),
  send,
).then(() => port.close()); // no cancel to listen for any more: the worker ends by itself
