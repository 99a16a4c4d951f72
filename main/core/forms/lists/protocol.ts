/**
 * Messages between the main thread and the list worker: plain data (structured clone). The worker
 * needs no database: the rows arrive already read, as text.
 */
import type { LongTable } from '../pdf/long-table.ts';

export interface ListWorkerStart {
  resourcesDir: string;
  /** Where the PDF goes (written as `<path>.part`, renamed when whole). */
  path: string;
  table: LongTable;
}

export type FromListWorker = { done: { pages: number; bytes: number } } | { error: string };
