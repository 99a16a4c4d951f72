import { afterEach, describe, expect, it } from 'vitest';
import type { Patient, Resource } from '@medplum/fhirtypes';
import { makeTestCore, type TestCore } from '../../../test/helpers/core.ts';
import { startFhirServer, type FhirServer } from '../../../test/upstream/fhir-server.ts';
import { seedStation } from '../seed/seed-station.ts';
import { runUpstream } from './engine.ts';
import { FhirAdapter } from './fhir/adapter.ts';

let t: TestCore | undefined;
let server: FhirServer | undefined;
afterEach(async () => {
  t?.close();
  await server?.close();
  t = server = undefined;
});

const TYPES = [
  'Patient',
  'Encounter',
  'Observation',
  'Condition',
  'Immunization',
  'AllergyIntolerance',
  'FamilyMemberHistory',
  'Consent',
] as const;

async function census(s: FhirServer): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const type of TYPES) out[type] = (await s.resources<Resource>(type)).length;
  return out;
}

describe('FHIR upload of a seeded commune to the strict test server', () => {
  it('sends every record, each accepted; a second run sends nothing and creates nothing', async () => {
    t = makeTestCore();
    await seedStation(t.core.ctx, { persons: 40, years: 3 });
    server = await startFhirServer();
    const adapter = new FhirAdapter({ baseUrl: server.url, statutory: true, auth: { kind: 'none' } });
    const first = await runUpstream(t.core.ctx, adapter, { trigger: 'cli', batchSize: 10 });
    const failures = t.core.ctx.store.raw
      .prepare(`SELECT last_error_message FROM sync_deliveries WHERE state <> 'acknowledged'`)
      .pluck()
      .all();
    expect(failures).toEqual([]);
    const persons = t.core.ctx.store.raw.prepare('SELECT count(*) FROM persons').pluck().get() as number;
    expect(first).toMatchObject({ sent: persons, acknowledged: persons, failed: 0, status: 'done' });
    const after1 = await census(server);
    expect(after1.Patient).toBe(persons);
    // Every answer came back without the records echoed in it (the station's line is slow).
    expect(server.stats.minimal).toBe(server.stats.transactions);
    expect(server.stats.transactions).toBeGreaterThanOrEqual(persons);
    const second = await runUpstream(t.core.ctx, adapter, { trigger: 'cli', batchSize: 10 });
    expect(second).toMatchObject({ sent: 0, acknowledged: 0 });
    expect(await census(server)).toEqual(after1);
    const p = (await server.resources<Patient>('Patient'))[0];
    expect(p.identifier?.[0]?.system).toBe('urn:hssk-tram:person');
  });
});
