import type { HandlersOf } from '../handler-types.ts';
import { verifyAuditChain } from './audit.ts';
import { describeAudit } from './view.ts';

/** The UTC instant a Vietnam calendar day starts (UTC+7, no daylight saving): "2024-03-05" → "2024-03-04T17:00:00.000Z". */
function vnDayStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + plusDays) - 7 * 3_600_000).toISOString();
}

export function auditHandlers(): HandlersOf<'audit'> {
  return {
    'audit.list': ({ entityId, userId, from, to, beforeSeq, limit }, { ctx, session }) => {
      let q = ctx.store.qb.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(limit);
      if (entityId) q = q.where('entity_id', '=', entityId);
      if (userId) q = q.where('user_id', '=', userId);
      // Entries carry ISO instants written by toISOString(), so text order is time order.
      if (from) q = q.where('at', '>=', vnDayStart(from));
      if (to) q = q.where('at', '<', vnDayStart(to, 1));
      if (beforeSeq !== undefined) q = q.where('seq', '<', beforeSeq);
      const rows = ctx.store.all(q);
      const views = describeAudit(ctx, session?.permissions ?? new Set(), rows);
      return rows.map((r, i) => ({
        seq: r.seq,
        at: r.at,
        userId: r.user_id,
        username: r.username,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        details: JSON.parse(r.details) as unknown,
        view: views[i],
      }));
    },
    'audit.verify': (_input, { ctx }) => verifyAuditChain(ctx.store),
  };
}
