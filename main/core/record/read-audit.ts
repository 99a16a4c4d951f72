/**
 * Views of a part of a record that do not pass through `record.get` (the exam screen loading one
 * visit, a visit's version list, the growth chart) still go on the trail: who looked at which
 * resident's what (issue 12: "every view of a record … is in the trail").
 */
import { appendAudit } from '../audit/audit.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import type { CallInfo } from '../handler-types.ts';

export function auditRecordView(
  ctx: CoreContext,
  call: CallInfo,
  action: 'visit.read' | 'growth.read' | 'supplement.read' | 'pregnancy.read',
  personId: string,
  details: Record<string, unknown>,
): void {
  ctx.store.tx(() =>
    appendAudit(
      ctx.store,
      call.actor,
      { action, entity: 'person', entityId: personId, details },
      isoNow(ctx.clock),
    ),
  );
}
