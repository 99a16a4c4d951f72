/**
 * A list read and rendered to its file: the same on the list worker (its own read-only connection)
 * and, for a store no worker can open (in memory), on the calling thread.
 */
import type { CoreContext } from '../../context.ts';
import type { RenderedList } from '../../forms/lists/render.ts';
import { writeLongTable } from '../../forms/lists/write.ts';
import type { PrintStamp, StationHeading } from '../../forms/model.ts';
import type { ReadOptions } from '../worklists.ts';
import { dueListTable } from './due-list-table.ts';
import type { ListRequest } from './protocol.ts';
import { worklistTable } from './worklist-table.ts';

export async function readAndWrite(
  ctx: CoreContext,
  request: ListRequest,
  heading: { station: StationHeading; stamp: PrintStamp },
  path: string,
  options: ReadOptions & { yieldEvery?: () => Promise<void> },
): Promise<RenderedList | null> {
  const built =
    request.list === 'worklist'
      ? worklistTable(ctx, request.input, heading.station, heading.stamp, options)
      : dueListTable(ctx, request.input, heading.station, heading.stamp, options);
  if (built.rows === 0) return null;
  const out = await writeLongTable(ctx.resourcesDir, built.table, path, options.yieldEvery);
  return { ...out, rows: built.rows, title: built.title, fileName: built.fileName };
}
