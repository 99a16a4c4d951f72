/**
 * Upload benches (issue "Upstream sync"), against the strict FHIR test server:
 * - sync.day: a day's work (300 signed visits, 50 new residents) uploaded by the engine, with a
 *   `ratio` against posting the same transaction bundles with plain fetch (same concurrency) in the
 *   same run: what the engine adds (claims, snapshots, mapping, outbox bookkeeping). Goal p50 ≤ 15 s,
 *   ratio ≤ 1.5.
 * - sync.initial: the first upload of a whole commune (HSSK_BENCH_SYNC_INITIAL residents, default
 *   10,000, ten years), server in a child process and the upload in a fresh process that has just
 *   opened the station, so the RSS is the station app's: duration, peak RSS growth (goal ≤ 200 MB), and the longest turn of this thread's event loop while it runs
 *   (the payloads are built on a worker thread; goal ≤ 50 ms).
 * - sync.province: 100 stations uploading their day at once to one server (child process):
 *   duplicates and losses (both must be 0) and records per second.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { UpstreamSettingsInput } from '#contract/ops/upstream.ts';
import type { Patient } from '@medplum/fhirtypes';
import { createCore, type Core } from '../../main/core/app.ts';
import { silentLogger } from '../../main/core/log.ts';
import { SEED_DEFAULTS, seedStation } from '../../main/core/seed/seed-station.ts';
import { runUpstream } from '../../main/core/upstream/engine.ts';
import { FhirAdapter } from '../../main/core/upstream/fhir/adapter.ts';
import { transactionsFor } from '../../main/core/upstream/fhir/mapping.ts';
import { saveSettings } from '../../main/core/upstream/settings.ts';
import { loadRecordSnapshot } from '../../main/core/upstream/snapshot.ts';
import { memoryBinding } from '../helpers/core.ts';
import { startFhirServer } from '../upstream/fhir-server.ts';
import { emit, note, type Figure } from './harness.ts';

const ROOT = join(import.meta.dirname, '../..');
const round = (x: number) => Math.round(x * 1000) / 1000;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

function station(dir: string): Core {
  return createCore({ host: 'cli', dataDir: dir, log: silentLogger, key: null });
}

/** A FHIR test server in its own process (its memory is not the station's). */
async function childServer(): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(
    process.execPath,
    [join(ROOT, 'main/hosts/cli/hssk.ts'), 'upstream', 'serve', '--kind', 'fhir', '--json'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    proc.stdout?.on('data', (b: Buffer) => {
      buf += b.toString();
      const line = buf.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    proc.on('exit', () => reject(new Error('test server exited')));
  });
  return { url, proc };
}

async function patientsAt(url: string): Promise<Patient[]> {
  const out: Patient[] = [];
  for (let offset = 0; ; offset += 1000) {
    const b = (await (await fetch(`${url}/Patient?_count=1000&_offset=${offset}`)).json()) as {
      entry?: { resource: Patient }[];
    };
    const page = (b.entry ?? []).map((e) => e.resource);
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

/** A day's work through the operations, as the staff do it: new residents, then signed visits. */
async function dayOfWork(core: Core, newResidents: number, visits: number): Promise<void> {
  const b = memoryBinding();
  const ok = async (name: string, input: unknown) => {
    const r = await core.call(b, name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as Record<string, unknown>;
  };
  await ok('auth.login', { username: 'quantri', password: SEED_DEFAULTS.password });
  for (let i = 0; i < newResidents; i++)
    await ok('persons.create', {
      person: { fullName: `Người Mới ${i}`, sex: i % 2 ? 'F' : 'M', birthDate: `${1950 + (i % 60)}` },
      confirmSimilar: true,
    });
  const adults = core.ctx.store.raw
    .prepare(`SELECT id FROM persons WHERE birth_date < '2000' AND status = 'active' ORDER BY id LIMIT ?`)
    .pluck()
    .all(visits) as string[];
  for (const [i, personId] of adults.entries()) {
    const v = await ok('visits.start', { personId });
    const visit = {
      visitOn: v.visitOn,
      reason: 'Khám sức khỏe',
      vitals: {
        pulse: 70 + (i % 10),
        systolic: 120 + (i % 15),
        diastolic: 75 + (i % 8),
        weightKg: 55 + (i % 10),
        heightCm: 160,
      },
      diagnoses: [{ code: 'I10', name: 'Tăng huyết áp vô căn', main: true }],
    };
    const r = await core.call(b, 'visits.sign', { id: v.id, version: v.version, visit, confirmed: [] });
    if (!r.ok) {
      const keys = ((r.error.details as { findings?: { key: string }[] })?.findings ?? []).map((f) => f.key);
      await ok('visits.sign', { id: v.id, version: v.version, visit, confirmed: keys });
    }
  }
}

async function syncDay(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hssk-bench-sync-'));
  const core = station(dir);
  try {
    await seedStation(core.ctx, { persons: 2000, years: 2 });
    const warm = await startFhirServer();
    // Everything before today is already upstream.
    await runUpstream(
      core.ctx,
      new FhirAdapter({ baseUrl: warm.url, statutory: true, auth: { kind: 'none' } }),
      { trigger: 'manual', batchSize: 100 },
    );
    await warm.close();
    await dayOfWork(core, 50, 300);
    const raw = core.ctx.store.raw;
    raw.exec(
      'CREATE TEMP TABLE before_day AS SELECT * FROM sync_deliveries; CREATE TEMP TABLE runs_before AS SELECT id FROM sync_runs',
    );
    const due = raw
      .prepare(
        `SELECT count(*) FROM sync_outbox o JOIN sync_deliveries d ON d.person_id = o.entity_id WHERE d.acked_version < o.version`,
      )
      .pluck()
      .get() as number;
    const newOnes = raw
      .prepare(
        `SELECT count(*) FROM sync_outbox o WHERE NOT EXISTS (SELECT 1 FROM sync_deliveries d WHERE d.person_id = o.entity_id)`,
      )
      .pluck()
      .get() as number;
    const records = due + newOnes;
    note(`sync.day: ${records} records changed today`);
    const restore = () =>
      raw.exec(
        'DELETE FROM sync_deliveries; INSERT INTO sync_deliveries SELECT * FROM before_day; DELETE FROM sync_runs WHERE id NOT IN (SELECT id FROM runs_before)',
      );
    const ids = raw
      .prepare(
        `SELECT o.entity_id FROM sync_outbox o LEFT JOIN sync_deliveries d ON d.person_id = o.entity_id WHERE d.person_id IS NULL OR d.acked_version < o.version`,
      )
      .pluck()
      .all() as string[];
    const bundles = ids.flatMap((id) =>
      transactionsFor(loadRecordSnapshot(core.ctx, id)).map((b) => JSON.stringify(b)),
    );
    const engine: number[] = [];
    const plain: number[] = [];
    for (let run = 0; run < 5; run++) {
      // Plain fetch: the same bundles, four at a time, nothing else.
      const s1 = await startFhirServer();
      let t0 = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < bundles.length) {
            const body = bundles[next++];
            const r = await fetch(s1.url, {
              method: 'POST',
              body,
              headers: { 'content-type': 'application/fhir+json' },
            });
            await r.text();
          }
        }),
      );
      plain.push(performance.now() - t0);
      await s1.close();
      restore();
      const s2 = await startFhirServer();
      t0 = performance.now();
      const sum = await runUpstream(
        core.ctx,
        new FhirAdapter({ baseUrl: s2.url, statutory: true, auth: { kind: 'none' } }),
        { trigger: 'manual', batchSize: 50 },
      );
      engine.push(performance.now() - t0);
      if (sum.acknowledged !== records)
        throw new Error(`sync.day: ${sum.acknowledged}/${records} acknowledged`);
      await s2.close();
    }
    const fig = (bench: string, xs: number[]): Figure => ({
      bench,
      n: records,
      p50_ms: round(pct(xs, 50)),
      p95_ms: round(pct(xs, 95)),
      runs: xs.length,
    });
    const base = fig('sync.day.plain-fetch', plain);
    emit(base);
    const f = fig('sync.day', engine);
    emit({
      ...f,
      ratio: round(f.p50_ms / base.p50_ms),
      baseline: base.bench,
      bundles: bundles.length,
      visits: 300,
      newResidents: 50,
    });
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function syncInitial(): Promise<void> {
  const persons = Number(process.env.HSSK_BENCH_SYNC_INITIAL ?? 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'hssk-bench-sync-'));
  const { url, proc } = await childServer();
  try {
    const core = station(dir);
    try {
      await seedStation(core.ctx, { persons, years: 10 });
    } finally {
      core.close();
    }
    emit(await initialInChild(dir, url, persons));
  } finally {
    proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The upload measured in a fresh process that has just opened the seeded station, as the app is
 * when someone presses "Gửi" (the seeding's own heap is not the baseline): RSS after opening and a
 * full GC, then the peak while the upload runs.
 */
function initialInChild(dir: string, url: string, persons: number): Promise<Figure> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', fileURLToPath(import.meta.url), 'sync.initial', dir, url, String(persons)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line) reject(new Error(`sync.initial: child exited ${code}`));
      else resolve(JSON.parse(line) as Figure);
    });
  });
}

async function measureInitial(dir: string, url: string, persons: number): Promise<Figure> {
  const core = station(dir);
  try {
    const visits = core.ctx.store.raw.prepare('SELECT count(*) FROM visits').pluck().get() as number;
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    // The longest turn as CPU time of this thread (what a busy PC's scheduler does to the wall
    // clock does not count): a 5 ms tick, the thread's CPU time between two ticks.
    let cpuPrev = process.threadCpuUsage();
    let maxTurnCpuMs = 0;
    const ticker = setInterval(() => {
      const now = process.threadCpuUsage();
      maxTurnCpuMs = Math.max(maxTurnCpuMs, (now.user + now.system - cpuPrev.user - cpuPrev.system) / 1000);
      cpuPrev = now;
    }, 5);
    const t0 = performance.now();
    const sum = await runUpstream(
      core.ctx,
      new FhirAdapter({ baseUrl: url, statutory: true, auth: { kind: 'none' } }),
      { trigger: 'manual', batchSize: 50 },
    );
    const ms = performance.now() - t0;
    loop.disable();
    clearInterval(ticker);
    clearInterval(sampler);
    return {
      bench: 'sync.initial',
      n: persons,
      p50_ms: round(ms),
      p95_ms: round(ms),
      runs: 1,
      acknowledged: sum.acknowledged,
      visits,
      rss_before_mb: round(rss0 / 1024 / 1024),
      rss_growth_mb: round((peak - rss0) / 1024 / 1024),
      // The longest wait of a timer on this thread (the window's thread in the app).
      max_loop_delay_ms: round(loop.max / 1e6),
      max_turn_cpu_ms: round(maxTurnCpuMs),
      loop_delay_p99_ms: round(loop.percentile(99) / 1e6),
    };
  } finally {
    core.close();
  }
}

async function syncProvince(): Promise<void> {
  const stations = Number(process.env.HSSK_BENCH_SYNC_STATIONS ?? 100);
  const perStation = 20;
  const { url, proc } = await childServer();
  const dirs: string[] = [];
  const cores: Core[] = [];
  try {
    for (let i = 0; i < stations; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'hssk-bench-prov-'));
      dirs.push(dir);
      const c = station(dir);
      cores.push(c);
      await seedStation(c.ctx, { persons: perStation, years: 1, seed: `station-${i}` });
      saveSettings(
        c.ctx,
        { userId: 'bench', username: 'bench' },
        UpstreamSettingsInput.parse({ fhir: { enabled: true, statutory: true, url } }),
      );
    }
    const total = cores.reduce(
      (n, c) => n + (c.ctx.store.raw.prepare('SELECT count(*) FROM persons').pluck().get() as number),
      0,
    );
    const t0 = performance.now();
    const sums = await Promise.all(
      cores.map((c) =>
        runUpstream(
          c.ctx,
          new FhirAdapter({ baseUrl: url, statutory: true, auth: { kind: 'none' }, concurrency: 2 }),
          { trigger: 'schedule', batchSize: 20, maxWaitMs: 60_000, backoff: { baseMs: 200, maxMs: 2000 } },
        ),
      ),
    );
    const ms = performance.now() - t0;
    const acked = sums.reduce((n, s) => n + s.acknowledged, 0);
    const held = await patientsAt(url);
    const unique = new Set(held.map((p) => p.id)).size;
    emit({
      bench: 'sync.province',
      n: total,
      p50_ms: round(ms),
      p95_ms: round(ms),
      runs: 1,
      stations,
      records_per_s: round(total / (ms / 1000)),
      duplicates: held.length - unique,
      acknowledged: acked,
      losses: total - Math.min(acked, unique),
    });
  } finally {
    proc.kill('SIGTERM');
    for (const c of cores) c.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

export async function syncBenches(): Promise<void> {
  const only = process.env.HSSK_BENCH_SYNC_ONLY;
  if (!only || only === 'day') await syncDay();
  if (!only || only === 'initial') await syncInitial();
  if (!only || only === 'province') await syncProvince();
}

if (import.meta.main) {
  const [name, dir, url, persons] = process.argv.slice(2);
  if (name !== 'sync.initial' || !dir || !url || !Number(persons))
    throw new Error('usage: sync.bench.ts sync.initial <data dir> <FHIR url> <persons>');
  process.stdout.write(`${JSON.stringify(await measureInitial(dir, url, Number(persons)))}\n`);
}
