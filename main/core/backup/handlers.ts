import { basename } from 'node:path';
import type { CheckedBackup, ListedBackup } from '#contract/ops/backup.ts';
import { appendAudit } from '../audit/audit.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { requireActor, type HandlersOf } from '../handler-types.ts';
import { getStation } from '../station/station.ts';
import { holdBackupTask } from './busy.ts';
import { listBackups, readManifest } from './files.ts';
import { requestRestart } from './restart.ts';
import { recoverWithKey, rekeyStation, showRecoveryKey } from './recovery.ts';
import { cancelStagedRestore, copyAndInspect, stageRestore } from './restore.ts';
import { backupSource, type BackupSource } from './source.ts';
import { takeBackup } from './take.ts';
import { statSync, rmSync } from 'node:fs';
import { Cron } from 'croner';
import type { BackupSettings } from '#contract/ops/backup.ts';
import { checkBackupFolder } from './folder.ts';
import { readBackupSettings, saveBackupSettings } from './repo/settings.ts';
import { backupFolderOf, scheduleChanged } from './schedule.ts';

export interface BackupHandlerOptions {
  /**
   * A job of another module that a restore or rekey must not cut short: 'sync', 'forms.batch',
   * 'reports.listPrint'; or null.
   */
  otherJob?: (ctx: CoreContext) => string | null;
  /** Another module's connection still open with the current key ('import': a list open to import); or null. */
  keyInUse?: (ctx: CoreContext) => string | null;
}

/** What is running, in the words of the refusal. */
const JOB_WORDS: Record<string, string> = {
  sync: 'Đang gửi dữ liệu lên tuyến trên.',
  'forms.batch': 'Đang in hàng loạt hồ sơ.',
  'reports.listPrint': 'Đang tạo tệp in của một danh sách.',
  import: 'Đang nhập danh sách người dân.',
};
const RUNNING_UNTIL: Record<string, string> = {
  sync: 'Chờ lượt gửi xong',
  'forms.batch': 'Chờ lô in xong (hoặc hủy lô in ở màn hình In ấn)',
  'reports.listPrint': 'Chờ danh sách in xong (vài giây, đến nửa phút với danh sách rất dài)',
  import: 'Hoàn tất hoặc đóng việc nhập danh sách',
};

function sourceOf(ctx: CoreContext): BackupSource {
  const source = backupSource(ctx.store);
  if (!source)
    throw new AppError('NOT_FOUND', {
      message: 'Cơ sở dữ liệu này không sao lưu được (không phải một tệp trên đĩa).',
      logMessage: 'backup asked of a database without a file',
    });
  return source;
}

const DAY = 86_400_000;

/** What the list calls a backup: a daily one kept past a week is the week's, past a month the month's. */
function kindOf(reason: ListedBackup['reason'], takenAt: Date, now: Date): ListedBackup['kind'] {
  if (reason !== 'daily') return reason;
  const age = now.getTime() - takenAt.getTime();
  if (age < 7 * DAY) return 'daily';
  return age < 31 * DAY ? 'weekly' : 'monthly';
}

function settingsOf(ctx: CoreContext): BackupSettings {
  const s = readBackupSettings(ctx.store);
  const [h, m] = s.dailyTime.split(':').map(Number);
  const next = s.enabled
    ? new Cron(`${m} ${h} * * *`, { timezone: 'Asia/Ho_Chi_Minh', paused: true }).nextRun(ctx.clock())
    : null;
  return {
    folder: s.folder,
    effectiveFolder: backupFolderOf(ctx),
    dailyTime: s.dailyTime,
    enabled: s.enabled,
    lastDailyAt: s.lastDailyAt,
    nextDailyAt: next ? next.toISOString() : null,
  };
}

function refuseWhileBusy(ctx: CoreContext, options: BackupHandlerOptions, task: 'restore' | 'rekey'): void {
  const job =
    ctx.jobs.running?.kind ??
    options.otherJob?.(ctx) ??
    (task === 'rekey' ? (options.keyInUse?.(ctx) ?? null) : null);
  if (job)
    throw new AppError('BUSY', {
      message: `${JOB_WORDS[job] ?? 'Đang có một tác vụ khác chạy.'} ${RUNNING_UNTIL[job] ?? 'Chờ tác vụ đó xong'} rồi ${task === 'restore' ? 'phục hồi' : 'đổi khóa'}.`,
      logMessage: `${task} refused: job ${job} is running`,
    });
}

/** The backup operations (`backup.*`). */
export function backupHandlers(options: BackupHandlerOptions = {}): HandlersOf<'backup'> {
  return {
    'backup.create': async ({ folder }, call) => {
      const { ctx } = call;
      const actor = requireActor(call);
      const source = sourceOf(ctx);
      const dir = folder ?? backupFolderOf(ctx);
      const release = holdBackupTask(ctx.store, 'backup');
      let taken;
      try {
        taken = await takeBackup(source, {
          dir,
          reason: 'manual',
          station: getStation(ctx).code,
          appVersion: ctx.appVersion,
          now: ctx.clock(),
          log: ctx.log.child('backup'),
        });
      } finally {
        release();
      }
      // The copy holds every record: who took it, where, and how much, stays on the trail.
      appendAudit(
        ctx.store,
        actor,
        {
          action: 'backup.create',
          details: { folder: dir, file: taken.file, persons: taken.counts.persons },
        },
        isoNow(ctx.clock),
      );
      return {
        file: taken.file,
        folder: dir,
        takenAt: taken.takenAt,
        bytes: taken.bytes,
        schemaVersion: taken.schemaVersion,
        integrity: taken.integrity,
        counts: taken.counts,
        removed: taken.removed,
        durationMs: taken.durationMs,
      };
    },

    'backup.settings': (_input, { ctx }) => settingsOf(ctx),

    'backup.saveSettings': ({ folder, dailyTime, enabled }, call) => {
      const { ctx } = call;
      const actor = requireActor(call);
      const dir = folder === null ? null : checkBackupFolder(folder, ctx.dataDir);
      const at = isoNow(ctx.clock);
      ctx.store.tx(() => {
        saveBackupSettings(ctx.store, { folder: dir, dailyTime, enabled }, at);
        appendAudit(
          ctx.store,
          actor,
          { action: 'backup.settings', details: { folder: dir, dailyTime, enabled } },
          at,
        );
      });
      scheduleChanged(ctx.store);
      return settingsOf(ctx);
    },

    'backup.list': ({ folder }, { ctx }) => {
      const dir = folder ?? backupFolderOf(ctx);
      const now = ctx.clock();
      const backups = listBackups(dir).map((b): ListedBackup => {
        const manifest = readManifest(b.path);
        let bytes: number | null = manifest?.bytes ?? null;
        if (bytes === null)
          try {
            bytes = statSync(b.path).size;
          } catch {
            bytes = null;
          }
        return {
          file: b.name,
          path: b.path,
          takenAt: b.takenAt.toISOString(),
          reason: b.reason,
          kind: kindOf(b.reason, b.takenAt, now),
          bytes,
          counts: manifest?.counts ?? null,
        };
      });
      return { folder: dir, backups };
    },

    'backup.inspect': async ({ file }, { ctx }): Promise<CheckedBackup> => {
      const source = sourceOf(ctx);
      // Checked on a copy in the data folder: a stick may be read-only, and opening a file
      // there could leave -wal/-shm files on it.
      const into = `${source.file}.inspecting-${process.pid}-${Date.now()}`;
      try {
        return await copyAndInspect(source, file, into, ctx.log.child('backup'));
      } finally {
        for (const s of ['', '-wal', '-shm']) rmSync(`${into}${s}`, { force: true });
      }
    },

    'backup.restore': async ({ file }, call) => {
      const { ctx } = call;
      const actor = requireActor(call);
      const source = sourceOf(ctx);
      refuseWhileBusy(ctx, options, 'restore');
      const release = holdBackupTask(ctx.store, 'restore');
      const log = ctx.log.child('backup');
      try {
        const { checked, marker } = await stageRestore(source, file, { by: actor, now: ctx.clock(), log });
        try {
          // On the trail that is about to be replaced, before anything is: it stays in the
          // replaced database, kept beside the restored one.
          appendAudit(
            ctx.store,
            actor,
            {
              action: 'backup.restore',
              details: {
                backup: basename(file),
                takenAt: checked.takenAt,
                persons: checked.counts.persons,
                visits: checked.counts.visits,
                replaced: basename(marker.replaced),
              },
            },
            isoNow(ctx.clock),
          );
        } catch (e) {
          cancelStagedRestore(source.file);
          throw e;
        }
        log.info('restore staged', { backup: basename(file), schemaVersion: checked.schemaVersion });
        const restarting = requestRestart(ctx.store);
        // A restore stays "running" until the host closes this core: no backup or second restore
        // may start in between.
        if (!restarting) release();
        return { restored: checked, replaced: marker.replaced, restarting };
      } catch (e) {
        release();
        throw e;
      }
    },

    'backup.recoveryKey': (_input, call) => showRecoveryKey(call.ctx, requireActor(call)),

    'backup.rekey': (_input, call) => {
      const { ctx } = call;
      const actor = requireActor(call);
      refuseWhileBusy(ctx, options, 'rekey');
      const release = holdBackupTask(ctx.store, 'rekey');
      try {
        return rekeyStation(ctx, actor);
      } finally {
        release();
      }
    },

    'backup.recoverKey': ({ recoveryKey }, { ctx }) => recoverWithKey(ctx, recoveryKey),
  };
}
