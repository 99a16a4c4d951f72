/**
 * Printing a work list or the immunisation invitation list: the list is read here (as the screen
 * and the export read it), rendered on the forms module's list worker and kept as a print job; the
 * print dialog then sends that job to a printer. Audited: who printed which list, how many rows.
 */
import type { z } from 'zod';
import type { DueListInput } from '#contract/ops/record.ts';
import type { ListPrintJob, WorklistInput } from '#contract/ops/reports.ts';
import type { Permission } from '#contract/permissions.ts';
import { appendAudit, type Actor } from '../../audit/audit.ts';
import { isoNow } from '../../clock.ts';
import type { CoreContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { keepListJob } from '../../forms/lists/render.ts';
import { printStamp, stationHeading } from '../../forms/load.ts';
import { dueListTable } from './due-list-table.ts';
import { worklistTable, type BuiltList } from './worklist-table.ts';

type ListPrintAction = 'reports.worklist.print' | 'immunization.dueList.print';

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

async function keep(
  ctx: CoreContext,
  actor: Actor,
  built: BuiltList,
  action: ListPrintAction,
  details: Record<string, unknown>,
): Promise<z.input<typeof ListPrintJob>> {
  if (built.rows === 0)
    throw new AppError('CONFLICT', { message: 'Danh sách không có ai nên không có gì để in.' });
  const job = await keepListJob(ctx, actor, built);
  ctx.store.tx(() =>
    appendAudit(
      ctx.store,
      actor,
      { action, details: { ...details, rows: built.rows, pages: job.pages, jobId: job.jobId } },
      isoNow(ctx.clock),
    ),
  );
  return { jobId: job.jobId, title: built.title, pages: job.pages, rows: built.rows };
}

export function printWorklist(
  ctx: CoreContext,
  actor: Actor,
  input: Omit<z.output<typeof WorklistInput>, 'limit'>,
): Promise<z.input<typeof ListPrintJob>> {
  const built = worklistTable(ctx, input, stationHeading(ctx), printStamp(ctx, actor));
  return keep(ctx, actor, built, 'reports.worklist.print', {
    kind: input.kind,
    from: input.from,
    to: input.to,
    village: input.village ?? null,
    ...(input.register ? { register: input.register } : {}),
  });
}

export function printDueList(
  ctx: CoreContext,
  actor: Actor,
  input: Omit<z.output<typeof DueListInput>, 'limit'> & { place: string },
): Promise<z.input<typeof ListPrintJob>> {
  const built = dueListTable(ctx, input, stationHeading(ctx), printStamp(ctx, actor));
  return keep(ctx, actor, built, 'immunization.dueList.print', {
    sessionDate: input.sessionDate,
    village: input.village ?? null,
    vaccine: input.vaccine ?? null,
    place: input.place,
  });
}
