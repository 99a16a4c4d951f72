/**
 * Nothing lost, nothing twice, with the power cut at any moment: `hssk sync run` (a real child
 * process, the CLI's own dispatcher and database connection) is SIGKILLed at random moments at
 * least 20 times while it uploads to the FHIR test server, then a last run is let finish. Every
 * record ends acknowledged at its current version, and the server holds exactly the resources the
 * records map to — each once.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UpstreamSettingsInput } from '#contract/ops/upstream.ts';
import type { Resource } from '@medplum/fhirtypes';
import { makeTestCore, type TestCore } from '../../../test/helpers/core.ts';
import { startFhirServer, type FhirServer } from '../../../test/upstream/fhir-server.ts';
import { seedStation } from '../seed/seed-station.ts';
import { transactionsFor } from './fhir/mapping.ts';
import { saveSettings } from './settings.ts';
import { loadRecordSnapshot } from './snapshot.ts';

let t: TestCore | undefined;
let server: FhirServer | undefined;
afterEach(async () => {
  t?.close();
  await server?.close();
  t = server = undefined;
});

const ROOT = join(import.meta.dirname, '../../..');

function syncOnce(
  dir: string,
  killAfterMs: number | null,
): Promise<{ killed: boolean; code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'main/hosts/cli/hssk.ts'), 'sync', 'run', '--data', dir, '--json'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    let killed = false;
    const timer =
      killAfterMs === null
        ? null
        : setTimeout(() => {
            killed = child.kill('SIGKILL');
          }, killAfterMs);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ killed: killed && code === null, code, out });
    });
  });
}

describe('a sync killed at random moments', () => {
  it(
    'resumes after ≥ 20 SIGKILLs and ends with exact counts and no duplicates',
    { timeout: 600_000 },
    async () => {
      t = makeTestCore();
      const ctx = t.core.ctx;
      await seedStation(ctx, { persons: 120, years: 3 });
      // Slow enough that a run spans the kills: each transaction waits 15 ms at the server.
      server = await startFhirServer({ faults: 'latency=15' });
      saveSettings(
        ctx,
        { userId: 'test', username: 'test' },
        UpstreamSettingsInput.parse({
          fhir: { enabled: true, statutory: true, url: server.url },
          schedule: { batchSize: 10 },
        }),
      );
      // What the server must hold in the end: every resource of every record, once.
      const expected = new Set<string>();
      const ids = ctx.store.raw.prepare('SELECT id FROM persons').pluck().all() as string[];
      for (const id of ids)
        for (const tx of transactionsFor(loadRecordSnapshot(ctx, id)))
          for (const e of tx.entry) expected.add(e.request?.url ?? '');
      const dir = t.dir;
      t.core.close();
      const reopen = () => makeTestCore({ dataDir: dir });

      let kills = 0;
      let attempts = 0;
      // Random moments: from before the database is open to deep inside the upload.
      while (kills < 20 && attempts < 60) {
        attempts += 1;
        const r = await syncOnce(dir, 150 + Math.floor(Math.random() * 2500));
        if (r.killed) kills += 1;
        else if (r.code !== 0) throw new Error(`sync run failed: ${r.out}`);
      }
      expect(kills).toBeGreaterThanOrEqual(20);
      const last = await syncOnce(dir, null);
      expect(last.code, last.out).toBe(0);

      const held = new Map<string, number>();
      for (const type of [
        'Patient',
        'Encounter',
        'Observation',
        'Condition',
        'Immunization',
        'AllergyIntolerance',
        'FamilyMemberHistory',
        'Consent',
      ])
        for (const r of await server.resources<Resource>(type as Resource['resourceType'])) {
          const key = `${r.resourceType}/${r.id ?? ''}`;
          held.set(key, (held.get(key) ?? 0) + 1);
        }
      expect([...held.values()].filter((n) => n > 1)).toEqual([]);
      expect([...held.keys()].sort()).toEqual([...expected].sort());

      const after = reopen();
      try {
        const raw = after.core.ctx.store.raw;
        expect(
          raw
            .prepare(
              `SELECT count(*) FROM sync_deliveries WHERE upstream = 'fhir' AND state = 'acknowledged'`,
            )
            .pluck()
            .get(),
        ).toBe(ids.length);
        expect(
          raw
            .prepare(
              `SELECT count(*) FROM sync_outbox o JOIN sync_deliveries d ON d.person_id = o.entity_id WHERE d.acked_version <> o.version`,
            )
            .pluck()
            .get(),
        ).toBe(0);
        // The runs the kills cut short are closed as interrupted, not left "running".
        expect(raw.prepare(`SELECT count(*) FROM sync_runs WHERE status = 'running'`).pluck().get()).toBe(0);
      } finally {
        after.core.close();
      }
    },
  );
});
