/**
 * Messages between the main thread and the list worker: plain data (structured clone). The key
 * travels once in workerData, as bytes, and is wiped once the database is open.
 */
import type { z } from 'zod';
import type { DueListInput } from '#contract/ops/record.ts';
import type { WorklistInput } from '#contract/ops/reports.ts';
import type { RenderedList } from '../../forms/lists/render.ts';
import type { PrintStamp, StationHeading } from '../../forms/model.ts';

/** Which list: a report's work list, or a session's invitation list. */
export type ListRequest =
  | { list: 'worklist'; input: Omit<z.output<typeof WorklistInput>, 'limit'> }
  | { list: 'due'; input: Omit<z.output<typeof DueListInput>, 'limit'> & { place: string } };

export interface ListWorkerStart {
  file: string;
  key: Uint8Array | null;
  resourcesDir: string;
  dataDir: string;
  /** The moment the print was asked: "today" of the list (overdue, due this month) is read from it. */
  nowIso: string;
  station: StationHeading;
  stamp: PrintStamp;
  request: ListRequest;
  /** Where the PDF goes (`<path>.part` while it renders). */
  path: string;
}

/**
 * What reading a list came to: its file written, no one on it (`null`, no file), or more people than
 * a print takes (`tooLong`, their number; no file).
 */
export type ListOutcome = RenderedList | null | { tooLong: number };

export type FromListWorker = { done: ListOutcome } | { error: string };
