/**
 * Messages between the upload engine and its payload worker (prepare-worker.ts): plain data. The
 * database key travels once, as bytes, in workerData and is wiped once the database is open.
 */
import type { BuildSpec, PreparedRecord } from './payload.ts';

export interface PrepareWorkerStart {
  file: string;
  key: Uint8Array | null;
  resourcesDir: string;
  dataDir: string;
}

export interface PrepareRow {
  personId: string;
  version: number;
  sentRefs: string | null;
}

/**
 * A batch to build. `spec` says how (the worker keeps one builder while the spec stays the same);
 * `startedIso`: when the run started (the signing certificate is checked against it).
 */
export type ToPrepareWorker =
  { id: number; rows: PrepareRow[]; spec: BuildSpec; startedIso: string; nowIso: string } | { close: true };

export type FromPrepareWorker =
  { ready: true } | { id: number; prepared: PreparedRecord[] } | { id: number; error: string };
