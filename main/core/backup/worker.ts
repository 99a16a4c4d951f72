/**
 * The backup worker: makes and checks the copy (copy.ts), or checks a backup about to be restored
 * (inspect.ts), on a connection of its own, in a worker thread, because copying or checking a
 * 100,000-resident database takes seconds, which must not be seconds of a frozen window.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { copyAndCheck } from './copy.ts';
import { inspectDatabaseFile } from './inspect.ts';
import type { BackupWorkerInspect, BackupWorkerStart } from './protocol.ts';

const start = workerData as BackupWorkerStart | BackupWorkerInspect;
const key = start.key ? Buffer.from(start.key) : null;
start.key?.fill(0);
try {
  parentPort?.postMessage(
    start.task === 'inspect'
      ? inspectDatabaseFile(start.file, key, start.known)
      : copyAndCheck({ file: start.file, key, out: start.out }),
  );
} finally {
  key?.fill(0);
}
