/**
 * A long list kept as a print job: whoever reads the list renders it into the job's file (the
 * reports module, on its list worker), then the job is kept in `print_jobs` like a form's print, so
 * the print dialog, the job list ("In lại", "Tải về") and the printers treat it as any other print.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Actor } from '../../audit/audit.ts';
import { isoNow } from '../../clock.ts';
import type { CoreContext } from '../../context.ts';
import { insertJob } from '../repo/print-jobs.ts';
import { jobsDir } from '../service.ts';

export interface RenderedList {
  pages: number;
  bytes: number;
  rows: number;
  /** The job's title (print dialog, job list). */
  title: string;
  fileName: string;
}

/**
 * Renders the list into a new job's file and keeps the job (queued: the print dialog sends it).
 * `render` answers null for a list with no one on it: no job is kept.
 */
export async function keepListJob(
  ctx: CoreContext,
  actor: Actor,
  render: (path: string) => Promise<RenderedList | null>,
): Promise<(RenderedList & { jobId: string }) | null> {
  const jobId = randomUUID();
  const path = join(jobsDir(ctx), `${jobId}.pdf`);
  const out = await render(path);
  if (!out) return null;
  ctx.store.tx(() =>
    insertJob(ctx.store, {
      id: jobId,
      kind: 'print',
      form: 'list',
      title: out.title,
      person_id: null,
      printer: null,
      copies: 1,
      status: 'queued',
      total: out.pages,
      created_at: isoNow(ctx.clock),
      created_by: actor.username,
      file_path: path,
      file_name: out.fileName,
      file_bytes: out.bytes,
    }),
  );
  return { ...out, jobId };
}
