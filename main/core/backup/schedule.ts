/**
 * Backups nobody has to remember: daily at the set time (croner, station time), made up at the
 * next start when the PC was off at that time, and on exit (a bounded wait: a backup that takes
 * longer than the host allows is skipped with a log line, never a PC that will not shut down).
 */
import { join } from 'node:path';
import { Cron } from 'croner';
import { appendAudit } from '../audit/audit.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import type { Store } from '../db/store.ts';
import { getStation, isSetUp } from '../station/station.ts';
import { backupTaskRunning, holdBackupTask } from './busy.ts';
import { markDailyTaken, readBackupSettings } from './repo/settings.ts';
import { backupSource } from './source.ts';
import { takeBackup, type BackupTaken } from './take.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const VN_OFFSET = 7 * 3600_000;
const DAY = 86_400_000;

/** The last moment at or before `now` when the daily backup was due (HH:MM in Vietnam, UTC+7). */
export function lastDueAt(dailyTime: string, now: Date): Date {
  const [h, m] = dailyTime.split(':').map(Number) as [number, number];
  const localDay = Math.floor((now.getTime() + VN_OFFSET) / DAY) * DAY;
  let due = localDay + (h * 60 + m) * 60_000 - VN_OFFSET;
  if (due > now.getTime()) due -= DAY;
  return new Date(due);
}

/**
 * Whether the last due daily backup was missed. A station that never took one and never saved a
 * schedule waits for its first set time rather than copying at its very first start.
 */
export function dailyMissed(
  s: { enabled: boolean; lastDailyAt: string | null; saved: boolean },
  dailyTime: string,
  now: Date,
): boolean {
  if (!s.enabled) return false;
  if (s.lastDailyAt === null) return s.saved;
  return new Date(s.lastDailyAt).getTime() < lastDueAt(dailyTime, now).getTime();
}

export const backupFolderOf = (ctx: CoreContext): string =>
  readBackupSettings(ctx.store).folder ?? join(ctx.dataDir, 'backups');

/** A backup nobody asked for at this moment (daily, made up, on exit); null when there is nothing to do. */
export async function takeScheduledBackup(
  ctx: CoreContext,
  reason: 'daily' | 'exit',
): Promise<BackupTaken | null> {
  const source = backupSource(ctx.store);
  const log = ctx.log.child('backup');
  if (!source || !isSetUp(ctx) || backupTaskRunning(ctx.store)) return null;
  const release = holdBackupTask(ctx.store, 'backup');
  try {
    const dir = backupFolderOf(ctx);
    const taken = await takeBackup(source, {
      dir,
      reason,
      station: getStation(ctx).code,
      appVersion: ctx.appVersion,
      now: ctx.clock(),
      log,
    });
    appendAudit(
      ctx.store,
      null,
      {
        action: 'backup.create',
        details: { folder: dir, file: taken.file, persons: taken.counts.persons, reason },
      },
      isoNow(ctx.clock),
    );
    if (reason === 'daily') markDailyTaken(ctx.store, taken.takenAt);
    return taken;
  } catch (e) {
    // The admin sees the missing day in the list; the reason is in the log.
    log.error('scheduled backup failed', { reason, error: String(e) });
    return null;
  } finally {
    release();
  }
}

/** On exit: the backup, or after `timeoutMs` a log line and no wait any longer. */
export async function backupOnExit(
  ctx: CoreContext,
  timeoutMs = 30_000,
): Promise<'taken' | 'skipped' | 'timeout'> {
  if (!readBackupSettings(ctx.store).enabled) return 'skipped';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const outcome = await Promise.race([
    takeScheduledBackup(ctx, 'exit').then((t) => (t ? ('taken' as const) : ('skipped' as const))),
    timeout,
  ]);
  clearTimeout(timer);
  if (outcome === 'timeout')
    ctx.log.warn('exit backup skipped: not done within the wait allowed at exit', { ms: timeoutMs });
  return outcome;
}

export interface BackupScheduler {
  reload(): void;
  stop(): void;
  /** The make-up run started at start-up, if one was due (tests wait on it). */
  readonly catchUp: Promise<BackupTaken | null> | null;
}

const reloaders = new WeakMap<Store, () => void>();

/** The settings changed (time, on/off): the schedule follows at once. */
export function scheduleChanged(store: Store): void {
  reloaders.get(store)?.();
}

export function startBackupScheduler(ctx: CoreContext): BackupScheduler {
  let job: Cron | null = null;
  const reload = () => {
    job?.stop();
    job = null;
    const s = readBackupSettings(ctx.store);
    if (!s.enabled) return;
    const [h, m] = s.dailyTime.split(':').map(Number);
    job = new Cron(`${m} ${h} * * *`, { protect: true, unref: true, timezone: TZ, catch: true }, async () => {
      await takeScheduledBackup(ctx, 'daily');
    });
  };
  reload();
  reloaders.set(ctx.store, reload);
  const s = readBackupSettings(ctx.store);
  const catchUp = dailyMissed(s, s.dailyTime, ctx.clock()) ? takeScheduledBackup(ctx, 'daily') : null;
  if (catchUp) ctx.log.info('daily backup missed while the PC was off: taking it now');
  return {
    reload,
    catchUp,
    stop: () => {
      job?.stop();
      job = null;
      reloaders.delete(ctx.store);
    },
  };
}
