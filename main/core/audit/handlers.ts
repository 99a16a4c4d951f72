import { requireActor, type HandlersOf } from '../handler-types.ts';
import { exportAudit } from './export.ts';
import { vnDayStart } from './filters.ts';
import { AUDIT_ACTION_LABELS } from './labels.ts';
import { verifyAuditChain } from './audit.ts';
import { describeAudit } from './view.ts';

export function auditHandlers(): HandlersOf<'audit'> {
  return {
    'audit.list': ({ entityId, userId, action, from, to, beforeSeq, limit }, { ctx, session }) => {
      let q = ctx.store.qb.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(limit);
      if (entityId) q = q.where('entity_id', '=', entityId);
      if (userId) q = q.where('user_id', '=', userId);
      if (action) q = q.where('action', '=', action);
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
    'audit.actions': () =>
      Object.entries(AUDIT_ACTION_LABELS)
        .map(([action, label]) => ({ action, label }))
        .sort((a, b) => a.label.localeCompare(b.label, 'vi')),
    'audit.export': async (filters, call) => {
      const { ctx, session } = call;
      const out = await exportAudit(ctx, requireActor(call), session?.permissions ?? new Set(), filters);
      return {
        fileName: out.fileName,
        contentBase64: out.bytes.toString('base64'),
        rows: out.rows,
        truncated: out.truncated,
      };
    },
  };
}
