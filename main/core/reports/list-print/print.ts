/**
 * Printing a work list or the immunisation invitation list: the list is read and laid out on the
 * list worker (run.ts: the same readers as the screen and the export, on its own read-only
 * connection) and kept as a print job by the forms module; the print dialog then sends that job to
 * a printer. Audited: who printed which list, how many rows and pages, which job.
 */
import type { z } from 'zod';
import type { ListPrintJob } from '#contract/ops/reports.ts';
import type { Permission } from '#contract/permissions.ts';
import { appendAudit, type Actor, type AuditInput } from '../../audit/audit.ts';
import { isoNow } from '../../clock.ts';
import type { CoreContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { keepListJob } from '../../forms/lists/render.ts';
import { printStamp, stationHeading } from '../../forms/load.ts';
import { scopeOf } from '../dashboard.ts';
import type { ListRequest } from './protocol.ts';
import { renderList } from './run.ts';

/**
 * The operation's own permission is `forms.print`; the list's names need the screen's read
 * permission too (a clerk who may print forms but not read reports must not print a report's list).
 */
export function requireAlso(permissions: ReadonlySet<Permission> | undefined, needed: Permission): void {
  if (!permissions?.has(needed))
    throw new AppError('FORBIDDEN', {
      message: 'Tài khoản của bạn không có quyền xem danh sách này nên không in được.',
    });
}

/** Which list (its filters), as the audit entry says it; rows, pages and job are added once known. */
function auditOf(request: ListRequest): AuditInput & { details: Record<string, unknown> } {
  if (request.list === 'worklist') {
    const i = request.input;
    return {
      action: 'reports.worklist.print',
      details: {
        kind: i.kind,
        from: i.from,
        to: i.to,
        village: i.village ?? null,
        ...(i.register ? { register: i.register } : {}),
      },
    };
  }
  const i = request.input;
  return {
    action: 'immunization.dueList.print',
    details: {
      sessionDate: i.sessionDate,
      village: i.village ?? null,
      vaccine: i.vaccine ?? null,
      place: i.place,
    },
  };
}

export async function printList(
  ctx: CoreContext,
  actor: Actor,
  request: ListRequest,
): Promise<z.input<typeof ListPrintJob>> {
  // A period the reports refuse is refused here, in its own words, before a worker starts.
  if (request.list === 'worklist') scopeOf(ctx, request.input);
  const heading = { station: stationHeading(ctx), stamp: printStamp(ctx, actor) };
  let job: Awaited<ReturnType<typeof keepListJob>>;
  try {
    job = await keepListJob(ctx, actor, (path) => renderList(ctx, request, heading, path));
  } catch (e) {
    if (e instanceof AppError) throw e;
    ctx.log.error('reports: list print failed', { error: e instanceof Error ? e.message : String(e) });
    throw new AppError('INTERNAL', { message: 'Không tạo được tệp PDF của danh sách. Hãy thử lại.' });
  }
  if (!job) throw new AppError('CONFLICT', { message: 'Danh sách không có ai nên không có gì để in.' });
  const entry = auditOf(request);
  const details = { ...entry.details, rows: job.rows, pages: job.pages, jobId: job.jobId };
  ctx.store.tx(() => appendAudit(ctx.store, actor, { ...entry, details }, isoNow(ctx.clock)));
  return { jobId: job.jobId, title: job.title, pages: job.pages, rows: job.rows };
}
