/**
 * Starting, following and cancelling a batch. The batch runs on a worker thread with its own
 * connection (the window's thread only relays progress); a database the worker cannot open (an
 * in-memory store) runs it here, one resident per turn of the event loop.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { FORM_TITLES, type BatchForm, type BatchOutput, type BatchSelection } from '#contract/ops/forms.ts';
import { auditWriter, type Actor } from '../../audit/audit.ts';
import { isoNow } from '../../clock.ts';
import type { CoreContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { progressReporter } from '../../jobs.ts';
import { importWorkerSource } from '../../registry/list-import/worker-source.ts';
import { workerEnv } from '../../registry/list-import/worker-client.ts';
import { printStamp, stationHeading } from '../load.ts';
import { findJob, insertJob, readFormsSettings, updateJob } from '../repo/print-jobs.ts';
import { jobsDir } from '../service.ts';
import type { BatchWorkerStart, FromBatchWorker } from './protocol.ts';
import { runBatch, type BatchPlan, type BatchResult } from './run.ts';
import { selectPersons } from './select.ts';

/** From source the worker is worker.ts here; in the Electron bundle, forms-worker.js beside main.js. */
export const BATCH_WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./worker.ts', import.meta.url)
  : new URL('./forms-worker.js', import.meta.url);

/**
 * The worker's V8 heap. A resident's layout is short-lived garbage, so it is the young generation
 * that sets the batch's memory: at V8's default it grew the worker's heap to ~175 MB around ~50 MB of
 * live data (a 100-resident batch added ~200 MB to the app). At 16 MB the heap stays ~65 MB (the
 * batch adds ~85 MB) for the same CPU time; 8 MB saved only 7 MB more for ~10% more time spent in
 * scavenges. The old generation at 96 MB (live data ~50–60 MB): with 192 MB V8 let old garbage pile
 * up and a 1,000-resident batch added 177 MB on a quiet machine, 133 MB at 96 MB for the same time.
 * The cap also makes a leak fail the batch instead of the station's PC.
 */
const BATCH_WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };

const running = new WeakMap<CoreContext, Map<string, { cancel(): void; finished: Promise<void> }>>();
const runningIn = (ctx: CoreContext) => {
  let m = running.get(ctx);
  if (!m) running.set(ctx, (m = new Map()));
  return m;
};

/** The batch's finish, for tests and the CLI host (which must not exit before it). */
export function batchFinished(ctx: CoreContext, jobId: string): Promise<void> {
  return runningIn(ctx).get(jobId)?.finished ?? Promise.resolve();
}

/** Whether a batch is being printed: a restore or a rekey waits for it (handlers.ts). */
export function batchRunning(ctx: CoreContext): boolean {
  return runningIn(ctx).size > 0;
}

export function startBatch(
  ctx: CoreContext,
  actor: Actor,
  input: { selection: BatchSelection; form: BatchForm; output: BatchOutput },
): { jobId: string; total: number } {
  const { ids, title } = selectPersons(ctx, input.selection);
  const jobId = randomUUID();
  const at = isoNow(ctx.clock);
  const ext = input.output === 'zip' ? 'zip' : 'pdf';
  const fileName = `lo-in-${input.form}-${at.slice(0, 10)}-${jobId.slice(0, 8)}.${ext}`;
  const plan: BatchPlan = {
    ids,
    form: input.form,
    output: input.output,
    settings: readFormsSettings(ctx.store),
    common: { station: stationHeading(ctx), stamp: printStamp(ctx, actor) },
    path: join(jobsDir(ctx), `${jobId}.${ext}`),
  };
  // Who printed whose record: one audit entry per resident, written before the first page.
  ctx.store.tx(() => {
    insertJob(ctx.store, {
      id: jobId,
      kind: 'batch',
      form: input.form,
      title: `${FORM_TITLES[input.form]} — ${title} (${ids.length} người)`,
      person_id: null,
      selection: JSON.stringify(
        input.selection.kind === 'ids' ? { kind: 'ids', count: ids.length } : input.selection,
      ),
      output: input.output,
      printer: null,
      copies: 1,
      status: 'running',
      total: ids.length,
      created_at: at,
      created_by: actor.username,
    });
    const audit = auditWriter(ctx.store);
    for (const personId of ids)
      audit(
        actor,
        { action: 'form.batch', entity: 'person', entityId: personId, details: { form: input.form, jobId } },
        at,
      );
  });
  const report = progressReporter(ctx.events, jobId, 'forms.batch');
  let lastSaved = 0;
  const onProgress = (done: number, total: number, skipped: number) => {
    report(done, total, `Đã xong ${done}/${total} người${skipped ? `, bỏ qua ${skipped}` : ''}`);
    if (Date.now() - lastSaved > 1000 && ctx.store.raw.open) {
      lastSaved = Date.now();
      ctx.store.tx(() => updateJob(ctx.store, jobId, { done }));
    }
  };
  const finish = (result: BatchResult | null, error: string | null) => {
    if (!ctx.store.raw.open) {
      // The app closed (or restarted into a restored database) while the worker was finishing:
      // there is no job list to update, and throwing here would end the process from a worker event.
      ctx.log.warn('forms: batch ended after the database was closed', { jobId, failed: error !== null });
      runningIn(ctx).delete(jobId);
      return;
    }
    const finishedAt = isoNow(ctx.clock);
    let message: string;
    if (error) {
      ctx.log.error('forms: batch failed', { jobId, error });
      message = 'Lô in bị lỗi và đã dừng; không có tệp nào được ghi. Hãy chạy lại.';
      ctx.store.tx(() => updateJob(ctx.store, jobId, { status: 'failed', message, finished_at: finishedAt }));
    } else if (result?.cancelled) {
      message = 'Đã hủy lô in; không có tệp nào được ghi.';
      ctx.store.tx(() =>
        updateJob(ctx.store, jobId, { status: 'cancelled', message, finished_at: finishedAt }),
      );
    } else if (result && result.printed === 0) {
      message = `Không có ai trong nhóm có ${FORM_TITLES[input.form].toLowerCase()} để in.`;
      ctx.store.tx(() =>
        updateJob(ctx.store, jobId, { status: 'failed', done: ids.length, message, finished_at: finishedAt }),
      );
    } else {
      const r = result as BatchResult;
      message = `Đã in ${r.printed} người (${r.pages} trang)${r.skipped ? `; bỏ qua ${r.skipped} người không có ${FORM_TITLES[input.form].toLowerCase()}` : ''}.`;
      ctx.store.tx(() =>
        updateJob(ctx.store, jobId, {
          status: 'done',
          done: ids.length,
          message,
          file_path: plan.path,
          file_name: fileName,
          file_bytes: r.bytes,
          finished_at: finishedAt,
        }),
      );
    }
    ctx.events.emit('job.progress', {
      jobId,
      kind: 'forms.batch',
      done: result && !result.cancelled ? ids.length : (result?.printed ?? 0),
      total: ids.length,
      message,
      finished: true,
    });
    runningIn(ctx).delete(jobId);
  };

  const source = importWorkerSource(ctx.store);
  let finished: Promise<void>;
  let cancel: () => void;
  if (source) {
    const start: BatchWorkerStart = {
      file: source.file,
      key: source.key ? new Uint8Array(source.key) : null,
      resourcesDir: ctx.resourcesDir,
      dataDir: ctx.dataDir,
      nowIso: ctx.clock().toISOString(),
      plan,
    };
    const worker = new Worker(BATCH_WORKER_URL, {
      workerData: start,
      argv: [],
      env: workerEnv(),
      name: 'hssk-forms-batch',
      resourceLimits: BATCH_WORKER_LIMITS,
    });
    start.key?.fill(0);
    let settled = false;
    finished = new Promise<void>((resolve) => {
      const settle = (result: BatchResult | null, error: string | null) => {
        if (settled) return;
        settled = true;
        finish(result, error);
        // Its answer is in, its connection closed and its port too, so it ends by itself; stopped
        // only if it has not a moment later (stopping it in the middle of a native call can crash
        // the process, and left running it would keep a CLI or benchmark process alive).
        setTimeout(() => void worker.terminate(), 2000).unref();
        resolve();
      };
      worker.on('message', (m: FromBatchWorker) => {
        if ('progress' in m) onProgress(...m.progress);
        else if ('done' in m) settle(m.done, null);
        else settle(null, m.error);
      });
      worker.on('error', (e) => settle(null, e.stack ?? e.message));
      worker.on('exit', (code) => settle(null, `worker exited (${code}) before finishing`));
    });
    cancel = () => worker.postMessage({ cancel: true });
  } else {
    let stop = false;
    cancel = () => {
      stop = true;
    };
    finished = runBatch(ctx, plan, onProgress, () => stop).then(
      (r) => finish(r, null),
      (e: unknown) => finish(null, e instanceof Error ? (e.stack ?? e.message) : String(e)),
    );
  }
  runningIn(ctx).set(jobId, { cancel, finished });
  return { jobId, total: ids.length };
}

export function cancelBatch(ctx: CoreContext, jobId: string): void {
  const job = findJob(ctx.store, jobId);
  if (!job || job.kind !== 'batch') throw new AppError('NOT_FOUND', { message: 'Không tìm thấy lô in này.' });
  runningIn(ctx).get(jobId)?.cancel();
}
