import { Cron } from 'croner';
import type { CoreContext } from '../context.ts';
import { enabledKinds } from './adapters.ts';
import { runSync, stateOf, startClosing } from './service.ts';
import { loadSettings } from './settings.ts';

/**
 * When uploads happen without anyone asking: every `intervalMinutes` while the app runs (croner,
 * protected so a slow run is never overlapped by the next tick), and at `closingTime` (station
 * time, Asia/Ho_Chi_Minh) a reminder on the bus, then the closing-time run. A tick that finds the
 * line down costs one request: the engine stops at the first batch that cannot get through, and
 * each record waits its back-off, so an offline station does not spin.
 */
export interface SyncScheduler {
  reload(): void;
  stop(): void;
}

const TZ = 'Asia/Ho_Chi_Minh';

export function startSyncScheduler(ctx: CoreContext): SyncScheduler {
  let jobs: Cron[] = [];
  const stop = () => {
    for (const j of jobs) j.stop();
    jobs = [];
    stateOf(ctx).nextScheduledAt = () => null;
  };
  const reload = () => {
    stop();
    const loaded = loadSettings(ctx);
    if (enabledKinds(loaded).length === 0) return;
    const { intervalMinutes, closingTime } = loaded.settings.schedule;
    if (intervalMinutes > 0) {
      jobs.push(
        new Cron(
          '* * * * *',
          { interval: intervalMinutes * 60, protect: true, unref: true, timezone: TZ, catch: true },
          async () => {
            if (stateOf(ctx).current && !stateOf(ctx).current?.finished) return;
            await runSync(ctx, { trigger: 'schedule', actor: null }).catch((e: unknown) =>
              ctx.log.warn('sync: scheduled run failed', { error: String(e) }),
            );
          },
        ),
      );
    }
    if (closingTime) {
      const [h, m] = closingTime.split(':').map(Number);
      jobs.push(
        new Cron(`${m} ${h} * * *`, { protect: true, unref: true, timezone: TZ, catch: true }, () => {
          ctx.events.emit('job.progress', {
            jobId: 'sync-closing-reminder',
            kind: 'sync.reminder',
            done: 0,
            total: 0,
            message: 'Đến giờ gửi dữ liệu cuối ngày lên tuyến trên.',
            finished: false,
          });
          startClosing(ctx, null, 'closing');
        }),
      );
    }
    stateOf(ctx).nextScheduledAt = () => {
      const next = jobs.map((j) => j.nextRun()).filter((d): d is Date => d !== null);
      return next.length ? new Date(Math.min(...next.map((d) => d.getTime()))).toISOString() : null;
    };
  };
  reload();
  stateOf(ctx).onSettingsSaved = reload;
  return {
    reload,
    stop: () => {
      stop();
      stateOf(ctx).onSettingsSaved = null;
    },
  };
}
