import { z } from 'zod';
import { query } from '../define.ts';
import { Empty } from '../schemas/common.ts';

export const HostKind = z.enum(['electron', 'loopback', 'cli']);
export type HostKind = z.infer<typeof HostKind>;

/** What the status bar and the first screen need. Public: shown before login, so nothing personal. */
export const SystemStatus = z.object({
  appVersion: z.string(),
  host: HostKind,
  setupDone: z.boolean(),
  station: z.object({ code: z.string(), name: z.string() }).nullable(),
  database: z.object({
    encrypted: z.boolean(),
    schemaVersion: z.number().int(),
    ok: z.boolean(),
  }),
  devices: z.object({ connected: z.number().int(), configured: z.number().int() }),
  sync: z.object({
    pending: z.number().int(),
    failed: z.number().int(),
    lastRunAt: z.string().nullable(),
  }),
  /** A long job holding the database (import, batch print, upload), if any. */
  job: z.object({ kind: z.string(), startedAt: z.string() }).nullable(),
});
export type SystemStatus = z.infer<typeof SystemStatus>;

export const systemOps = {
  'system.status': query({
    background: true,
    input: Empty,
    output: SystemStatus,
    access: 'public',
    allowWhenLocked: true,
    duringJob: true,
  }),
};
