/**
 * Preview, save and print of one form, the job list, and the settings. Every preview, save and
 * print is audited (who, which resident, which form). A print keeps its PDF with the job, so a
 * print refused by an offline or paper-less printer is printed again from the list.
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { FORM_TITLES, type FormKind, type FormsSettings, type PrintJobStatus } from '#contract/ops/forms.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { buildForm } from './load.ts';
import { loadFonts, renderPdf } from './pdf/engine.ts';
import { PrintError, systemPrinterDriver, type PrinterDriver } from './printers/index.ts';
import { findJob, insertJob, readFormsSettings, updateJob, type JobRow } from './repo/print-jobs.ts';

interface FormsState {
  driver: PrinterDriver;
}
const states = new WeakMap<CoreContext, FormsState>();

function state(ctx: CoreContext): FormsState {
  let s = states.get(ctx);
  if (!s) {
    s = { driver: systemPrinterDriver() };
    states.set(ctx, s);
  }
  return s;
}

/** Tests (and a host that knows better) choose how this core reaches printers. */
export function setPrinterDriver(ctx: CoreContext, driver: PrinterDriver): void {
  state(ctx).driver = driver;
}
export function printerDriver(ctx: CoreContext): PrinterDriver {
  return state(ctx).driver;
}

export function jobsDir(ctx: CoreContext): string {
  const dir = join(ctx.dataDir, 'print-jobs');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface FormRequestIn {
  form: FormKind;
  personId?: string;
  visitId?: string;
}

export interface Rendered {
  fileName: string;
  pages: number;
  bytes: Buffer;
  personId: string | null;
  personName: string;
}

export async function renderForm(
  ctx: CoreContext,
  actor: Actor | null,
  req: FormRequestIn,
): Promise<Rendered> {
  const built = buildForm(ctx, actor, readFormsSettings(ctx.store), req);
  const { bytes, pages } = await renderPdf(loadFonts(ctx.resourcesDir), built.def);
  return { fileName: built.fileName, pages, bytes, personId: built.personId, personName: built.personName };
}

function audit(
  ctx: CoreContext,
  actor: Actor | null,
  action: 'form.preview' | 'form.save' | 'form.print',
  r: { personId: string | null },
  details: Record<string, unknown>,
): void {
  ctx.store.tx(() =>
    appendAudit(
      ctx.store,
      actor,
      { action, entity: r.personId ? 'person' : null, entityId: r.personId, details },
      isoNow(ctx.clock),
    ),
  );
}

/** The PDF to preview or save; audited as one or the other. */
export async function renderAudited(
  ctx: CoreContext,
  actor: Actor,
  req: FormRequestIn,
  how: 'preview' | 'save',
): Promise<{ fileName: string; pages: number; pdfBase64: string }> {
  const r = await renderForm(ctx, actor, req);
  audit(ctx, actor, how === 'preview' ? 'form.preview' : 'form.save', r, {
    form: req.form,
    ...(req.visitId ? { visitId: req.visitId } : {}),
    pages: r.pages,
  });
  return { fileName: r.fileName, pages: r.pages, pdfBase64: r.bytes.toString('base64') };
}

/** Writes a file under a temporary name and renames it: a reader never sees half a file. */
export function writeWhole(path: string, bytes: Buffer): void {
  const tmp = `${path}.part`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

const personTitle = (form: FormKind, name: string) =>
  name ? `${FORM_TITLES[form]} — ${name}` : FORM_TITLES[form];

/** Renders, keeps the PDF with a new job, and sends it to the printer. */
export async function printForm(
  ctx: CoreContext,
  actor: Actor,
  req: FormRequestIn & { printer?: string; copies: number },
): Promise<{ jobId: string; status: PrintJobStatus; message: string }> {
  const r = await renderForm(ctx, actor, req);
  const id = randomUUID();
  const path = join(jobsDir(ctx), `${id}.pdf`);
  writeWhole(path, r.bytes);
  ctx.store.tx(() =>
    insertJob(ctx.store, {
      id,
      kind: 'print',
      form: req.form,
      title: personTitle(req.form, r.personName),
      person_id: r.personId,
      printer: req.printer ?? null,
      copies: req.copies,
      status: 'queued',
      total: r.pages,
      created_at: isoNow(ctx.clock),
      created_by: actor.username,
    }),
  );
  ctx.store.tx(() =>
    updateJob(ctx.store, id, { file_path: path, file_name: r.fileName, file_bytes: r.bytes.length }),
  );
  audit(ctx, actor, 'form.print', r, {
    form: req.form,
    jobId: id,
    copies: req.copies,
    printer: req.printer ?? null,
  });
  return sendJob(ctx, id, req.printer ?? null);
}

/** Sends a job's file to the printer (again); the job records how it went. */
export async function sendJob(
  ctx: CoreContext,
  jobId: string,
  printer: string | null,
  copies?: number,
): Promise<{ jobId: string; status: PrintJobStatus; message: string }> {
  const job = findJob(ctx.store, jobId);
  if (!job) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy lệnh in này.' });
  if (!job.file_path || !existsFile(job.file_path))
    throw new AppError('NOT_FOUND', { message: 'Tệp của lệnh in này không còn; hãy in lại từ hồ sơ.' });
  if (job.kind === 'batch' && job.status !== 'done')
    throw new AppError('CONFLICT', { message: 'Lô in chưa xong; hãy đợi lô in chạy xong rồi in.' });
  if (job.kind === 'batch' && !job.file_path.endsWith('.pdf'))
    throw new AppError('CONFLICT', { message: 'Lô in này là tệp nén (.zip): hãy tải về rồi in từng tệp.' });
  const settings: FormsSettings = readFormsSettings(ctx.store);
  const chosen = printer ?? job.printer;
  const setStatus = (status: PrintJobStatus, message: string, usedPrinter: string | null) =>
    ctx.store.tx(() =>
      updateJob(ctx.store, jobId, {
        ...(job.kind === 'print' ? { status } : {}),
        message,
        printer: usedPrinter,
        finished_at: isoNow(ctx.clock),
      }),
    );
  try {
    const { printer: used, spoolId } = await state(ctx).driver.print({
      file: job.file_path,
      printer: chosen,
      copies: copies ?? job.copies,
      dialog: !settings.directToDefault,
    });
    const message = `Đã gửi tới máy in "${used}"${spoolId ? ` (lệnh ${spoolId})` : ''}.`;
    setStatus('done', message, chosen);
    ctx.log.info('forms: print sent', { jobId, spoolId });
    return { jobId, status: job.kind === 'print' ? 'done' : job.status, message };
  } catch (e) {
    const message =
      e instanceof PrintError
        ? e.userMessage
        : 'Không in được. Hãy kiểm tra máy in rồi in lại từ danh sách lệnh in.';
    ctx.log.warn('forms: print failed', { jobId, error: e instanceof Error ? e.message : String(e) });
    setStatus('failed', message, chosen);
    return { jobId, status: job.kind === 'print' ? 'failed' : job.status, message };
  }
}

function existsFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A piece of a job's file, base64, from `offset`. */
export function jobFilePiece(
  ctx: CoreContext,
  jobId: string,
  offset: number,
  chunk: number,
): {
  fileName: string;
  mimeType: string;
  size: number;
  offset: number;
  nextOffset: number | null;
  base64: string;
} {
  const job: JobRow | undefined = findJob(ctx.store, jobId);
  if (
    !job?.file_path ||
    !job.file_name ||
    !existsFile(job.file_path) ||
    (job.kind === 'batch' && job.status !== 'done')
  )
    throw new AppError('NOT_FOUND', { message: 'Lệnh in này không có tệp để tải về.' });
  const size = statSync(job.file_path).size;
  const start = Math.min(offset, size);
  const bytes = readSlice(job.file_path, start, Math.min(chunk, size - start));
  const end = start + bytes.length;
  return {
    fileName: job.file_name,
    mimeType: job.file_name.endsWith('.zip') ? 'application/zip' : 'application/pdf',
    size,
    offset: start,
    nextOffset: end < size ? end : null,
    base64: bytes.toString('base64'),
  };
}

function readSlice(path: string, start: number, length: number): Buffer {
  if (length <= 0) return Buffer.alloc(0);
  if (start === 0 && length === statSync(path).size) return readFileSync(path);
  const buf = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    const n = readSync(fd, buf, 0, length, start);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export function removeFile(path: string): void {
  rmSync(path, { force: true });
}
