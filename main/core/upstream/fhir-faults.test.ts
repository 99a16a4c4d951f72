/**
 * Every fault of the matrix ends in success with exact counts upstream: no record lost, none
 * created twice, none counted as sent without an acknowledgement. The run waits out each record's
 * back-off (short here) within itself; a second run finds nothing to send.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Encounter, Patient } from '@medplum/fhirtypes';
import { makeTestCore, type TestCore } from '../../../test/helpers/core.ts';
import {
  startFhirServer,
  type FhirServer,
  type FhirServerOptions,
} from '../../../test/upstream/fhir-server.ts';
import { seedStation } from '../seed/seed-station.ts';
import { runUpstream } from './engine.ts';
import { FhirAdapter } from './fhir/adapter.ts';
import type { FhirAuthConfig } from './fhir/auth.ts';

let t: TestCore | undefined;
let server: FhirServer | undefined;
afterEach(async () => {
  t?.close();
  await server?.close();
  t = server = undefined;
});

const PERSONS = 12;

async function station(): Promise<TestCore> {
  const tc = makeTestCore();
  await seedStation(tc.core.ctx, { persons: PERSONS, years: 1 });
  return tc;
}

async function healsUnder(
  faults: string,
  opts: Partial<FhirServerOptions> = {},
  auth?: (s: FhirServer) => FhirAuthConfig,
) {
  t = await station();
  server = await startFhirServer({ faults, ...opts });
  const adapter = new FhirAdapter({
    baseUrl: server.url,
    statutory: true,
    auth: auth ? auth(server) : { kind: 'none' },
    timeoutMs: 10_000,
  });
  const run = await runUpstream(t.core.ctx, adapter, {
    trigger: 'manual',
    batchSize: 5,
    maxWaitMs: 30_000,
    backoff: { baseMs: 20, maxMs: 200 },
  });
  const visits = t.core.ctx.store.raw
    .prepare(`SELECT count(*) FROM visits WHERE status = 'signed'`)
    .pluck()
    .get();
  expect(run.acknowledged).toBe(PERSONS);
  expect(run.failed).toBe(0);
  expect(run.status).toBe('done');
  expect((await server.resources<Patient>('Patient')).length).toBe(PERSONS);
  expect((await server.resources<Encounter>('Encounter')).length).toBe(visits);
  const states = t.core.ctx.store.raw
    .prepare(`SELECT state, count(*) AS n FROM sync_deliveries GROUP BY state`)
    .all();
  expect(states).toEqual([{ state: 'acknowledged', n: PERSONS }]);
  const again = await runUpstream(t.core.ctx, adapter, { trigger: 'manual', batchSize: 5 });
  expect(again.sent).toBe(0);
  expect((await server.resources<Patient>('Patient')).length).toBe(PERSONS);
  return { run, server };
}

describe('faults at the FHIR upstream end in exact counts', () => {
  it.each([
    ['latency=30', 0],
    ['503=3,retry-after=1', 3],
    ['500=2', 2],
    ['502=1', 1],
    ['429=3', 3],
    ['reset=3', 3],
    ['drip=2', 0],
    ['dup=4', 0],
    ['html=2', 2],
    ['ok-error=2', 2],
  ])('%s', async (spec, retried) => {
    const { run, server: s } = await healsUnder(spec);
    // Each fault costs its record one more send, no more (a duplicated delivery costs nothing).
    expect(run.sent).toBe(PERSONS + retried);
    expect(Object.values(s.stats.faults).reduce((a, b) => a + b, 0)).toBe(
      spec.startsWith('latency') ? 0 : Number(spec.split('=')[1].split(',')[0]),
    );
  });

  it('an expired token: a new token is fetched and the transaction sent again (client credentials)', async () => {
    const { run, server: s } = await healsUnder(
      'expire=2',
      { auth: { clientId: 'tram-01043', clientSecret: 's3cret' } },
      (srv) => ({
        kind: 'client-credentials',
        tokenUrl: srv.tokenUrl,
        clientId: 'tram-01043',
        clientSecret: 's3cret',
        scope: 'system/*.write',
      }),
    );
    expect(run.sent).toBe(PERSONS);
    expect(s.stats.faults.expire).toBe(2);
  });

  it('SMART Backend Services: a signed JWT assertion is accepted for a token', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await healsUnder(
      '',
      {
        auth: {
          clientId: 'tram-01043',
          publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        },
      },
      (srv) => ({
        kind: 'smart-backend',
        tokenUrl: srv.tokenUrl,
        clientId: 'tram-01043',
        privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        keyId: 'k1',
        scope: 'system/*.write',
      }),
    );
  });

  it('a wrong client secret: nothing is marked sent, each record waits with a Vietnamese reason', async () => {
    t = await station();
    server = await startFhirServer({ auth: { clientId: 'tram', clientSecret: 'right' } });
    const adapter = new FhirAdapter({
      baseUrl: server.url,
      statutory: true,
      auth: {
        kind: 'client-credentials',
        tokenUrl: server.tokenUrl,
        clientId: 'tram',
        clientSecret: 'wrong',
        scope: '',
      },
    });
    const run = await runUpstream(t.core.ctx, adapter, { trigger: 'manual', batchSize: 5 });
    expect(run).toMatchObject({ acknowledged: 0, failed: 0 });
    const msgs = t.core.ctx.store.raw
      .prepare(`SELECT DISTINCT last_error_message FROM sync_deliveries`)
      .pluck()
      .all();
    expect(msgs).toEqual([expect.stringMatching(/từ chối đăng nhập/)]);
    expect(await server.resources<Patient>('Patient')).toHaveLength(0);
  });

  it('offline: the run stops at the first batch instead of walking the backlog', async () => {
    t = await station();
    const adapter = new FhirAdapter({
      baseUrl: 'http://127.0.0.1:9/fhir/R4',
      statutory: true,
      auth: { kind: 'none' },
    });
    const run = await runUpstream(t.core.ctx, adapter, { trigger: 'schedule', batchSize: 5 });
    expect(run).toMatchObject({ status: 'offline', sent: 5, acknowledged: 0 });
    const next = t.core.ctx.store.raw
      .prepare(`SELECT count(*) FROM sync_deliveries WHERE next_attempt_at > ?`)
      .pluck()
      .get(new Date().toISOString());
    expect(next).toBe(5);
  });
});
