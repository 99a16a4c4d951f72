import { z } from 'zod';
import { query } from '../define.ts';

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  details: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const auditOps = {
  'audit.list': query({
    input: z.object({
      entityId: z.string().max(64).optional(),
      userId: z.string().max(64).optional(),
      beforeSeq: z.number().int().optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.array(AuditEntry),
    access: 'audit.read',
  }),
  'audit.verify': query({
    input: z.object({}).strict(),
    output: z.object({ ok: z.boolean(), checked: z.number().int(), firstBrokenSeq: z.number().int().nullable() }),
    access: 'audit.read',
  }),
};
