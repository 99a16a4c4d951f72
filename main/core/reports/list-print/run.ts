/**
 * Reading and rendering a list on the list worker (worker.ts), with its own read-only connection;
 * a store the worker cannot open (in memory) is read and rendered here, yielding between chunks.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { CoreContext } from '../../context.ts';
import type { RenderedList } from '../../forms/lists/render.ts';
import type { PrintStamp, StationHeading } from '../../forms/model.ts';
import { bringUpToDate } from '../../record/immunization-due-list.ts';
import { importWorkerSource } from '../../registry/list-import/worker-source.ts';
import { workerEnv } from '../../registry/list-import/worker-client.ts';
import { AppError } from '../../errors.ts';
import type { FromListWorker, ListOutcome, ListRequest, ListWorkerStart } from './protocol.ts';
import { MAX_PRINT_ROWS, readAndWrite } from './read.ts';

/** From source the worker is worker.ts here; in the Electron bundle, list-worker.js beside main.js. */
export const LIST_WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./worker.ts', import.meta.url)
  : new URL('./list-worker.js', import.meta.url);

/**
 * The worker's heap: one chunk's layout (300 rows, a few MB of short-lived objects), the list's rows
 * as text, and the pages kept until "Trang x/y" is written (packed, ~10 kB each). The young
 * generation is capped as the batch worker's is (its garbage is a layout's). 30,000 rows rendered
 * within these limits (989 pages).
 */
const LIST_WORKER_LIMITS = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 16 };

/** Lists being read by a worker, per core: a restore or a rekey waits for them (core/handlers.ts). */
const reading = new WeakMap<CoreContext, number>();
export function listPrinting(ctx: CoreContext): boolean {
  return (reading.get(ctx) ?? 0) > 0;
}

const needsDueRows = (r: ListRequest) =>
  r.list === 'due' || r.input.kind === 'vaccines-due' || r.input.kind === 'vaccines-overdue';

export async function renderList(
  ctx: CoreContext,
  request: ListRequest,
  heading: { station: StationHeading; stamp: PrintStamp },
  path: string,
): Promise<RenderedList | null> {
  const outcome = await readAndRender(ctx, request, heading, path);
  if (outcome && 'tooLong' in outcome) {
    const n = (x: number) => x.toLocaleString('vi-VN');
    throw new AppError('INVALID_INPUT', {
      message:
        `Danh sách có ${n(outcome.tooLong)} người — quá dài để in một lần (tối đa ${n(MAX_PRINT_ROWS)} người). ` +
        'Hãy chọn một thôn/xóm để in từng phần, hoặc xuất ra Excel.',
    });
  }
  return outcome;
}

function readAndRender(
  ctx: CoreContext,
  request: ListRequest,
  heading: { station: StationHeading; stamp: PrintStamp },
  path: string,
): Promise<ListOutcome> {
  // The worker reads only: a due row left stale by a catalogue change is worked out here first
  // (within the due list's own 25 ms budget), on the connection that may write.
  if (needsDueRows(request)) bringUpToDate(ctx);
  const source = importWorkerSource(ctx.store);
  if (!source) return readAndWrite(ctx, request, heading, path, { yieldEvery: () => yieldToEventLoop() });
  const start: ListWorkerStart = {
    file: source.file,
    key: source.key ? new Uint8Array(source.key) : null,
    resourcesDir: ctx.resourcesDir,
    dataDir: ctx.dataDir,
    nowIso: ctx.clock().toISOString(),
    ...heading,
    request,
    path,
  };
  reading.set(ctx, (reading.get(ctx) ?? 0) + 1);
  return new Promise<ListOutcome>((resolve, reject) => {
    const worker = new Worker(LIST_WORKER_URL, {
      workerData: start,
      argv: [],
      env: workerEnv(),
      name: 'hssk-list-print',
      resourceLimits: LIST_WORKER_LIMITS,
    });
    start.key?.fill(0);
    let settled = false;
    const settle = (m: FromListWorker) => {
      if (settled) return;
      settled = true;
      // It has answered with its connection closed and ends by itself; stopped only if it has not
      // a moment later (stopping it in the middle of a native call can crash the process).
      setTimeout(() => void worker.terminate(), 2000).unref();
      if ('done' in m) resolve(m.done);
      else reject(new Error(m.error));
    };
    worker.on('message', settle);
    worker.on('error', (e) => settle({ error: e.stack ?? e.message }));
    worker.on('exit', (code) => settle({ error: `list worker exited (${code}) before finishing` }));
  }).finally(() => reading.set(ctx, (reading.get(ctx) ?? 1) - 1));
}
