import { z } from 'zod';
import { command, query } from '../define.ts';
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

/** The viewer's filters: user, resident (or other subject), action, and days in Vietnam time. */
export const AuditFilters = z
  .object({
    entityId: z.string().max(64).optional(),
    userId: z.string().max(64).optional(),
    action: z.string().max(64).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .strict();
export type AuditFilters = z.infer<typeof AuditFilters>;

/** One workbook holds at most this many entries (a year of a busy station); the rest needs narrower dates. */
export const AUDIT_EXPORT_MAX_ROWS = 200_000;

export const auditOps = {
  'audit.list': query({
    input: z.object({
      /** One resident, household or account (the entry's subject). */
      entityId: z.string().max(64).optional(),
      userId: z.string().max(64).optional(),
      /** One action ("visit.sign"), as `audit.actions` lists them. */
      action: z.string().max(64).optional(),
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
  // ---- the audit viewer's export and action filter (issue 12, point 5) ----
  /** Every action the trail may hold, with its Vietnamese name: the viewer's action filter. */
  'audit.actions': query({
    input: z.object({}).strict(),
    output: z.array(z.object({ action: z.string(), label: z.string() })),
    access: 'audit.read',
  }),
  /**
   * The entries the viewer's filters select, as an XLSX workbook with Vietnamese column titles and
   * each entry in words. The export is itself on the trail.
   */
  'audit.export': command({
    input: AuditFilters,
    output: z.object({
      fileName: z.string(),
      contentBase64: z.string(),
      rows: z.number().int(),
      /** More entries matched than one file holds (AUDIT_EXPORT_MAX_ROWS): narrow the dates. */
      truncated: z.boolean(),
    }),
    access: 'audit.read',
  }),
};
