/**
 * Messages between the main thread and the batch worker: plain data (structured clone). The key
 * travels once in workerData, as bytes, and is wiped once the database is open.
 */
import type { BatchPlan, BatchResult } from './run.ts';

export interface BatchWorkerStart {
  file: string;
  key: Uint8Array | null;
  resourcesDir: string;
  dataDir: string;
  /** The moment the batch was started: every form in it reads "this year" and ages from it. */
  nowIso: string;
  plan: BatchPlan;
}

export type ToBatchWorker = { cancel: true };

export type FromBatchWorker =
  { progress: [done: number, total: number, skipped: number] } | { done: BatchResult } | { error: string };
