/**
 * An import in progress: the file as read, kept in memory between "open", the dry run and the
 * commit, so a 100,000-row workbook is parsed once. One per station at a time (the newest wins),
 * forgotten after two hours; nothing of it is written to disk.
 */
import { randomUUID } from 'node:crypto';
import type { ImportView } from '#contract/ops/import.ts';
import type { CoreContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { ColumnMapping, Sheet, TableRead } from '../list-reader/index.ts';
import type { Planned } from './plan.ts';

export interface ImportSession {
  id: string;
  fileName: string;
  userId: string;
  table: TableRead;
  openedAt: number;
  /** The last dry run or commit: what the lists and the error report show. */
  last: LastRun | null;
}

export interface LastRun {
  sheet: Sheet;
  planned: Planned[];
  mapping: ColumnMapping;
  /** Each list's rows, once asked for. */
  views: Map<ImportView, Planned[]>;
}

const MAX_AGE_MS = 2 * 3600_000;
const open = new WeakMap<object, ImportSession>();

export function startSession(
  ctx: Pick<CoreContext, 'store'>,
  userId: string,
  fileName: string,
  table: TableRead,
): ImportSession {
  const session: ImportSession = {
    id: randomUUID(),
    fileName,
    userId,
    table,
    openedAt: Date.now(),
    last: null,
  };
  open.set(ctx.store, session);
  return session;
}

export function getSession(ctx: Pick<CoreContext, 'store'>, id: string): ImportSession {
  const s = open.get(ctx.store);
  if (!s || s.id !== id || Date.now() - s.openedAt > MAX_AGE_MS) {
    throw new AppError('NOT_FOUND', {
      message: 'Tệp nhập đã đóng (đã lâu hoặc đã mở tệp khác). Hãy chọn lại tệp.',
    });
  }
  return s;
}

export function sheetOf(session: ImportSession, name: string): Sheet {
  const sheet = session.table.sheets.find((s) => s.name === name);
  if (!sheet) throw new AppError('INVALID_INPUT', { message: `Tệp không có trang tính «${name}».` });
  return sheet;
}
