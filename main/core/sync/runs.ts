import type { Store } from '../db/store.ts';

/** The runs repository, the one writer of `sync_runs`: each upload run and its counts. */
export interface RunCounts {
  sent: number;
  acknowledged: number;
  failed: number;
  skipped: number;
}

export function insertRun(
  store: Store,
  run: {
    id: string;
    upstream: string;
    trigger: 'manual' | 'schedule' | 'closing' | 'cli';
    startedAt: string;
  },
): void {
  store.run(
    store.qb.insertInto('sync_runs').values({
      id: run.id,
      upstream: run.upstream,
      trigger: run.trigger,
      started_at: run.startedAt,
      status: 'running',
    }),
  );
}

/** Counts so far (a run killed mid-way keeps what it had recorded). */
export function updateRun(
  store: Store,
  id: string,
  counts: RunCounts,
  end: { status: string; message: string; finishedAt: string } | null,
): void {
  store.run(
    store.qb
      .updateTable('sync_runs')
      .set({
        ...counts,
        ...(end ? { status: end.status, message: end.message, finished_at: end.finishedAt } : {}),
      })
      .where('id', '=', id),
  );
}

/** Runs a killed process left 'running': they ended when it died. */
export function closeAbandonedRuns(store: Store, upstream: string, now: string): void {
  store.run(
    store.qb
      .updateTable('sync_runs')
      .set({
        status: 'interrupted',
        finished_at: now,
        message: 'Lần gửi bị ngắt giữa chừng (máy tắt hoặc ứng dụng đóng).',
      })
      .where('upstream', '=', upstream)
      .where('status', '=', 'running'),
  );
}
