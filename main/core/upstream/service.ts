import { randomUUID } from 'node:crypto';
import type { RunSummary, StatusOutput } from '#contract/ops/upstream.ts';
import type { CoreContext } from '../context.ts';
import { progressReporter } from '../jobs.ts';
import type { Actor } from '../audit/audit.ts';
import type { UpstreamKind } from './adapter.ts';
import { createAdapter, enabledKinds } from './adapters.ts';
import type { Backoff } from './backoff.ts';
import { runUpstream, type Trigger } from './engine.ts';
import { loadSettings } from './settings.ts';

/**
 * Runs over the enabled upstreams (statutory first), by hand, on schedule or at closing time; the
 * closing-time run in the background with progress on `job.progress` (kind 'sync') and a cancel.
 * State per station database: which background run is going, the results of finished ones.
 */
interface Job {
  jobId: string;
  upstream: UpstreamKind | null;
  abort: AbortController;
  finished: boolean;
  summaries: RunSummary[];
}

interface State {
  jobs: Map<string, Job>;
  current: Job | null;
  nextScheduledAt: () => string | null;
  /** The schedule follows saved settings (set by the scheduler when one runs). */
  onSettingsSaved: (() => void) | null;
}

const states = new WeakMap<object, State>();
export function stateOf(ctx: CoreContext): State {
  let s = states.get(ctx.store);
  if (!s) {
    s = { jobs: new Map(), current: null, nextScheduledAt: () => null, onSettingsSaved: null };
    states.set(ctx.store, s);
  }
  return s;
}

export interface RunRequest {
  upstream?: UpstreamKind;
  url?: string;
  dryRun?: boolean;
  trigger: Trigger;
  actor: Actor | null;
  signal?: AbortSignal;
  onProgress?: (upstream: UpstreamKind, done: number, total: number, message: string) => void;
  /** How long a run may wait for records backing off (closing time: a little; schedule: none). */
  maxWaitMs?: number;
  backoff?: Backoff;
}

export async function runSync(ctx: CoreContext, req: RunRequest): Promise<RunSummary[]> {
  const loaded = loadSettings(ctx);
  const kinds = req.upstream ? [req.upstream] : enabledKinds(loaded);
  const out: RunSummary[] = [];
  for (const kind of kinds) {
    const adapter = createAdapter(ctx, kind, { url: req.url, loaded });
    out.push(
      await runUpstream(ctx, adapter, {
        trigger: req.trigger,
        batchSize: loaded.settings.schedule.batchSize,
        dryRun: req.dryRun,
        signal: req.signal,
        actor: req.actor,
        maxWaitMs: req.maxWaitMs,
        backoff: req.backoff,
        onProgress: (d, t, m) => req.onProgress?.(kind, d, t, m),
      }),
    );
    if (req.signal?.aborted) break;
  }
  return out;
}

/** Starts the closing-time run ("Gửi dữ liệu cuối ngày") in the background; one at a time. */
export function startClosing(
  ctx: CoreContext,
  actor: Actor | null,
  trigger: Trigger = 'manual',
): { jobId: string } {
  const s = stateOf(ctx);
  if (s.current && !s.current.finished) return { jobId: s.current.jobId };
  const job: Job = {
    jobId: randomUUID(),
    upstream: null,
    abort: new AbortController(),
    finished: false,
    summaries: [],
  };
  s.jobs.set(job.jobId, job);
  s.current = job;
  const report = progressReporter(ctx.events, job.jobId, 'sync');
  void runSync(ctx, {
    trigger: trigger === 'schedule' ? 'closing' : trigger === 'manual' ? 'closing' : trigger,
    actor,
    signal: job.abort.signal,
    // Someone is watching the wizard: shorter back-off, and up to two minutes of patience.
    maxWaitMs: 120_000,
    backoff: { baseMs: 5_000, maxMs: 60_000 },
    onProgress: (kind, d, t, m) => {
      job.upstream = kind;
      report(d, t, m);
    },
  })
    .then((summaries) => {
      job.summaries = summaries;
    })
    .catch((e: unknown) => {
      ctx.log.warn('sync: closing-time run failed', { error: String(e) });
      job.summaries = [
        {
          runId: '',
          upstream: job.upstream ?? 'fhir',
          sent: 0,
          acknowledged: 0,
          failed: 0,
          skipped: 0,
          retrying: 0,
          duration_ms: 0,
          status: 'error',
          messageVi:
            e instanceof Error && 'userMessage' in e
              ? String((e as { userMessage: string }).userMessage)
              : 'Lỗi khi gửi dữ liệu.',
        },
      ];
    })
    .finally(() => {
      job.finished = true;
      const last = job.summaries.at(-1);
      report(1, 1, last?.messageVi ?? 'Xong.', true);
      // Keep the last few results for the wizard; drop older ones.
      for (const id of [...s.jobs.keys()].slice(0, -10)) s.jobs.delete(id);
    });
  return { jobId: job.jobId };
}

export function cancelClosing(ctx: CoreContext, jobId: string): boolean {
  const job = stateOf(ctx).jobs.get(jobId);
  if (!job || job.finished) return false;
  job.abort.abort();
  return true;
}

export function closingResult(
  ctx: CoreContext,
  jobId: string,
): { finished: boolean; summaries: RunSummary[] } {
  const job = stateOf(ctx).jobs.get(jobId);
  return job ? { finished: job.finished, summaries: job.summaries } : { finished: true, summaries: [] };
}

export function runningJob(ctx: CoreContext): StatusOutput['running'] {
  const c = stateOf(ctx).current;
  return c && !c.finished ? { jobId: c.jobId, upstream: c.upstream } : null;
}
