import { z } from 'zod';
import { command } from '../define.ts';

/** A backup as the admin screen and `hssk backup` report it: what it holds, never who. */
export const BackupTaken = z.object({
  file: z.string(),
  /** The folder it was written to. */
  folder: z.string(),
  takenAt: z.string(),
  bytes: z.number().int(),
  schemaVersion: z.number().int(),
  integrity: z.literal('ok'),
  counts: z.object({
    persons: z.number().int(),
    visits: z.number().int(),
    immunizations: z.number().int(),
    auditEntries: z.number().int(),
  }),
  /** Older backups the rotation (7 daily, 4 weekly, 12 monthly) deleted. */
  removed: z.array(z.string()),
  durationMs: z.number().int(),
});
export type BackupTaken = z.infer<typeof BackupTaken>;

export const backupOps = {
  /**
   * Copies the station database now (encrypted with the same key, checked by opening it again),
   * into `folder` — an absolute path, a second disk or a USB stick — or the data folder's
   * `backups/`. Admin only (and `hssk backup`): a copy of every record is the most sensitive thing the app writes.
   */
  'backup.create': command({
    input: z
      .object({
        folder: z
          .string()
          .max(1000)
          .refine((f) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(f), 'Nhập đường dẫn đầy đủ của thư mục')
          .optional(),
      })
      .strict(),
    output: BackupTaken,
    access: 'backups.manage',
  }),
};
