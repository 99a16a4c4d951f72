/**
 * Where a run's payloads are built. On a worker thread with its own connection (prepare-worker.ts)
 * when the station database is a file the worker can open: reading ten years of a record and
 * turning it into JSON or signed XML then never holds the event loop that serves the window. A
 * database the worker cannot open (an in-memory test store) is read here, one record per turn.
 * The engine on this thread keeps the outbox (claims before, answers after).
 *
 * The worker outlives a run (starting one costs a second or two of module loading on a station PC,
 * and runs come every few minutes): it ends after a minute with nothing to do, or when the
 * station database closes.
 */
import { Worker } from 'node:worker_threads';
import type { CoreContext } from '../context.ts';
import type { Store } from '../db/store.ts';
import { importWorkerSource } from '../registry/list-import/worker-source.ts';
import { workerEnv } from '../registry/list-import/worker-client.ts';
import type { DueRow } from '../sync/deliveries.ts';
import { createBuilder, splitRefs } from './builders.ts';
import type { Builder, BuildSpec, PreparedRecord } from './payload.ts';
import type { FromPrepareWorker, PrepareWorkerStart, ToPrepareWorker } from './prepare-protocol.ts';
import { loadRecordSnapshot } from './snapshot.ts';

/** From source the worker is prepare-worker.ts here; in the Electron bundle, sync-worker.js beside main.js. */
export const PREPARE_WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./prepare-worker.ts', import.meta.url)
  : new URL('./sync-worker.js', import.meta.url);

const IDLE_MS = 60_000;
const WATCH_MS = 1000;

export interface Preparer {
  /** The payloads of a claimed batch, one per row, in order. */
  prepare(rows: readonly DueRow[]): Promise<PreparedRecord[]>;
  readonly onWorker: boolean;
  /** The run is over (the worker stays for the next one until idle). */
  close(): void;
}

const turn = () => new Promise<void>((r) => setImmediate(r));

export function inlinePreparer(ctx: CoreContext, spec: BuildSpec): Preparer {
  let build: Promise<Builder> | null = null;
  return {
    onWorker: false,
    async prepare(rows) {
      build ??= createBuilder(spec, new Date());
      const b = await build;
      const out: PreparedRecord[] = [];
      for (const r of rows) {
        const nowIso = new Date().toISOString();
        out.push(b(loadRecordSnapshot(ctx, r.personId, r.version), splitRefs(r.sentRefs), nowIso));
        // A record is a few ms at most; yielding between records keeps every turn short.
        await turn();
      }
      return out;
    },
    close() {},
  };
}

interface SharedWorker {
  post(rows: readonly DueRow[], spec: BuildSpec, startedIso: string): Promise<PreparedRecord[]>;
  readonly dead: Error | null;
  busy(): void;
  idle(): void;
  end(): void;
}

const shared = new WeakMap<Store, SharedWorker>();

function startWorker(ctx: CoreContext, source: { file: string; key: Buffer | null }): SharedWorker {
  const start: PrepareWorkerStart = {
    file: source.file,
    key: source.key ? new Uint8Array(source.key) : null,
    resourcesDir: ctx.resourcesDir,
    dataDir: ctx.dataDir,
  };
  const worker = new Worker(PREPARE_WORKER_URL, {
    workerData: start,
    argv: [],
    env: workerEnv(),
    name: 'hssk-sync-prepare',
    // A batch of records is a few MB: a small heap keeps the run's memory flat however long the
    // backlog (V8 collects instead of growing), and a leak fails the run, not the station's PC.
    resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 },
  });
  start.key?.fill(0);
  const pending = new Map<number, { resolve(p: PreparedRecord[]): void; reject(e: Error): void }>();
  let nextId = 1;
  let users = 0;
  let idleTimer: NodeJS.Timeout | null = null;
  const self: SharedWorker & { dead: Error | null } = {
    dead: null,
    post(rows, spec, startedIso) {
      if (self.dead) return Promise.reject(self.dead);
      const id = nextId++;
      worker.ref();
      return new Promise<PreparedRecord[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({
          id,
          rows: rows.map((r) => ({ personId: r.personId, version: r.version, sentRefs: r.sentRefs })),
          spec,
          startedIso,
          nowIso: new Date().toISOString(),
        } satisfies ToPrepareWorker);
      });
    },
    busy() {
      users += 1;
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
    },
    idle() {
      users = Math.max(0, users - 1);
      if (users > 0 || self.dead) return;
      idleTimer = setTimeout(() => self.end(), IDLE_MS);
      idleTimer.unref();
    },
    end() {
      if (self.dead) return;
      failAll(new Error('sync worker closed'));
      worker.postMessage({ close: true } satisfies ToPrepareWorker);
      // If it does not end by itself soon, it is ended.
      setTimeout(() => void worker.terminate(), 2000).unref();
    },
  };
  function failAll(e: Error): void {
    self.dead ??= e;
    if (shared.get(ctx.store) === self) shared.delete(ctx.store);
    clearInterval(watch);
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  }
  worker.on('message', (m: FromPrepareWorker) => {
    if ('ready' in m) return;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if ('error' in m) p.reject(new Error(`sync worker: ${m.error}`));
    else p.resolve(m.prepared);
    // A worker with nothing to do must not keep a CLI process alive.
    if (pending.size === 0) worker.unref();
  });
  worker.on('error', (e) => failAll(new Error(`sync worker: ${e.stack ?? e.message}`)));
  worker.on('exit', (code) => failAll(new Error(`sync worker exited (${code})`)));
  worker.unref();
  // The station database closed (the core shut down): the worker's connection goes with it.
  const watch = setInterval(() => {
    if (!ctx.store.raw.open) self.end();
  }, WATCH_MS);
  watch.unref();
  return self;
}

/**
 * A run's payload builder: a worker thread when the database is a file (and `worker` is not false),
 * this thread otherwise. A worker already started for this database is used whenever it is there.
 */
export function openPreparer(ctx: CoreContext, spec: BuildSpec, worker = true): Preparer {
  const source = importWorkerSource(ctx.store);
  let w = shared.get(ctx.store) ?? null;
  if (!w && source && worker) {
    try {
      w = startWorker(ctx, source);
      shared.set(ctx.store, w);
    } catch (e) {
      ctx.log.warn('sync: payload worker did not start, building on this thread', { error: String(e) });
    }
  }
  if (!w) return inlinePreparer(ctx, spec);
  const shared_ = w;
  shared_.busy();
  const startedIso = new Date().toISOString();
  let closed = false;
  return {
    onWorker: true,
    prepare: (rows) => shared_.post(rows, spec, startedIso),
    close() {
      if (closed) return;
      closed = true;
      // A worker that failed is ended, not kept for the next run.
      if (shared_.dead) shared_.end();
      else shared_.idle();
    },
  };
}

/** Ends the payload worker of this database now (tests; a host closing the station). */
export function endPreparer(store: Store): void {
  shared.get(store)?.end();
}
