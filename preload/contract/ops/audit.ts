import { z } from 'zod';
import { query } from '../define.ts';
import { IsoDate } from '../schemas/common.ts';

/** What the screen shows of an entry: names and words, never an identifier. */
export const AuditView = z.object({
  /** Full name and role label; null for the system or a sign-in attempt. */
  who: z.object({ name: z.string(), role: z.string() }).nullable(),
  /** The action, in Vietnamese ("Ký lượt khám"). */
  what: z.string(),
  /** The resident ("Phạm Thị Hồng (1958)"), account, household, station or device. `personId` is for filtering only. */
  target: z.object({ label: z.string(), personId: z.string().nullable() }).nullable(),
  /** Particulars: the visit's date, a correction's reason, the permission that was missing. */
  detail: z.string(),
});
export type AuditView = z.infer<typeof AuditView>;

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  details: z.unknown(),
  view: AuditView,
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const auditOps = {
  'audit.list': query({
    input: z.object({
      /** One resident, household or account (the entry's subject). */
      entityId: z.string().max(64).optional(),
      userId: z.string().max(64).optional(),
      /** Days in Vietnam time, inclusive. */
      from: IsoDate.optional(),
      to: IsoDate.optional(),
      beforeSeq: z.number().int().optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.array(AuditEntry),
    access: 'audit.read',
  }),
  'audit.verify': query({
    input: z.object({}).strict(),
    output: z.object({
      ok: z.boolean(),
      checked: z.number().int(),
      firstBrokenSeq: z.number().int().nullable(),
      /** altered: an entry changed or recomputed; missing: entries deleted; anchor: the chain's head record. */
      problem: z.enum(['altered', 'missing', 'anchor']).nullable(),
    }),
    access: 'audit.read',
  }),
};
