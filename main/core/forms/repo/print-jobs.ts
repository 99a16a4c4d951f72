/**
 * The one writer of `print_jobs` (prints and batches, kept to print again) and `forms_settings`.
 */
import { FormsSettings, type PrintJob, type PrintJobStatus } from '#contract/ops/forms.ts';
import type { Store } from '../../db/store.ts';

export const DEFAULT_FORMS_SETTINGS: FormsSettings = {
  recordVisits: 'this-year',
  recordVisitsCount: 12,
  directToDefault: false,
  appointmentPaper: 'A6',
};

export function readFormsSettings(store: Store): FormsSettings {
  const row = store.prepare('SELECT settings FROM forms_settings WHERE id = 1').get() as
    { settings: string } | undefined;
  if (!row) return DEFAULT_FORMS_SETTINGS;
  try {
    return FormsSettings.parse({ ...DEFAULT_FORMS_SETTINGS, ...(JSON.parse(row.settings) as object) });
  } catch {
    return DEFAULT_FORMS_SETTINGS;
  }
}

export function writeFormsSettings(store: Store, settings: FormsSettings): void {
  store
    .prepare(
      'INSERT INTO forms_settings (id, settings) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET settings = excluded.settings',
    )
    .run(JSON.stringify(settings));
}

export interface JobRow {
  id: string;
  kind: 'print' | 'batch';
  form: string;
  title: string;
  person_id: string | null;
  selection: string;
  output: string | null;
  printer: string | null;
  copies: number;
  status: PrintJobStatus;
  done: number;
  total: number;
  message: string;
  file_path: string | null;
  file_name: string | null;
  file_bytes: number | null;
  created_at: string;
  finished_at: string | null;
  created_by: string;
}

export function insertJob(
  store: Store,
  job: Pick<
    JobRow,
    | 'id'
    | 'kind'
    | 'form'
    | 'title'
    | 'person_id'
    | 'printer'
    | 'copies'
    | 'status'
    | 'total'
    | 'created_at'
    | 'created_by'
  > &
    Partial<Pick<JobRow, 'selection' | 'output' | 'message' | 'file_path' | 'file_name' | 'file_bytes'>>,
): void {
  store
    .prepare(
      `INSERT INTO print_jobs (id, kind, form, title, person_id, selection, output, printer, copies, status, total, message, file_path, file_name, file_bytes, created_at, created_by)
       VALUES (@id, @kind, @form, @title, @person_id, @selection, @output, @printer, @copies, @status, @total, @message, @file_path, @file_name, @file_bytes, @created_at, @created_by)`,
    )
    .run({
      selection: '{}',
      output: null,
      message: '',
      file_path: null,
      file_name: null,
      file_bytes: null,
      ...job,
    });
}

export type JobUpdate = Partial<
  Pick<
    JobRow,
    | 'status'
    | 'done'
    | 'total'
    | 'message'
    | 'printer'
    | 'file_path'
    | 'file_name'
    | 'file_bytes'
    | 'finished_at'
  >
>;
const UPDATABLE = [
  'status',
  'done',
  'total',
  'message',
  'printer',
  'file_path',
  'file_name',
  'file_bytes',
  'finished_at',
] as const;

export function updateJob(store: Store, id: string, change: JobUpdate): void {
  const keys = UPDATABLE.filter((k) => k in change);
  if (!keys.length) return;
  store
    .prepare(`UPDATE print_jobs SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`)
    .run({ ...change, id });
}

/** Jobs left running when the app stopped: they will not finish, so they are marked failed. */
export function failInterruptedJobs(store: Store, at: string): number {
  return store
    .prepare(
      `UPDATE print_jobs SET status = 'failed', message = 'Ứng dụng đã tắt khi lệnh đang chạy; hãy chạy lại.', finished_at = ?
       WHERE status IN ('queued', 'running') AND kind = 'batch'`,
    )
    .run(at).changes;
}

export function findJob(store: Store, id: string): JobRow | undefined {
  return store.prepare('SELECT * FROM print_jobs WHERE id = ?').get(id) as JobRow | undefined;
}

export function listJobs(store: Store, limit: number): JobRow[] {
  return store
    .prepare('SELECT * FROM print_jobs ORDER BY created_at DESC, rowid DESC LIMIT ?')
    .all(limit) as JobRow[];
}

export function toPrintJob(r: JobRow): PrintJob {
  return {
    id: r.id,
    kind: r.kind,
    form: r.form as PrintJob['form'],
    title: r.title,
    personId: r.person_id,
    printer: r.printer,
    copies: r.copies,
    status: r.status,
    done: r.done,
    total: r.total,
    message: r.message,
    fileName: r.file_name,
    fileBytes: r.file_bytes,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    createdBy: r.created_by,
  };
}
