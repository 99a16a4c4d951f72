/**
 * The list worker: reads one long list (a work list, the invitation list) through its own
 * read-only connection and lays it out as a PDF, off the thread that serves the window — a
 * 30,000-row list is ~1,000 pages and ~20 s of layout, and reading it all ~100s of ms. Started by
 * run.ts, one per list; ends when the file is written or the render failed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { answerWithConnectionClosed, workerReaderContext } from '../../record/worker-context.ts';
import type { FromListWorker, ListWorkerStart } from './protocol.ts';
import { readAndWrite } from './read.ts';

const port = parentPort;
if (!port) throw new Error('list worker runs as a worker thread');
const start = workerData as ListWorkerStart;
const send = (m: FromListWorker) => port.postMessage(m);

const now = new Date(start.nowIso);
// The list readers read through the record and registry modules (see record/worker-context.ts).
const { ctx, db } = workerReaderContext(start, () => now);

// The due rows were brought up to date on the app's connection before the worker started.
void answerWithConnectionClosed(
  db,
  readAndWrite(ctx, start.request, start, start.path, { refreshDue: false }),
  send,
);
