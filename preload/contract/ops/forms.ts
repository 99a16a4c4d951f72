import { z } from 'zod';
import { command, query } from '../define.ts';
import { Empty, IsoDate, Text, Uuid } from '../schemas/common.ts';

/**
 * Decision 831 forms: preview, save, print (one form or a batch), blank forms, the job list.
 * Every preview, save and print is audited (who, which resident, which form).
 */

export const FORM_KINDS = [
  'record',
  'visit',
  'immunization',
  'appointment',
  'blank-record',
  'blank-visit',
] as const;
export const FormKind = z.enum(FORM_KINDS);
export type FormKind = z.infer<typeof FormKind>;

/** Vietnamese names of the forms, as the UI lists them and the job list shows them. */
export const FORM_TITLES: Record<FormKind, string> = {
  record: 'Hồ sơ quản lý sức khỏe cá nhân',
  visit: 'Phiếu khám sức khỏe',
  immunization: 'Phiếu tiêm chủng',
  appointment: 'Giấy hẹn',
  'blank-record': 'Hồ sơ quản lý sức khỏe cá nhân (mẫu trống)',
  'blank-visit': 'Phiếu khám sức khỏe (mẫu trống)',
};

/** Forms that need a resident; `visit` also takes a visit (default: the resident's latest signed one). */
export const FORMS_WITH_PERSON: readonly FormKind[] = ['record', 'visit', 'immunization', 'appointment'];

/** Which form: a resident's forms need `personId`; `visitId` picks the visit of a `visit` or `appointment`. */
export const FormRequest = z.object({
  form: FormKind,
  personId: Uuid.optional(),
  visitId: Uuid.optional(),
});
export type FormRequest = z.input<typeof FormRequest>;

export const RenderedForm = z.object({
  fileName: z.string(),
  pages: z.number().int(),
  /** The PDF, base64-encoded. */
  pdfBase64: z.string(),
});
export type RenderedForm = z.output<typeof RenderedForm>;

export const PrinterInfo = z.object({ name: z.string(), isDefault: z.boolean() });
export type PrinterInfo = z.output<typeof PrinterInfo>;

export const PRINT_JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export const PrintJobStatus = z.enum(PRINT_JOB_STATUSES);
export type PrintJobStatus = z.infer<typeof PrintJobStatus>;

export const PRINT_JOB_STATUS_TEXT: Record<PrintJobStatus, string> = {
  queued: 'Đang chờ',
  running: 'Đang chạy',
  done: 'Xong',
  failed: 'Lỗi',
  cancelled: 'Đã hủy',
};

/** Batches never take more residents than this at once (a whole commune is a few batches). */
export const BATCH_MAX_IDS = 5000;

/** Who a batch prints for: today's (a day's) visits, a village, the NCD register, children due for vaccines, a list. */
export const BatchSelection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('visits-on'), date: IsoDate }),
  z.object({ kind: z.literal('village'), village: Text(100).pipe(z.string().min(1)) }),
  z.object({ kind: z.literal('ncd') }),
  z.object({ kind: z.literal('immunization-due') }),
  z.object({ kind: z.literal('ids'), ids: z.array(Uuid).min(1).max(BATCH_MAX_IDS) }),
]);
export type BatchSelection = z.input<typeof BatchSelection>;

export const BATCH_FORMS = ['record', 'visit', 'immunization', 'appointment'] as const;
export const BatchForm = z.enum(BATCH_FORMS);
export type BatchForm = z.infer<typeof BatchForm>;

/** One PDF with every resident, or a zip holding one PDF per resident. */
export const BatchOutput = z.enum(['one-pdf', 'zip']);
export type BatchOutput = z.infer<typeof BatchOutput>;

/**
 * What a job printed: one of the forms, or a list (a report's work list, the immunisation
 * invitation list: reports.worklistPrint, reports.dueListPrint). A list is no form: it cannot be
 * asked of forms.render or forms.print.
 */
export const PRINT_JOB_FORMS = [...FORM_KINDS, 'list'] as const;
export const PrintJobForm = z.enum(PRINT_JOB_FORMS);
export type PrintJobForm = z.infer<typeof PrintJobForm>;

/** A print or a batch, kept so a failed print can be sent again and a batch's file fetched. */
export const PrintJob = z.object({
  id: z.string(),
  kind: z.enum(['print', 'batch']),
  form: PrintJobForm,
  /** Vietnamese: what it is ("Hồ sơ quản lý sức khỏe cá nhân — Nguyễn Văn A", "Lô in: thôn Đông, 42 người"). */
  title: z.string(),
  personId: z.string().nullable(),
  printer: z.string().nullable(),
  copies: z.number().int(),
  status: PrintJobStatus,
  done: z.number().int(),
  total: z.number().int(),
  /** Vietnamese: the printer's or the batch's last word (why it failed, what is left). */
  message: z.string(),
  /** The batch's file (PDF or zip), or a print's PDF kept to print again; null when none is kept. */
  fileName: z.string().nullable(),
  fileBytes: z.number().int().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  createdBy: z.string(),
});
export type PrintJob = z.output<typeof PrintJob>;

/** The largest piece of a job's file one call returns; larger files come in pieces (`offset`). */
export const JOB_FILE_CHUNK_BYTES = 8 * 1024 * 1024;

export const FormsSettings = z.object({
  /** Which visits the full record prints: those of this calendar year (default), or the latest N. */
  recordVisits: z.enum(['this-year', 'latest']),
  recordVisitsCount: z.number().int().min(1).max(500),
  /** Print straight to the default printer (no system dialog) in the desktop app. */
  directToDefault: z.boolean(),
  /** Paper of the appointment slip. */
  appointmentPaper: z.enum(['A5', 'A6']),
});
export type FormsSettings = z.output<typeof FormsSettings>;

const PrintResult = z.object({ jobId: z.string(), status: PrintJobStatus, message: z.string() });

const Printer = Text(200).pipe(z.string().min(1));

export const formsOps = {
  /** The form as a PDF to preview (audited as a preview). */
  'forms.render': query({ input: FormRequest, output: RenderedForm, access: 'forms.print' }),
  /** The same PDF, to save as a file ("Lưu PDF"; audited as a save). */
  'forms.save': command({ input: FormRequest, output: RenderedForm, access: 'forms.print' }),
  /** The printers this computer can print to, and whether printing skips the system dialog. */
  'forms.printers': query({
    input: Empty,
    output: z.object({ printers: z.array(PrinterInfo), directToDefault: z.boolean() }),
    access: 'forms.print',
  }),
  /**
   * Renders and prints one form (audited as a print). A printer that is offline, missing or out of
   * paper answers `failed` with a Vietnamese message; the job stays in the list to print again.
   */
  'forms.print': command({
    input: FormRequest.extend({
      printer: Printer.optional(),
      copies: z.number().int().min(1).max(20).default(1),
    }),
    output: PrintResult,
    access: 'forms.print',
  }),
  /** Starts a batch in the background; progress comes as `job.progress` events (kind `forms.batch`). */
  'forms.batchStart': command({
    input: z.object({ selection: BatchSelection, form: BatchForm, output: BatchOutput }),
    output: z.object({ jobId: z.string(), total: z.number().int() }),
    access: 'forms.print',
  }),
  /** Stops a running batch; the half-written file is removed. */
  'forms.batchCancel': command({
    input: z.object({ jobId: z.string().max(64) }),
    output: z.null(),
    access: 'forms.print',
  }),
  /** Recent prints and batches, newest first. */
  'forms.jobs': query({
    input: z.object({ limit: z.number().int().min(1).max(200).default(50) }),
    output: z.object({ jobs: z.array(PrintJob) }),
    access: 'forms.print',
  }),
  /** A job's file (a batch's PDF or zip), in pieces of at most JOB_FILE_CHUNK_BYTES from `offset`. */
  'forms.jobFile': query({
    input: z.object({ jobId: z.string().max(64), offset: z.number().int().min(0).default(0) }),
    output: z.object({
      fileName: z.string(),
      mimeType: z.string(),
      size: z.number().int(),
      offset: z.number().int(),
      /** Where the next piece starts; null at the end. */
      nextOffset: z.number().int().nullable(),
      base64: z.string(),
    }),
    access: 'forms.print',
  }),
  /**
   * Prints a job's file again (a failed print, or a finished batch), or for the first time (a
   * printed list); `copies` overrides the job's own number for this sending.
   */
  'forms.jobPrint': command({
    input: z.object({
      jobId: z.string().max(64),
      printer: Printer.optional(),
      copies: z.number().int().min(1).max(20).optional(),
    }),
    output: PrintResult,
    access: 'forms.print',
  }),
  'forms.settings': query({ input: Empty, output: FormsSettings, access: 'forms.print' }),
  'forms.saveSettings': command({ input: FormsSettings, output: FormsSettings, access: 'forms.print' }),
};
