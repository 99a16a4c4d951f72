/**
 * The list worker: lays out and renders one long list (a work list, the invitation list) off the
 * thread that serves the window — a 30,000-row list is ~1,000 pages and tens of seconds of layout.
 * Started by render.ts, one per list; ends when the file is written or the render failed.
 */
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { loadFonts } from '../pdf/engine.ts';
import { renderLongTable } from '../pdf/long-table.ts';
import type { FromListWorker, ListWorkerStart } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('list worker runs as a worker thread');
const start = workerData as ListWorkerStart;
const send = (m: FromListWorker) => port.postMessage(m);
const part = `${start.path}.part`;

renderLongTable(loadFonts(start.resourcesDir), start.table, createWriteStream(part))
  .then((pages) => {
    renameSync(part, start.path);
    send({ done: { pages, bytes: statSync(start.path).size } });
  })
  .catch((e: unknown) => {
    rmSync(part, { force: true });
    send({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  });
