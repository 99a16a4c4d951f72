/**
 * Crash safety (power cut, a killed process): a child process registers residents and signs their
 * visits on a real encrypted station database and is SIGKILLed at a random moment, fifty times
 * over — while it starts, opens and migrates the database, signs in, or writes. Afterwards every
 * write the app had acknowledged is there, SQLite's integrity check passes, the audit chain
 * verifies, and the outbox has a row for exactly the residents there are, each at least one
 * version per acknowledged change (registration, then the signed visit).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createCore } from '../../main/core/app.ts';
import { silentLogger } from '../../main/core/log.ts';
import { sourceRoot } from '../../main/core/paths.ts';
import { memoryBinding, TEST_ADMIN, TEST_STATION } from '../helpers/core.ts';

const KILLS = 50;
const NURSE = { username: 'dieuduong', fullName: 'Nguyễn Thị Lan', password: 'dieu-duong-1' };
const dataDir = mkdtempSync(join(tmpdir(), 'hssk-crash-'));
// Fifty starts of the core: Node's compile cache keeps the second to fiftieth from compiling the
// same modules again (about a third of each start's CPU).
const compileCache = mkdtempSync(join(tmpdir(), 'hssk-crash-cache-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(compileCache, { recursive: true, force: true });
});

function openStation() {
  const core = createCore({ host: 'cli', dataDir, log: silentLogger });
  const binding = memoryBinding();
  const call = async (name: string, input: unknown) => {
    const r = await core.call(binding, name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value as Record<string, unknown>;
  };
  return { core, call };
}

interface Run {
  persons: string[];
  visits: { id: string; personId: string }[];
  ready: boolean;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Starts the writer and kills it `afterMs` after it is ready (or after it starts, if `early`). */
function runAndKill(afterMs: number, early: boolean): Promise<Run> {
  const run: Run = { persons: [], visits: [], ready: false, signal: null, stderr: '' };
  const child = spawn(
    process.execPath,
    [join(sourceRoot, 'test/helpers/crash-writer.ts'), dataDir, NURSE.username, NURSE.password],
    {
      cwd: sourceRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_COMPILE_CACHE: compileCache },
    },
  );
  let pending = '';
  const kill = () => setTimeout(() => child.kill('SIGKILL'), afterMs);
  if (early) kill();
  child.stdout.on('data', (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const [word, kind, id, personId] = line.split(' ');
      if (word === 'READY') {
        run.ready = true;
        if (!early) kill();
      } else if (word === 'ACK' && kind === 'person' && id) run.persons.push(id);
      else if (word === 'ACK' && kind === 'visit' && id && personId) run.visits.push({ id, personId });
    }
  });
  child.stderr.on('data', (d: Buffer) => (run.stderr += d.toString()));
  return new Promise((resolve) =>
    child.on('exit', (_code, signal) => {
      run.signal = signal;
      resolve(run);
    }),
  );
}

it(`keeps every acknowledged write through ${KILLS} SIGKILLs at random moments`, async () => {
  const setup = openStation();
  await setup.call('station.setup', { station: TEST_STATION, admin: TEST_ADMIN });
  await setup.call('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
  await setup.call('users.create', { ...NURSE, role: 'clinician' });
  setup.core.close();

  // A fixed sequence of moments, so a failure can be replayed: most kills land while writing,
  // one in five while the process starts and opens the database.
  let seed = 831;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const persons: string[] = [];
  const visits: { id: string; personId: string }[] = [];
  let killedWhileStarting = 0;
  for (let i = 0; i < KILLS; i++) {
    const early = i % 5 === 4;
    const run = await runAndKill(Math.floor(random() * (early ? 600 : 250)), early);
    expect(run.signal, `run ${i} ended by itself: ${run.stderr}`).toBe('SIGKILL');
    expect(run.stderr, `run ${i}`).toBe('');
    if (!run.ready) killedWhileStarting++;
    persons.push(...run.persons);
    visits.push(...run.visits);
  }
  // The kills did land at different moments: some before the app was ready, many mid-writing.
  expect(killedWhileStarting).toBeGreaterThan(0);
  expect(persons.length).toBeGreaterThan(KILLS);
  expect(visits.length).toBeGreaterThan(KILLS / 2);

  const after = openStation();
  try {
    const raw = after.core.ctx.store.raw;
    expect(raw.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
    await after.call('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });

    // Every acknowledged resident and signed visit is there.
    const inDb = new Set(raw.prepare('SELECT id FROM persons').pluck().all() as string[]);
    expect(persons.filter((id) => !inDb.has(id))).toEqual([]);
    const signed = new Set(
      raw.prepare(`SELECT id FROM visits WHERE status = 'signed'`).pluck().all() as string[],
    );
    expect(visits.filter((v) => !signed.has(v.id))).toEqual([]);

    // The audit chain verifies, end to end.
    const audit = await after.call('audit.verify', {});
    expect(audit).toMatchObject({ ok: true, firstBrokenSeq: null });

    // The outbox: one row per resident there is, none for one that is not; a resident whose
    // signed visit was acknowledged is at least at version 2 (registered, then the visit).
    const outbox = new Map(
      (
        raw.prepare(`SELECT entity_id, version FROM sync_outbox WHERE entity = 'person'`).all() as {
          entity_id: string;
          version: number;
        }[]
      ).map((r) => [r.entity_id, r.version]),
    );
    expect([...inDb].filter((id) => !outbox.has(id))).toEqual([]);
    expect([...outbox.keys()].filter((id) => !inDb.has(id))).toEqual([]);
    const signedCount = new Map<string, number>();
    for (const row of raw
      .prepare(`SELECT person_id AS p, count(*) AS n FROM visits WHERE status = 'signed' GROUP BY person_id`)
      .all() as { p: string; n: number }[])
      signedCount.set(row.p, row.n);
    const behind = [...outbox].filter(([id, version]) => version < 1 + (signedCount.get(id) ?? 0));
    expect(behind).toEqual([]);
  } finally {
    after.core.close();
  }
}, 300_000);
