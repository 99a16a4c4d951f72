/**
 * Forms: a full record with a year of visits rendered to PDF through the dispatcher (budget p95
 * ≤ 250 ms), 100 full records into one PDF (≤ 20 s) and 1,000 (peak memory must not grow with the
 * batch: ≤ 150 MB above what the process held before). The batch runs on its worker thread in
 * this process, so the process's resident set, sampled every 50 ms, includes it.
 */
import { batchFinished } from '../../main/core/forms/batch/service.ts';
import { emit, measure, note } from './harness.ts';
import { benchSession, spread, type BenchSession } from './session.ts';

const MB = 1024 * 1024;

async function batch(s: BenchSession, ids: string[], name: string, n: number): Promise<void> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const t0 = performance.now();
  const { jobId } = await s.call('forms.batchStart', {
    selection: { kind: 'ids', ids },
    form: 'record',
    output: 'one-pdf',
  });
  await batchFinished(s.core.ctx, jobId);
  const ms = performance.now() - t0;
  clearInterval(sampler);
  const job = (await s.call('forms.jobs', { limit: 5 })).jobs.find((j) => j.id === jobId);
  if (job?.status !== 'done') throw new Error(`${name}: ${job?.status} ${job?.message}`);
  emit({
    bench: name,
    n,
    p50_ms: Math.round(ms),
    p95_ms: Math.round(ms),
    runs: 1,
    residents: ids.length,
    pages: Number(/\((\d+) trang\)/.exec(job.message)?.[1] ?? 0),
    file_mb: Math.round(((job.fileBytes ?? 0) / MB) * 10) / 10,
    rss_before_mb: Math.round(before / MB),
    rss_peak_mb: Math.round(peak / MB),
    rss_growth_mb: Math.round((peak - before) / MB),
    ...(name === 'forms.batch100' ? { budget_ms: 20_000 } : { budget_growth_mb: 150 }),
  });
}

export async function formsBenches(n: number): Promise<void> {
  const s = await benchSession(n);
  try {
    const raw = s.core.ctx.store.raw;
    const year = s.today.slice(0, 4);
    // The residents with the most signed visits this year: a full record "with a year of visits".
    const busy = raw
      .prepare(
        `SELECT person_id FROM visits WHERE status = 'signed' AND visit_on >= ? GROUP BY person_id ORDER BY count(*) DESC LIMIT 20`,
      )
      .pluck()
      .all(`${year}-01-01`) as string[];
    const visits = raw
      .prepare(`SELECT count(*) FROM visits WHERE person_id = ? AND status = 'signed' AND visit_on >= ?`)
      .pluck()
      .get(busy[0], `${year}-01-01`) as number;
    note(`  forms.record on residents with up to ${visits} visits in ${year}`);
    emit(
      await measure(
        'forms.record',
        n,
        (i) => s.call('forms.render', { form: 'record', personId: busy[(i + 20) % busy.length] }),
        {
          runs: 40,
          warmup: 3,
          extra: { visits_this_year: visits, budget_p95_ms: 250 },
        },
      ),
    );
    const everyone = spread(
      raw.prepare('SELECT id FROM persons ORDER BY pk').pluck().all() as string[],
      1000,
    );
    await batch(s, everyone.slice(0, 100), 'forms.batch100', n);
    await batch(s, everyone, 'forms.batch1000', n);
  } finally {
    s.close();
  }
}

/** Only the 1,000-resident batch (to measure its memory again without the other figures). */
export async function formsBatchOnly(n: number): Promise<void> {
  const s = await benchSession(n);
  try {
    const raw = s.core.ctx.store.raw;
    const everyone = spread(
      raw.prepare('SELECT id FROM persons ORDER BY pk').pluck().all() as string[],
      1000,
    );
    await batch(s, everyone, 'forms.batch1000', n);
  } finally {
    s.close();
  }
}
