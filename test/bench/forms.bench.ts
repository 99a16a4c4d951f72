/**
 * Forms: a full record with a year of visits rendered to PDF through the dispatcher (budget p95
 * ≤ 250 ms), 100 full records into one PDF (≤ 20 s) and 1,000 (peak memory ≤ 150 MB above what the
 * process held before the batch, and not growing with the batch). The batch runs on its worker
 * thread in this process, so the process's resident set, sampled every 50 ms, includes it.
 *
 * Each batch runs in a process of its own (this file, run as a script): a worker's memory, once
 * freed, stays with the process (the C allocator keeps it for reuse), so a second batch in the same
 * process would start from the first one's peak and under-report its own growth.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { batchFinished } from '../../main/core/forms/batch/service.ts';
import { emit, measure, note, type Figure } from './harness.ts';
import { benchSession, spread, type BenchSession } from './session.ts';

const MB = 1024 * 1024;
const BATCH_SIZES: Record<string, number> = { 'forms.batch100': 100, 'forms.batch1000': 1000 };

/** The 1,000 residents the batches print (the first 100 for batch100), spread over the commune. */
const batchResidents = (s: BenchSession): string[] =>
  spread(s.core.ctx.store.raw.prepare('SELECT id FROM persons ORDER BY pk').pluck().all() as string[], 1000);

async function batch(s: BenchSession, ids: string[], name: string, n: number): Promise<Figure> {
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
  peak = Math.max(peak, process.memoryUsage().rss);
  const job = (await s.call('forms.jobs', { limit: 5 })).jobs.find((j) => j.id === jobId);
  if (job?.status !== 'done') throw new Error(`${name}: ${job?.status} ${job?.message}`);
  return {
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
    peak_rss_growth_mb: Math.round((peak - before) / MB),
    ...(name === 'forms.batch100' ? { budget_ms: 20_000 } : { budget_growth_mb: 150 }),
  };
}

/** One batch figure, measured in a fresh process running this file. */
function batchInChild(name: string, n: number): Promise<Figure> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), name, String(n)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line) reject(new Error(`${name}: child exited ${code}`));
      else resolve(JSON.parse(line) as Figure);
    });
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
  } finally {
    s.close();
  }
  const b100 = await batchInChild('forms.batch100', n);
  emit(b100);
  const b1000 = await batchInChild('forms.batch1000', n);
  // What the batch's length adds, beyond the worker's fixed cost that batch100 pays as well.
  emit({
    ...b1000,
    growth_beyond_batch100_mb: Number(b1000.peak_rss_growth_mb) - Number(b100.peak_rss_growth_mb),
  });
}

if (import.meta.main) {
  const [name, n] = [process.argv[2], Number(process.argv[3])];
  const size = BATCH_SIZES[name];
  if (!size || !n) throw new Error('usage: forms.bench.ts forms.batch100|forms.batch1000 <persons>');
  const s = await benchSession(n);
  try {
    const figure = await batch(s, batchResidents(s).slice(0, size), name, n);
    process.stdout.write(`${JSON.stringify(figure)}\n`);
  } finally {
    s.close();
  }
}
