/**
 * The list worker: reads one long list (a work list, the invitation list) through its own
 * read-only connection and lays it out as a PDF, off the thread that serves the window — a
 * 30,000-row list is ~1,000 pages and ~20 s of layout, and reading it all ~100s of ms. Started by
 * run.ts, one per list; ends when the file is written or the render failed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CodeLists } from '../../codes/code-lists.ts';
import type { CoreContext } from '../../context.ts';
import { openWorkerReader } from '../../db/worker-reader.ts';
import { Store } from '../../db/store.ts';
import { silentLogger } from '../../log.ts';
import { GrowthTables } from '../../record/rules/growth-tables.ts';
import { Icd10Catalogue } from '../../record/rules/icd10.ts';
import type { FromListWorker, ListWorkerStart } from './protocol.ts';
import { readAndWrite } from './read.ts';

const port = parentPort;
if (!port) throw new Error('list worker runs as a worker thread');
const start = workerData as ListWorkerStart;
const send = (m: FromListWorker) => port.postMessage(m);

const db = openWorkerReader(start.file, start.key);
const now = new Date(start.nowIso);
// The list readers take a CoreContext; they use only these members for reading (as the batch
// worker's form loaders do: no sessions, events, devices or jobs are touched).
const ctx = {
  store: new Store(db),
  log: silentLogger,
  clock: () => now,
  codes: new CodeLists(start.resourcesDir),
  clinical: { growth: new GrowthTables(start.resourcesDir), icd10: new Icd10Catalogue(start.resourcesDir) },
  resourcesDir: start.resourcesDir,
  dataDir: start.dataDir,
} as unknown as CoreContext;

// The due rows were brought up to date on the app's connection before the worker started.
readAndWrite(ctx, start.request, start, start.path, { refreshDue: false })
  .then((done) => send({ done }))
  .catch((e: unknown) => send({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }))
  .finally(() => db.close());
