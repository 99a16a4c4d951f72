/**
 * The payload worker: reads each claimed record through its own read-only connection to the
 * station database and builds what goes on the wire (FHIR bundles as JSON, the signed 831 XML),
 * off the thread that serves the window. One per station database, started by prepare.ts at the
 * first run and ended when idle; a batch at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { workerReaderContext } from '../record/worker-context.ts';
import { createBuilder, sameSpec, splitRefs } from './builders.ts';
import type { Builder, BuildSpec, PreparedRecord } from './payload.ts';
import type { FromPrepareWorker, PrepareWorkerStart, ToPrepareWorker } from './prepare-protocol.ts';
import { loadRecordSnapshot } from './snapshot.ts';

if (!parentPort) throw new Error('the payload worker runs as a worker thread');
const port = parentPort;
const start = workerData as PrepareWorkerStart;

let now = new Date();
// The record loaders read through the record and registry modules (see record/worker-context.ts).
const { ctx, db } = workerReaderContext(start, () => now);
const raw = db;
let current: { spec: BuildSpec; startedIso: string; build: Builder } | null = null;

async function builderFor(spec: BuildSpec, startedIso: string): Promise<Builder> {
  if (!current || current.startedIso !== startedIso || !sameSpec(current.spec, spec))
    current = { spec, startedIso, build: await createBuilder(spec, new Date(startedIso)) };
  return current.build;
}

async function handle(m: Extract<ToPrepareWorker, { id: number }>): Promise<void> {
  try {
    now = new Date(m.nowIso);
    const build = await builderFor(m.spec, m.startedIso);
    const prepared: PreparedRecord[] = [];
    // One read transaction per batch: every record of it is read as of one moment, after its claim.
    raw.exec('BEGIN');
    try {
      for (const r of m.rows)
        prepared.push(build(loadRecordSnapshot(ctx, r.personId, r.version), splitRefs(r.sentRefs), m.nowIso));
    } finally {
      raw.exec('COMMIT');
    }
    // The bodies are handed over, not copied.
    const transfer = prepared.flatMap((p) => p.bodies.map((b) => b.buffer));
    port.postMessage({ id: m.id, prepared } satisfies FromPrepareWorker, transfer);
  } catch (e) {
    port.postMessage({
      id: m.id,
      error: e instanceof Error ? (e.stack ?? e.message) : String(e),
    } satisfies FromPrepareWorker);
  }
}

// One batch at a time, in the order they came.
let queue = Promise.resolve();
port.on('message', (m: ToPrepareWorker) => {
  if ('close' in m) {
    raw.close();
    process.exit(0);
  }
  queue = queue.then(() => handle(m));
});
port.postMessage({ ready: true } satisfies FromPrepareWorker);
