/**
 * Backups on a 100,000-resident commune (issue "Security and reliability"): `backup.full` is the
 * whole `backup.create` call (copy by the worker, reopen, integrity check, counts, rotation),
 * through the dispatcher, with the longest the event loop was held meanwhile (goal ≤ 50 ms: the
 * window keeps working while the copy is made). The baseline is a plain file copy of the same
 * database, the least any backup can cost.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emit, measure, note, withRatio } from './harness.ts';
import { benchSession } from './session.ts';

const RUNS = 3;

export async function backupBenches(persons: number): Promise<void> {
  const s = await benchSession(persons);
  const out = mkdtempSync(join(tmpdir(), 'hssk-bench-backup-'));
  try {
    const file = s.core.database.file;
    const bytes = statSync(file).size;
    const baseline = await measure(
      'backup.full.filecopy',
      persons,
      (i) => copyFileSync(file, join(out, `plain-${i}.db`)),
      { runs: RUNS, warmup: 0, extra: { bytes } },
    );
    emit(baseline);

    let maxGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 5);
    let counts: unknown = null;
    const figure = await measure(
      'backup.full',
      persons,
      async (i) => {
        last = performance.now();
        // A folder per run: two backups in the same second would share a name.
        const taken = await s.call('backup.create', { folder: join(out, `run-${i}`) });
        maxGap = Math.max(maxGap, performance.now() - last);
        counts = taken.counts;
      },
      { runs: RUNS, warmup: 0 },
    );
    clearInterval(timer);
    emit({ ...withRatio(figure, baseline), bytes, max_loop_gap_ms: Math.round(maxGap), counts });
  } finally {
    rmSync(out, { recursive: true, force: true });
    s.close();
  }
  note('  backup: done');
}
