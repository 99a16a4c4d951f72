/**
 * A list read and rendered to its file: the same on the list worker (its own read-only connection)
 * and, for a store no worker can open (in memory), on the calling thread.
 */
import type { CoreContext } from '../../context.ts';
import { writeLongTable } from '../../forms/lists/write.ts';
import type { PrintStamp, StationHeading } from '../../forms/model.ts';
import type { ReadOptions } from '../worklists.ts';
import { dueListTable } from './due-list-table.ts';
import type { ListOutcome, ListRequest } from './protocol.ts';
import { worklistTable } from './worklist-table.ts';

/**
 * The most rows one print takes (~330 landscape pages). A whole commune's "not examined" list is
 * tens of thousands of residents — thousands of pages no station prints, and a layout that outgrew
 * the worker's heap (66,607 rows on 100,000 residents): it is printed a village at a time, or exported.
 */
export const MAX_PRINT_ROWS = 10_000;

export async function readAndWrite(
  ctx: CoreContext,
  request: ListRequest,
  heading: { station: StationHeading; stamp: PrintStamp },
  path: string,
  options: ReadOptions & { yieldEvery?: () => Promise<void>; maxRows?: number },
): Promise<ListOutcome> {
  const built =
    request.list === 'worklist'
      ? worklistTable(ctx, request.input, heading.station, heading.stamp, options)
      : dueListTable(ctx, request.input, heading.station, heading.stamp, options);
  if (built.rows === 0) return null;
  if (built.rows > (options.maxRows ?? MAX_PRINT_ROWS)) return { tooLong: built.rows };
  const out = await writeLongTable(ctx.resourcesDir, built.table, path, options.yieldEvery);
  return { ...out, rows: built.rows, title: built.title, fileName: built.fileName };
}
