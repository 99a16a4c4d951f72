/**
 * The backup worker: makes and checks the copy (copy.ts) on a connection of its own, in a worker
 * thread, because copying a 100,000-resident database takes seconds, which must not be seconds of
 * a frozen window.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { copyAndCheck } from './copy.ts';
import type { BackupWorkerStart } from './protocol.ts';

const start = workerData as BackupWorkerStart;
const key = start.key ? Buffer.from(start.key) : null;
start.key?.fill(0);
try {
  parentPort?.postMessage(copyAndCheck({ file: start.file, key, out: start.out }));
} finally {
  key?.fill(0);
}
