/**
 * The import, end to end: open a file, detect its columns (or apply a saved template), dry run,
 * commit in one transaction through the job gate with progress events, and the error report.
 * The handlers and `hssk import` both use this.
 */
import type { z } from 'zod';
import type { ImportDetection, ImportOptions, ImportView, importOps } from '#contract/ops/import.ts';
import type { CoreContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { progressReporter } from '../../jobs.ts';
import type { Actor } from '../../audit/audit.ts';
import {
  checkMapping,
  FIELD_LABELS,
  IMPORT_FIELDS,
  REQUIRED_FIELDS,
  type ColumnMapping,
} from '../list-reader/index.ts';
import { inlineBackend, type ImportBackend } from './backend.ts';
import type { Progress } from './engine.ts';
import { closeSession, getSession, startSession, type ImportSession } from './session.ts';
import { listTemplates, templateMapping } from './templates.ts';
import { workerBackend, WorkerStartFailed } from './worker-client.ts';
import { importWorkerSource } from './worker-source.ts';

type Out<N extends keyof typeof importOps> = z.input<(typeof importOps)[N]['output']>;
type Opts = Required<ImportOptions>;

/** The import worker where the host said which database it may open; the calling thread otherwise. */
function backendFor(ctx: CoreContext): ImportBackend {
  const source = importWorkerSource(ctx.store);
  return source
    ? workerBackend({
        store: ctx.store,
        source,
        resourcesDir: ctx.resourcesDir,
        log: ctx.log.child('import'),
      })
    : inlineBackend(ctx);
}

/**
 * Opens a file for import. `file` is its bytes, or the base64 text of the upload (then decoded and
 * checked in the worker). Bytes that own their whole buffer are handed to the worker rather than
 * copied: the caller must not use them afterwards.
 */
export async function openImport(
  ctx: CoreContext,
  actor: Actor,
  fileName: string,
  file: Uint8Array | { base64: string },
  onProgress?: (fraction: number) => void,
): Promise<Out<'imports.open'>> {
  const progress: Progress = (done, total) => onProgress?.(done / Math.max(1, total));
  let backend = backendFor(ctx);
  let read;
  try {
    try {
      read = await backend.call('open', { fileName, file }, progress);
    } catch (e) {
      if (!(e instanceof WorkerStartFailed)) throw e;
      // A build without the worker's file must not leave the station unable to import.
      ctx.log.warn('import worker unavailable, reading on the main thread', { error: e.message });
      backend = inlineBackend(ctx);
      read = await backend.call('open', { fileName, file }, progress);
    }
  } catch (e) {
    backend.close();
    throw e;
  }
  if (!read.ok) {
    backend.close();
    ctx.log.info('import file refused', { code: read.error.code, detail: read.error.detail });
    throw new AppError('INVALID_INPUT', {
      message: read.error.message,
      logMessage: `import: ${read.error.detail}`,
    });
  }
  const opened = read.file;
  const session = startSession(ctx, actor.userId, fileName, backend, opened);
  ctx.log.info('import file opened', {
    format: opened.format,
    sheets: opened.sheets.length,
    rows: opened.sheets.find((s) => s.name === opened.sheetName)?.rows ?? 0,
  });
  return {
    importId: session.id,
    fileName,
    format: opened.format,
    sheets: opened.sheets,
    sheetName: opened.sheetName,
    warnings: opened.warnings,
    detection: opened.detection,
    templates: listTemplates(ctx),
    fields: IMPORT_FIELDS.map((id) => ({
      id,
      label: FIELD_LABELS[id],
      required: REQUIRED_FIELDS.includes(id),
    })),
  };
}

export async function detectColumns(
  ctx: CoreContext,
  importId: string,
  sheetName: string,
  templateId: string | null,
): Promise<ImportDetection> {
  const session = getSession(ctx, importId);
  return session.backend.call('detect', {
    sheetName,
    template: templateId ? templateMapping(ctx, templateId) : null,
  });
}

/** Forgets the open import (its file, its plan, its worker): what closing the import screen means. */
export function closeImport(ctx: CoreContext, importId: string): void {
  closeSession(ctx, importId);
}

function checked(mapping: ColumnMapping): void {
  const problems = checkMapping(mapping);
  // Only a missing name, sex or birth column stops the import; the rest is advice.
  const blocking = problems.filter(
    (p) => /Họ và tên|giới tính|năm sinh|ngày sinh/i.test(p) && /Không|Thiếu|Chưa/i.test(p),
  );
  if (blocking.length) throw new AppError('INVALID_INPUT', { message: blocking.join(' ') });
}

const rowsIn = (session: ImportSession, sheetName: string): number =>
  session.file.sheets.find((s) => s.name === sheetName)?.rows ?? 0;

export async function dryRun(
  ctx: CoreContext,
  importId: string,
  mapping: ColumnMapping,
  options: Opts,
): Promise<Out<'imports.dryRun'>> {
  const session = getSession(ctx, importId);
  checked(mapping);
  const progress = progressReporter(ctx.events, importId, 'import.dry-run');
  const plan = await session.backend.call(
    'plan',
    { mapping, options, now: ctx.clock().toISOString(), reuse: false },
    progress,
  );
  const total = rowsIn(session, mapping.sheetName);
  progress(total, total, 'Đã kiểm tra xong.', true);
  return { counts: plan.counts, skipped: plan.skipped, problems: checkMapping(mapping) };
}

/** One page of a list of the last dry run or commit; `total` is that list's count. */
export async function importRows(
  ctx: CoreContext,
  importId: string,
  view: ImportView,
  offset: number,
  limit: number,
): Promise<Out<'imports.rows'>> {
  const page = await getSession(ctx, importId).backend.call('rows', { view, offset, limit });
  return { view, total: page.total, offset, rows: page.rows };
}

/**
 * Writes the import in one transaction, where the file was planned (the import worker, with its
 * own connection; or this thread, in slices). The plan is the dry run's when it was made with the
 * same mapping, options and day and nothing was committed since (the worker can tell); otherwise
 * the rows are planned again inside the transaction, so what is written matches the database at
 * that moment. The job gate holds every other call back meanwhile: nothing else writes.
 */
export async function commitImport(
  ctx: CoreContext,
  actor: Actor,
  importId: string,
  mapping: ColumnMapping,
  options: Opts,
  saveTemplateAs: string | null,
): Promise<Out<'imports.commit'>> {
  const session = getSession(ctx, importId);
  checked(mapping);
  const started = performance.now();
  const progress = progressReporter(ctx.events, importId, 'import.commit');
  const total = rowsIn(session, mapping.sheetName);
  // One job at a time holds the database; other calls wait until it is done (see jobs.ts).
  const result = await ctx.jobs.run('import', () =>
    session.backend.call(
      'commit',
      {
        mapping,
        options,
        now: ctx.clock().toISOString(),
        actor,
        importId,
        fileName: session.fileName,
        saveTemplateAs,
      },
      progress,
    ),
  );
  session.committedPersonIds = result.personIds;
  progress(total, total, 'Đã nhập xong.', true);
  // The status bar's upload queue grew.
  ctx.events.emit('system.changed', { reason: 'import' });
  const durationMs = Math.round(performance.now() - started);
  ctx.log.info('import committed', {
    importId,
    ...result.counts,
    ...result.written,
    reusedPlan: result.reused,
    durationMs,
  });
  return {
    counts: result.counts,
    created: result.written.created,
    updated: result.written.updated,
    householdsCreated: result.written.householdsCreated,
    durationMs,
  };
}

/** The residents a committed import named, in list order (a campaign's roster takes them). */
export function committedPersonIds(ctx: CoreContext, importId: string): readonly string[] {
  const ids = getSession(ctx, importId).committedPersonIds;
  if (!ids)
    throw new AppError('CONFLICT', {
      message: 'Danh sách chưa được nhập vào sổ dân cư: hãy bấm "Nhập" trước.',
    });
  return ids;
}

/**
 * The attention list as an XLSX to correct and import again: rows not imported (errors,
 * duplicates) and rows that go in with a value not stored or something to check, each with its
 * verdict and the same lines the dry run shows.
 */
export async function errorReport(
  ctx: CoreContext,
  importId: string,
): Promise<{ fileName: string; bytes: Buffer; rows: number }> {
  const session = getSession(ctx, importId);
  const report = await session.backend.call('errorReport', {});
  const base = session.fileName.replace(/\.[^.]+$/, '');
  return {
    fileName: `${base} - dong loi va luu y.xlsx`,
    bytes: Buffer.from(report.bytes.buffer, report.bytes.byteOffset, report.bytes.byteLength),
    rows: report.rows,
  };
}
