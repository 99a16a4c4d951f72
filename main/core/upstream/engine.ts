import { randomUUID } from 'node:crypto';
import type { RunSummary } from '#contract/ops/upstream.ts';
import type { CoreContext } from '../context.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { loadConsent } from '../registry/consent.ts';
import {
  claim,
  countDueRows,
  dueAfter,
  nextRetryAt,
  recordAcknowledged,
  recordFailed,
  recordRetry,
  recordSkipped,
  releaseClaims,
  releaseInterrupted,
  type DueRow,
} from '../sync/deliveries.ts';
import { queueUnmarked, settleOutbox, unsettleOutbox } from '../sync/outbox.ts';
import { closeAbandonedRuns, insertRun, updateRun, type RunCounts } from '../sync/runs.ts';
import type { RecordResult, UpstreamAdapter } from './adapter.ts';
import { DEFAULT_BACKOFF, retryDelayMs, type Backoff } from './backoff.ts';
import { inlinePreparer, openPreparer, type Preparer } from './prepare.ts';
import { loadRecordSnapshot, type RecordSnapshot } from './snapshot.ts';

/**
 * The upload engine: walks the outbox for one upstream in first-queued order, a batch at a time:
 * claims the batch (its versions are now in flight), reads each record's snapshot from the current
 * data, hands the batch to the adapter, and records each answer. Only the adapter talks to the
 * upstream; only this file decides what the outbox says.
 *
 * Nothing lost: a claim is written before anything is sent, and an answer after; a run killed in
 * between leaves claims that the next run releases and sends again. Nothing twice: adapters make a
 * re-send land on the same upstream record. An edit made in flight raised the outbox version past
 * the one sent, so the record is due again after its acknowledgement.
 *
 * Memory stays bounded by the batch: a run never holds more than one batch of payloads, however
 * long the backlog. Reading the records and building their payloads happens on a worker thread
 * with its own connection (prepare.ts); this thread only claims, hands the payloads to the adapter
 * and records the answers, one short transaction per batch, so the window's event loop keeps turning.
 */
export type Trigger = 'manual' | 'schedule' | 'closing' | 'cli';

export interface RunOptions {
  trigger: Trigger;
  batchSize: number;
  dryRun?: boolean;
  signal?: AbortSignal;
  /** done / total records, a Vietnamese line. */
  onProgress?: (done: number, total: number, message: string) => void;
  /**
   * How long this run may wait for records backing off to be due again (a closing-time run waits a
   * little for a 503 to pass; a scheduled one does not: the next run comes anyway). Default 0.
   */
  maxWaitMs?: number;
  backoff?: Backoff;
  /**
   * Where payloads are built: 'worker' (a worker thread with its own connection), 'here' (this
   * thread, one record per turn), or 'auto' (default): the worker when more than one batch is
   * due — a long backlog — and here for a run of a few records, which is a few ms per turn and
   * not worth starting a thread for (a worker already running is used either way).
   */
  payloads?: 'auto' | 'worker' | 'here';
  /** Reads the snapshots of a batch for an adapter without `deliver` (default: here, sliced). */
  readSnapshots?: (ctx: CoreContext, rows: readonly DueRow[]) => Promise<RecordSnapshot[]>;
  actor?: Actor | null;
}

/** One run per upstream and database at a time: a second waits for nothing and says so. */
const running = new WeakMap<object, Set<string>>();

const OFFLINE_CODES = new Set(['NETWORK', 'TIMEOUT', 'DNS', 'TLS']);

const MESSAGES = {
  done: (n: RunCounts) =>
    n.sent === 0 && n.skipped === 0
      ? 'Không có hồ sơ nào cần gửi.'
      : `Đã gửi ${n.acknowledged}/${n.sent} hồ sơ${n.failed ? `, ${n.failed} hồ sơ bị từ chối` : ''}${n.skipped ? `, ${n.skipped} hồ sơ không gửi vì chưa đồng ý chia sẻ` : ''}.`,
  offline: 'Không kết nối được nơi nhận: sẽ thử lại khi có mạng.',
  cancelled: 'Đã dừng theo yêu cầu; các hồ sơ chưa gửi sẽ được gửi lần sau.',
  busy: 'Đang có một lần gửi khác tới nơi nhận này.',
};

async function readSliced(ctx: CoreContext, rows: readonly DueRow[]): Promise<RecordSnapshot[]> {
  const out: RecordSnapshot[] = [];
  for (const r of rows) {
    out.push(loadRecordSnapshot(ctx, r.personId, r.version));
    // A whole record is a few ms at most; yielding between records keeps every turn short.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return out;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** How many records are due for this upstream now (for progress and the closing-time preview). */
export function countDue(ctx: CoreContext, kind: UpstreamAdapter['kind'], now: string): number {
  return countDueRows(ctx.store, kind, now);
}

/** Whether a sharing upstream may receive this record (statutory ones receive every record). */
function consentAllows(ctx: CoreContext, adapter: UpstreamAdapter, row: DueRow): boolean {
  if (adapter.statutory || row.op !== 'upsert') return true;
  return loadConsent(ctx, row.personId).state === 'given';
}

export async function runUpstream(
  ctx: CoreContext,
  adapter: UpstreamAdapter,
  opts: RunOptions,
): Promise<RunSummary> {
  const kind = adapter.kind;
  const started = performance.now();
  const runId = randomUUID();
  const counts: RunCounts = { sent: 0, acknowledged: 0, failed: 0, skipped: 0 };
  let retrying = 0;
  const summary = (status: RunSummary['status'], messageVi: string): RunSummary => ({
    runId,
    upstream: kind,
    ...counts,
    retrying,
    duration_ms: Math.round(performance.now() - started),
    status,
    messageVi,
  });

  const mine = running.get(ctx.store) ?? new Set<string>();
  running.set(ctx.store, mine);
  if (mine.has(kind)) return summary('error', MESSAGES.busy);
  mine.add(kind);
  const nowIso = () => ctx.clock().toISOString();
  const backoff = opts.backoff ?? DEFAULT_BACKOFF;
  const read = opts.readSnapshots ?? readSliced;
  // Opened at the first batch to send (a run with nothing to send starts no thread).
  let preparer: Preparer | null = null;
  const build = adapter.build;
  const deliver = adapter.deliver?.bind(adapter);

  try {
    if (opts.dryRun) {
      let cursor = { queuedAt: '', personId: '' };
      for (;;) {
        const rows = dueAfter(ctx.store, kind, cursor, nowIso(), opts.batchSize);
        if (rows.length === 0) break;
        for (const r of rows)
          if (consentAllows(ctx, adapter, r)) counts.sent += 1;
          else counts.skipped += 1;
        const last = rows[rows.length - 1];
        cursor = { queuedAt: last.queuedAt, personId: last.personId };
      }
      const s = summary(
        'dry-run',
        `Sẽ gửi ${counts.sent} hồ sơ, bỏ qua ${counts.skipped} hồ sơ chưa đồng ý chia sẻ.`,
      );
      return { ...s, sent: counts.sent, acknowledged: 0 };
    }

    // Residents never marked are queued slice by slice: one statement for a whole commune held
    // the window's thread for 60+ ms (bench sync.initial, max_turn_cpu_ms).
    let queued = 0;
    for (let after: number | null = 0; after !== null;) {
      const from: number = after;
      const slice = ctx.store.tx(() => queueUnmarked(ctx.store, nowIso(), from));
      queued += slice.queued;
      after = slice.nextPk;
      if (after !== null) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (queued) ctx.log.info('sync: residents never marked are queued', { queued });
    ctx.store.tx(() => {
      const now = nowIso();
      closeAbandonedRuns(ctx.store, kind, now);
      const released = releaseInterrupted(ctx.store, kind, now);
      if (released) ctx.log.info('sync: released claims of an interrupted run', { upstream: kind, released });
      insertRun(ctx.store, { id: runId, upstream: kind, trigger: opts.trigger, startedAt: now });
    });

    let total = countDue(ctx, kind, nowIso());
    let done = 0;
    opts.onProgress?.(0, total, `Đang gửi 0/${total} hồ sơ…`);
    let cursor = { queuedAt: '', personId: '' };
    const waitUntil = Date.now() + (opts.maxWaitMs ?? 0);
    let status: RunSummary['status'] = 'done';

    for (;;) {
      if (opts.signal?.aborted) {
        status = 'cancelled';
        break;
      }
      const rows = dueAfter(ctx.store, kind, cursor, nowIso(), opts.batchSize);
      if (rows.length === 0) {
        // The walk is over; records backing off may be due again soon enough to wait for.
        const next = nextRetryAt(ctx.store, kind);
        const wait = next ? Date.parse(next) - ctx.clock().getTime() : Infinity;
        if (next && Date.now() + Math.max(0, wait) <= waitUntil) {
          await abortableSleep(Math.max(0, wait) + 5, opts.signal);
          cursor = { queuedAt: '', personId: '' };
          total = done + countDue(ctx, kind, nowIso());
          continue;
        }
        break;
      }
      const last = rows[rows.length - 1];
      cursor = { queuedAt: last.queuedAt, personId: last.personId };

      const toSend: DueRow[] = [];
      ctx.store.tx(() => {
        const now = nowIso();
        for (const r of rows) {
          if (consentAllows(ctx, adapter, r)) toSend.push(r);
          else {
            recordSkipped(ctx.store, kind, r.personId, r.version, now);
            counts.skipped += 1;
          }
        }
        claim(ctx.store, kind, toSend, runId, now);
        for (const r of toSend) settleOutbox(ctx.store, r.personId, r.version, { state: 'sending' }, now);
      });
      done += rows.length - toSend.length;
      if (toSend.length === 0) continue;

      let results: RecordResult[];
      /** What each payload put upstream, kept with its acknowledgement (FHIR: for later deletions). */
      const refs = new Map<string, readonly string[] | undefined>();
      const signal = opts.signal ?? new AbortController().signal;
      try {
        if (build && deliver) {
          const mode = opts.payloads ?? 'auto';
          preparer ??= openPreparer(
            ctx,
            build,
            mode === 'worker' || (mode === 'auto' && total > opts.batchSize),
          );
          const prepared = await preparer.prepare(toSend);
          for (const p of prepared) refs.set(p.personId, p.refs);
          results = await deliver(prepared, { signal });
        } else results = await adapter.send(await read(ctx, toSend), { signal });
      } catch (e) {
        // An adapter must not throw for a record; if it (or the payload worker) does, nothing was
        // acknowledged. A worker that failed is not trusted again this run: the rest builds here.
        ctx.log.warn('sync: batch failed', { upstream: kind, error: String(e) });
        if (preparer?.onWorker && build) {
          preparer.close();
          preparer = inlinePreparer(ctx, build);
        }
        results = toSend.map((r) => ({
          personId: r.personId,
          outcome: 'retry' as const,
          code: 'INTERNAL',
          messageVi: 'Lỗi không mong đợi khi gửi; sẽ thử lại.',
        }));
      }
      if (opts.signal?.aborted && results.every((r) => r.outcome !== 'acknowledged')) {
        ctx.store.tx(() => {
          releaseClaims(ctx.store, kind, runId, nowIso());
          for (const r of toSend) unsettleOutbox(ctx.store, r.personId, r.version);
        });
        status = 'cancelled';
        break;
      }
      const byId = new Map(results.map((r) => [r.personId, r]));
      let transient = 0;
      let offline = 0;
      ctx.store.tx(() => {
        const now = nowIso();
        const attempts = ctx.store.prepare(
          'SELECT attempts FROM sync_deliveries WHERE upstream = ? AND person_id = ?',
        );
        for (const r of toSend) {
          counts.sent += 1;
          const res: RecordResult = byId.get(r.personId) ?? {
            personId: r.personId,
            outcome: 'retry',
            code: 'NO_ANSWER',
            messageVi: 'Nơi nhận không trả lời cho hồ sơ này; sẽ gửi lại.',
          };
          if (res.outcome === 'acknowledged') {
            counts.acknowledged += 1;
            recordAcknowledged(
              ctx.store,
              kind,
              r.personId,
              r.version,
              res.remoteId ?? null,
              now,
              refs.get(r.personId),
            );
            settleOutbox(
              ctx.store,
              r.personId,
              r.version,
              { state: 'acknowledged', remoteId: res.remoteId ?? null },
              now,
            );
          } else {
            const error = { code: res.code ?? 'ERROR', message: res.messageVi ?? 'Nơi nhận báo lỗi.' };
            const tried = ((attempts.pluck().get(kind, r.personId) as number | undefined) ?? 0) + 1;
            if (res.outcome === 'failed') {
              counts.failed += 1;
              recordFailed(ctx.store, kind, r.personId, error, now);
              settleOutbox(
                ctx.store,
                r.personId,
                r.version,
                { state: 'error', ...error, attempts: tried, nextAttemptAt: null },
                now,
              );
            } else {
              transient += 1;
              if (OFFLINE_CODES.has(error.code)) offline += 1;
              const next = new Date(
                ctx.clock().getTime() + retryDelayMs(tried, res.retryAfterMs, backoff),
              ).toISOString();
              recordRetry(ctx.store, kind, r.personId, error, next, now);
              settleOutbox(
                ctx.store,
                r.personId,
                r.version,
                { state: 'error', ...error, attempts: tried, nextAttemptAt: next },
                now,
              );
            }
          }
        }
        updateRun(ctx.store, runId, counts, null);
      });
      done += toSend.length;
      opts.onProgress?.(done, Math.max(total, done), `Đang gửi ${done}/${Math.max(total, done)} hồ sơ…`);
      // Nothing got through and the line is down: stop instead of walking the backlog for nothing.
      if (offline > 0 && offline === toSend.length) {
        status = 'offline';
        break;
      }
      if (transient > 0) status = 'partial';
    }

    retrying = ctx.store
      .prepare(`SELECT count(*) FROM sync_deliveries WHERE upstream = ? AND state = 'pending'`)
      .pluck()
      .get(kind) as number;
    if (status === 'partial' && retrying === 0) status = 'done';
    const message =
      status === 'offline'
        ? MESSAGES.offline
        : status === 'cancelled'
          ? MESSAGES.cancelled
          : MESSAGES.done(counts);
    ctx.store.tx(() => {
      const now = nowIso();
      updateRun(ctx.store, runId, counts, { status, message, finishedAt: now });
      appendAudit(
        ctx.store,
        opts.actor ?? null,
        {
          action: 'upstream.run',
          entity: 'sync_run',
          entityId: runId,
          details: { upstream: kind, trigger: opts.trigger, status, ...counts },
        },
        now,
      );
    });
    opts.onProgress?.(done, Math.max(total, done), message);
    return summary(status, message);
  } finally {
    preparer?.close();
    mine.delete(kind);
  }
}
