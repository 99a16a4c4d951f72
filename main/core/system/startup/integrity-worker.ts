/**
 * The integrity worker: runs one check (integrity-run.ts) in a worker thread, because on a
 * 900 MB database even the quick check reads every page, and the window must not freeze for it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runIntegrityCheck } from './integrity-run.ts';
import type { IntegrityWorkerStart } from './integrity-protocol.ts';

const start = workerData as IntegrityWorkerStart;
const key = start.key ? Buffer.from(start.key) : null;
start.key?.fill(0);
try {
  parentPort?.postMessage(runIntegrityCheck(start.file, key, start.mode));
} finally {
  key?.fill(0);
}
