/**
 * An import in progress: the file as read and its last plan live with its backend (the import
 * worker in the app), between "open", the dry run and the commit, so a 100,000-row workbook is
 * parsed once. One per station at a time (the newest wins, and the one it replaces is closed, its
 * worker ended), forgotten after two hours; nothing of it is written to disk.
 */
import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../../context.ts';
import type { ImportBackend } from './backend.ts';
import { closedError, type OpenedFile } from './engine.ts';

export interface ImportSession {
  id: string;
  fileName: string;
  userId: string;
  /** Where the file is kept, read and planned. */
  backend: ImportBackend;
  file: OpenedFile;
  openedAt: number;
  /** After the commit: the residents the list named (a campaign's roster may take them). */
  committedPersonIds?: readonly string[];
}

const MAX_AGE_MS = 2 * 3600_000;
const open = new WeakMap<object, ImportSession>();

export function startSession(
  ctx: Pick<CoreContext, 'store'>,
  userId: string,
  fileName: string,
  backend: ImportBackend,
  file: OpenedFile,
): ImportSession {
  open.get(ctx.store)?.backend.close();
  const session: ImportSession = {
    id: randomUUID(),
    fileName,
    userId,
    backend,
    file,
    openedAt: Date.now(),
  };
  open.set(ctx.store, session);
  // Nobody came back for it: the file, the plan and the worker go without waiting for a next call.
  setTimeout(() => closeSession(ctx, session.id), MAX_AGE_MS + 1000).unref();
  return session;
}

export function getSession(ctx: Pick<CoreContext, 'store'>, id: string): ImportSession {
  const s = open.get(ctx.store);
  if (s && Date.now() - s.openedAt > MAX_AGE_MS) closeSession(ctx);
  if (!s || s.id !== id || Date.now() - s.openedAt > MAX_AGE_MS) throw closedError();
  return s;
}

/** Whether a list is open for import (its worker holds a connection to the database). */
export function importOpen(ctx: Pick<CoreContext, 'store'>): boolean {
  const s = open.get(ctx.store);
  return Boolean(s && Date.now() - s.openedAt <= MAX_AGE_MS);
}

/** Closes the open import, if any (with `id`, only that one): its file and plan are forgotten. */
export function closeSession(ctx: Pick<CoreContext, 'store'>, id?: string): boolean {
  const s = open.get(ctx.store);
  if (!s || (id !== undefined && s.id !== id)) return false;
  open.delete(ctx.store);
  s.backend.close();
  return true;
}
