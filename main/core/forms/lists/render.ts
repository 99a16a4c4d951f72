/**
 * A long list as a print job: rendered on a worker thread (lists/worker.ts) into the job's file,
 * then kept in `print_jobs` like a form's print, so the print dialog, the job list ("In lại",
 * "Tải về") and the printers treat it as any other print. Who asks (reports) audits what was listed.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Actor } from '../../audit/audit.ts';
import { isoNow } from '../../clock.ts';
import type { CoreContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { workerEnv } from '../../registry/list-import/worker-client.ts';
import type { LongTable } from '../pdf/long-table.ts';
import { insertJob } from '../repo/print-jobs.ts';
import { jobsDir } from '../service.ts';
import type { FromListWorker, ListWorkerStart } from './protocol.ts';

/** From source the worker is worker.ts here; in the Electron bundle, list-worker.js beside main.js. */
export const LIST_WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./worker.ts', import.meta.url)
  : new URL('./list-worker.js', import.meta.url);

/**
 * The worker's heap: one chunk's layout (300 rows, a few MB of short-lived objects) and the pages
 * kept until "Trang x/y" is written (~30 kB each once packed, 1,000 pages for 30,000 rows). The young
 * generation is capped as the batch worker's is (its garbage is a layout's); the old generation is
 * roomier than the batch's, for the kept pages.
 */
const LIST_WORKER_LIMITS = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 16 };

function renderInWorker(start: ListWorkerStart): Promise<{ pages: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LIST_WORKER_URL, {
      workerData: start,
      argv: [],
      env: workerEnv(),
      name: 'hssk-list-print',
      resourceLimits: LIST_WORKER_LIMITS,
    });
    let settled = false;
    const settle = (m: FromListWorker) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if ('done' in m) resolve(m.done);
      else reject(new Error(m.error));
    };
    worker.on('message', settle);
    worker.on('error', (e) => settle({ error: e.stack ?? e.message }));
    worker.on('exit', (code) => settle({ error: `list worker exited (${code}) before finishing` }));
  });
}

export interface ListJob {
  jobId: string;
  pages: number;
}

/** Renders the list and keeps it as a print job (queued: the print dialog sends it). */
export async function keepListJob(
  ctx: CoreContext,
  actor: Actor,
  req: { table: LongTable; title: string; fileName: string },
): Promise<ListJob> {
  const jobId = randomUUID();
  const path = join(jobsDir(ctx), `${jobId}.pdf`);
  let out: { pages: number; bytes: number };
  try {
    out = await renderInWorker({ resourcesDir: ctx.resourcesDir, path, table: req.table });
  } catch (e) {
    ctx.log.error('forms: list render failed', { error: e instanceof Error ? e.message : String(e) });
    throw new AppError('INTERNAL', { message: 'Không tạo được tệp PDF của danh sách. Hãy thử lại.' });
  }
  ctx.store.tx(() =>
    insertJob(ctx.store, {
      id: jobId,
      kind: 'print',
      form: 'list',
      title: req.title,
      person_id: null,
      printer: null,
      copies: 1,
      status: 'queued',
      total: out.pages,
      created_at: isoNow(ctx.clock),
      created_by: actor.username,
      file_path: path,
      file_name: req.fileName,
      file_bytes: out.bytes,
    }),
  );
  return { jobId, pages: out.pages };
}
