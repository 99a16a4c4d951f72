import { z } from 'zod';
import { command, query } from '../define.ts';
import { Empty } from '../schemas/common.ts';

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

const AbsolutePath = z
  .string()
  .max(1000)
  .refine((f) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(f), 'Nhập đường dẫn đầy đủ');

const Counts = BackupTaken.shape.counts;

/** What the printed recovery-key sheet says: whose database, when, and the key in groups of five. */
export const RecoverySheet = z.object({
  /** 11 groups of five (55 characters), or null for an unencrypted database. */
  recoveryKey: z.string().nullable(),
  stationCode: z.string(),
  stationName: z.string(),
  at: z.string(),
});
export type RecoverySheet = z.infer<typeof RecoverySheet>;

/** A backup file checked for a restore: what it holds, before anything is replaced. */
export const CheckedBackup = z.object({
  file: z.string(),
  bytes: z.number().int(),
  takenAt: z.string(),
  reason: z.enum(['manual', 'daily', 'exit', 'migration']).nullable(),
  station: z.string().nullable(),
  schemaVersion: z.number().int(),
  /** The app's own: an older backup is brought up to date after the restore. */
  appSchemaVersion: z.number().int(),
  counts: Counts,
});
export type CheckedBackup = z.infer<typeof CheckedBackup>;

/** One backup in a folder, from its name and manifest (nothing is opened to list it). */
export const ListedBackup = z.object({
  file: z.string(),
  path: z.string(),
  takenAt: z.string(),
  reason: z.enum(['manual', 'daily', 'exit', 'migration']),
  /** Daily backups the rotation keeps as the week's or the month's (see rotation.ts). */
  kind: z.enum(['manual', 'daily', 'weekly', 'monthly', 'exit', 'migration']),
  bytes: z.number().int().nullable(),
  counts: Counts.nullable(),
});
export type ListedBackup = z.infer<typeof ListedBackup>;

/** The backup schedule as Quản trị → Sao lưu shows and saves it. */
export const BackupSettings = z.object({
  /** The chosen folder, or null for the data folder's `backups/`. */
  folder: z.string().nullable(),
  /** Where backups go now (the chosen folder or the default). */
  effectiveFolder: z.string(),
  dailyTime: z.string(),
  enabled: z.boolean(),
  lastDailyAt: z.string().nullable(),
  nextDailyAt: z.string().nullable(),
});
export type BackupSettings = z.infer<typeof BackupSettings>;

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
  'backup.settings': query({
    input: z.object({}).strict(),
    output: BackupSettings,
    access: 'backups.manage',
  }),
  /**
   * Saves the schedule. A folder must exist or be creatable, be writable, and lie outside the data
   * folder (a backup on the same disk is lost with it).
   */
  'backup.saveSettings': command({
    input: z
      .object({
        folder: AbsolutePath.nullable(),
        dailyTime: z
          .string()
          .max(5)
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Nhập giờ dạng HH:MM'),
        enabled: z.boolean(),
      })
      .strict(),
    output: BackupSettings,
    access: 'backups.manage',
  }),
  /** The backups in a folder (default: the configured one), newest first. */
  'backup.list': query({
    input: z.object({ folder: AbsolutePath.optional() }).strict(),
    output: z.object({ folder: z.string(), backups: z.array(ListedBackup) }),
    access: 'backups.manage',
  }),
  /**
   * Checks a backup file for a restore — opens with the station's key, integrity, schema version —
   * and says what it holds. Nothing is replaced.
   */
  'backup.inspect': query({
    input: z.object({ file: AbsolutePath }).strict(),
    output: CheckedBackup,
    access: 'backups.manage',
  }),
  /**
   * Restores a backup: checks it again, keeps the current database beside it
   * (`<name>.replaced-<time>`), swaps it in and restarts the app into it (every session ends).
   * `confirm` is the admin's explicit yes. Refused while another backup, restore or job runs.
   */
  'backup.restore': command({
    input: z.object({ file: AbsolutePath, confirm: z.literal(true) }).strict(),
    output: z.object({
      restored: CheckedBackup,
      /** The current database's new name once swapped. */
      replaced: z.string(),
      /** The host restarts into it by itself; false for the CLI, which swaps once closed. */
      restarting: z.boolean(),
    }),
    access: 'backups.manage',
  }),

  /**
   * The recovery key of the station's database, for the printed sheet (setup, Quản trị → Sao lưu).
   * A command: every showing of the key is on the audit trail. null when the database is not encrypted.
   */
  'backup.recoveryKey': command({ input: Empty, output: RecoverySheet, access: 'backups.manage' }),
  /**
   * Changes the database key (PRAGMA rekey) and answers the NEW recovery key, shown once; the old
   * one no longer opens the database (backups taken before still need it). `confirm` is the admin's
   * explicit yes. Refused while a backup, restore, import, batch print or upload runs.
   */
  'backup.rekey': command({
    input: z.object({ confirm: z.literal(true) }).strict(),
    output: RecoverySheet,
    access: 'backups.manage',
  }),
  /**
   * On the blocked screen when the key file is missing or unreadable: the recovery key from the
   * printed sheet opens the database, a new key file is written, and the app restarts into it.
   * Public (nobody can sign in to a database that is not open), so strictly rate-limited; answered
   * only by the stand-in core of a database whose key could not be read.
   */
  'backup.recoverKey': command({
    input: z
      .object({
        // 55 characters in 11 groups: room for spaces typed between them, not for a flood.
        recoveryKey: z.string().max(120).trim().min(1, 'Nhập mã khôi phục'),
      })
      .strict(),
    output: z.object({ restarting: z.boolean() }),
    access: 'public',
  }),
};
