/**
 * The main thread's side of the import worker (worker.ts): starts it, sends it calls and waits for
 * their answers, passes on its progress, and ends it when the import is closed, replaced or the
 * station database is closed. Whatever happens to the worker (a corrupt file that makes a parser
 * throw, running out of memory, a crash) every waiting call gets an ordinary error: the user sees
 * the usual Vietnamese message, never an unhandled rejection, and the window keeps working.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { Store } from '../../db/store.ts';
import { AppError } from '../../errors.ts';
import type { Logger } from '../../log.ts';
import type { ImportBackend } from './backend.ts';
import { closedError, type EngineOp, type EngineOutput, type Progress } from './engine.ts';
import type { DatabaseSource } from './worker-source.ts';
import type { FromWorker, ToWorker, WireError, WorkerStart } from './worker-protocol.ts';

/**
 * From source (Node runs the TypeScript) the worker is worker.ts beside this file; in the Electron
 * bundle, where this code is inlined into dist/main/main.js, it is the entry built beside it.
 */
export const IMPORT_WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./worker.ts', import.meta.url)
  : new URL('./import-worker.js', import.meta.url);

const DEFAULT_HEAP_MB = 2048;
/** How often the worker checks that the station database it plans against is still open. */
const WATCH_MS = 1000;

export interface WorkerBackendOptions {
  store: Store;
  source: DatabaseSource;
  resourcesDir: string;
  log: Logger;
}

/** The worker's environment: the process's, without the one variable that may hold the key. */
export function workerEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && k !== 'HSSK_DB_KEY') out[k] = v;
  return out;
}

/** Thrown when the worker could not even start (its file missing from a build): the caller may plan here instead. */
export class WorkerStartFailed extends Error {}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  progress: Progress;
}

function fromWire(e: WireError): Error {
  if (e.code)
    return new AppError(e.code, { message: e.userMessage, logMessage: `import worker: ${e.message}` });
  const error = new Error(`import worker: ${e.message}`);
  if (e.stack) error.stack = `import worker: ${e.stack}`;
  return error;
}

/**
 * A file's bytes that own their whole buffer (an upload just decoded) are moved to the worker,
 * not copied: copying 50 MB would hold the event loop for a noticeable moment.
 */
function handedOver(input: unknown): ArrayBuffer[] {
  const file = (input as { file?: unknown } | null)?.file;
  if (!(file instanceof Uint8Array) || !(file.buffer instanceof ArrayBuffer)) return [];
  return file.byteOffset === 0 && file.byteLength === file.buffer.byteLength ? [file.buffer] : [];
}

export function workerBackend(options: WorkerBackendOptions): ImportBackend {
  const { store, source, log } = options;
  const start: WorkerStart = {
    file: source.file,
    key: source.key ? new Uint8Array(source.key) : null,
    resourcesDir: options.resourcesDir,
  };
  const spawn = source.spawn ?? ((url: URL, o: WorkerOptions) => new Worker(url, o));
  const worker = spawn(IMPORT_WORKER_URL, {
    workerData: start,
    argv: [],
    env: workerEnv(),
    name: 'hssk-import',
    resourceLimits: { maxOldGenerationSizeMb: source.maxHeapMb ?? DEFAULT_HEAP_MB },
  });
  // Our copy of the key went into workerData (copied again on the way): wipe this one.
  start.key?.fill(0);

  // The station database closed (the core shut down): the worker's connection goes with it.
  const watch = setInterval(() => {
    if (!store.raw.open) close();
  }, WATCH_MS);
  watch.unref();

  const pending = new Map<number, Pending>();
  let nextId = 1;
  let ready = false;
  /** Once the worker is gone (closed, crashed), later calls hear that the file is closed. */
  let ended = false;

  // A worker with nothing to do must not keep a CLI process alive; one with a call in flight must.
  const idle = (): void => {
    if (pending.size === 0) worker.unref();
  };
  worker.unref();

  // Calls wait for the worker to be ready: one that never starts leaves the file's bytes untouched
  // (never handed over), so the caller can read them on this thread instead.
  const unsent: { id: number; op: EngineOp; input: unknown }[] = [];
  const post = (m: { id: number; op: EngineOp; input: unknown }): void => {
    worker.postMessage(m satisfies ToWorker, handedOver(m.input));
  };

  /** Calls still waiting get `why`; later calls, that the file is closed (choose it again). */
  const end = (why: () => Error): void => {
    if (ended) return;
    ended = true;
    clearInterval(watch);
    for (const p of pending.values()) p.reject(why());
    pending.clear();
    unsent.length = 0;
  };

  worker.on('message', (m: FromWorker) => {
    if ('ready' in m) {
      ready = true;
      for (const u of unsent.splice(0)) post(u);
      return;
    }
    const p = pending.get(m.id);
    if (!p) return;
    if ('progress' in m) {
      p.progress(...m.progress);
      return;
    }
    pending.delete(m.id);
    idle();
    if (m.ok) p.resolve(m.value);
    else p.reject(fromWire(m.error));
  });
  worker.on('error', (e: Error & { code?: string }) => {
    log.error('import worker failed', { ready, code: e.code, error: e.message });
    end(() =>
      ready
        ? new AppError('INTERNAL', { logMessage: `import worker failed: ${e.code ?? ''} ${e.message}` })
        : new WorkerStartFailed(`import worker did not start: ${e.message}`),
    );
  });
  worker.on('messageerror', (e: Error) => {
    log.error('import worker sent a message that could not be read', { error: e.message });
    void worker.terminate();
  });
  worker.on('exit', (code) => {
    if (!ended) log.error('import worker stopped', { code });
    end(() =>
      ready
        ? new AppError('INTERNAL', { logMessage: `import worker exited with code ${code}` })
        : new WorkerStartFailed(`import worker exited with code ${code} before it started`),
    );
  });

  function close(): void {
    if (ended) return;
    end(closedError);
    // The worker closes its connection and ends itself; if it is stuck, it is stopped.
    worker.postMessage({ close: true } satisfies ToWorker);
    setTimeout(() => void worker.terminate(), 2000).unref();
  }

  return {
    call: <K extends EngineOp>(op: K, input: unknown, progress: Progress = () => undefined) =>
      new Promise<EngineOutput<K>>((resolve, reject) => {
        if (ended) {
          reject(closedError());
          return;
        }
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, progress });
        worker.ref();
        if (ready) post({ id, op, input });
        else unsent.push({ id, op, input });
      }),
    close,
  };
}
