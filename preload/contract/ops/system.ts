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

// ---- Start-up checks (issue 12, point 4) ----

/**
 * One check made when the app starts. `fatal` blocks the app (the database cannot be opened, or it
 * is newer than the app); `warning` is a banner; `running` is a check still going (the weekly full
 * integrity check of a large database takes a while and runs off the event loop).
 */
export const StartupCheckId = z.enum(['database', 'key', 'dbTooNew', 'integrity', 'disk', 'clock']);
export type StartupCheckId = z.infer<typeof StartupCheckId>;

export const StartupCheck = z.object({
  id: StartupCheckId,
  level: z.enum(['ok', 'running', 'warning', 'fatal']),
  /** Vietnamese: what was found, in one line. */
  title: z.string(),
  /** Vietnamese: what it means for the user. */
  message: z.string(),
  /** Vietnamese: what to do about it (empty when nothing is needed). */
  action: z.string(),
  /** A file or folder the action names (the database, its key, the data folder), when there is one. */
  path: z.string().nullable(),
});
export type StartupCheck = z.infer<typeof StartupCheck>;

export const StartupReport = z.object({
  /** True when the app cannot be used: the screen shows only the fatal checks and what to do. */
  blocked: z.boolean(),
  checks: z.array(StartupCheck),
  /** When the full integrity check last finished (ISO), null if never. */
  lastFullIntegrityAt: z.string().nullable(),
});
export type StartupReport = z.infer<typeof StartupReport>;

export const systemStartupOps = {
  /**
   * Public and background: the first screen asks before anyone signs in (a blocked app has no
   * accounts to sign in with), and a banner's refresh does not hold off the idle lock. Nothing
   * personal: paths, free space, the clock and the integrity verdict.
   */
  'system.startupChecks': query({
    background: true,
    input: z
      .object({
        /** Wait for the integrity check to finish (the CLI); the window polls instead. */
        wait: z.boolean().default(false),
        /** Run the full integrity check now, whatever the week's schedule (the CLI's --full). */
        full: z.boolean().default(false),
      })
      .strict(),
    output: StartupReport,
    access: 'public',
    allowWhenLocked: true,
    duringJob: true,
  }),
};
