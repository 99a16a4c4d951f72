import type { HandlersOf } from '../api/types.ts';
import { verifyAuditChain } from './audit.ts';

export function auditHandlers(): HandlersOf<'audit'> {
  return {
    'audit.list': ({ entityId, userId, beforeSeq, limit }, { ctx }) => {
      let q = ctx.store.qb.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(limit);
      if (entityId) q = q.where('entity_id', '=', entityId);
      if (userId) q = q.where('user_id', '=', userId);
      if (beforeSeq !== undefined) q = q.where('seq', '<', beforeSeq);
      return ctx.store.all(q).map((r) => ({
        seq: r.seq,
        at: r.at,
        userId: r.user_id,
        username: r.username,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        details: JSON.parse(r.details) as unknown,
      }));
    },
    'audit.verify': (_input, { ctx }) => verifyAuditChain(ctx.store),
  };
}
