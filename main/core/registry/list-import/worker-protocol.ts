/**
 * The messages between the main thread and the import worker. Everything is plain data, copied by
 * structured clone; the error report's bytes are transferred. The database key travels once, as bytes in
 * `workerData` (never in argv or the environment), and the worker wipes its copy once it has opened
 * the database.
 */
import type { ErrorCode } from '#contract/errors.ts';
import type { EngineOp } from './engine.ts';

export interface WorkerStart {
  /** The station database, opened beside the main thread's connection (WAL lets both read while one writes). */
  file: string;
  key: Uint8Array | null;
  resourcesDir: string;
}

export type ToWorker = { id: number; op: EngineOp; input: unknown } | { close: true };

/** An error as it crosses: an AppError keeps its code and Vietnamese message; anything else is a bug. */
export interface WireError {
  code: ErrorCode | null;
  userMessage: string;
  message: string;
  stack?: string;
}

export type FromWorker =
  | { ready: true }
  | { id: number; progress: [done: number, total: number, message: string] }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: WireError };
