/**
 * What a later edit removes from a record is removed upstream, and nothing else: a deleted dose, a
 * diagnosis and a lab result corrected away by an amendment, an allergy and a family-history row
 * cleared. FHIR (the strict test server) is told to delete exactly those resources; the provincial
 * 831 XML carries the whole record, so the next document simply no longer has them. A merge retires
 * the merged-away record. Every run here goes through the engine and its payload worker.
 */
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Patient, Resource, ResourceType } from '@medplum/fhirtypes';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { cccdFor, personInput } from '../../../test/helpers/persons.ts';
import { startFhirServer, type FhirServer } from '../../../test/upstream/fhir-server.ts';
import { makeTestPki, type TestPki } from '../../../test/upstream/xml831-certs.ts';
import { startXml831Receiver, type Xml831Receiver } from '../../../test/upstream/xml831-receiver.ts';
import { runUpstream } from './engine.ts';
import { FhirAdapter } from './fhir/adapter.ts';
import { createXml831Adapter } from './xml831/adapter.ts';

let t: TestCore | undefined;
let server: FhirServer | undefined;
let receiver: Xml831Receiver | undefined;
let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});
afterEach(async () => {
  t?.close();
  await server?.close();
  await receiver?.close();
  t = server = receiver = undefined;
});

const HISTORY = {
  allergies: { drugs: 'Penicillin', chemicals: '', food: 'Tôm', other: '' },
  risks: { smoking: 'no' as const, alcohol: 'no' as const, alcoholCupsPerDay: null },
  diseases: { codes: [] as number[], other: '' },
  family: {
    diseases: {
      cardio: '',
      hypertension: 'Bố',
      mental: '',
      asthma: '',
      diabetes: 'Mẹ',
      epilepsy: '',
      cancer: '',
      tuberculosis: '',
      other: '',
    },
    allergies: {
      drugs: { what: '', who: '' },
      chemicals: { what: '', who: '' },
      food: { what: '', who: '' },
      other: { what: '', who: '' },
    },
  },
};

const VISIT = {
  reason: 'Khám định kỳ',
  vitals: { systolic: 150, diastolic: 95, pulse: 80 },
  diagnoses: [
    { code: 'I10', name: 'Tăng huyết áp vô căn', main: true },
    { code: 'E11', name: 'Đái tháo đường type 2' },
  ],
  labs: [
    { group: 'lab' as const, name: 'Glucose máu', result: '7,2 mmol/L' },
    { group: 'lab' as const, name: 'Cholesterol', result: '5,9 mmol/L' },
  ],
};

/** A resident with two doses, part B, and a signed visit with two diagnoses and two lab results. */
async function record(tc: TestCore) {
  const p = await tc.ok('persons.create', {
    person: personInput({
      fullName: 'Trần Văn Xoá',
      sex: 'M',
      birthDate: '1965',
      identifiers: [{ kind: 'cccd', value: cccdFor('M', 1965, '777001') }],
    }),
    confirmSimilar: true,
  });
  const history = await tc.ok('record.saveHistory', { personId: p.id, version: 0, history: HISTORY });
  const doses = await tc.ok('immunizations.record', {
    personId: p.id,
    doses: [
      { vaccineCode: 'TD', givenOn: '2026-01-05', batch: 'A1', place: 'Trạm Y tế' },
      { vaccineCode: 'TD', givenOn: '2026-02-09', batch: 'A2', place: 'Trạm Y tế' },
    ],
    confirmed: [],
  });
  const v = await tc.ok('visits.start', { personId: p.id });
  const visit = { visitOn: v.visitOn, ...VISIT };
  let r = await tc.call('visits.sign', { id: v.id, version: v.version, visit, confirmed: [] });
  if (!r.ok) {
    const keys = ((r.error.details as { findings?: { key: string }[] })?.findings ?? []).map((f) => f.key);
    r = await tc.call('visits.sign', { id: v.id, version: v.version, visit, confirmed: keys });
  }
  if (!r.ok) throw new Error(`sign: ${r.error.message}`);
  return { personId: p.id, historyVersion: history.version, doses, visit: r.value };
}

/** The later edits: one dose deleted, one diagnosis and one lab corrected away, an allergy and a family row cleared. */
async function removeSome(tc: TestCore, rec: Awaited<ReturnType<typeof record>>) {
  await tc.ok('immunizations.remove', { id: rec.doses[0].id, reason: 'Ghi nhầm người' });
  await tc.ok('record.saveHistory', {
    personId: rec.personId,
    version: rec.historyVersion,
    history: {
      ...HISTORY,
      allergies: { ...HISTORY.allergies, food: '' },
      family: { ...HISTORY.family, diseases: { ...HISTORY.family.diseases, diabetes: '' } },
    },
  });
  const amended = {
    visitOn: rec.visit.visitOn,
    ...VISIT,
    diagnoses: [VISIT.diagnoses[0]],
    labs: [VISIT.labs[1]],
  };
  let r = await tc.call('visits.amend', {
    id: rec.visit.id,
    version: rec.visit.version,
    visit: amended,
    reason: 'Sửa chẩn đoán',
    confirmed: [],
  });
  if (!r.ok) {
    const keys = ((r.error.details as { findings?: { key: string }[] })?.findings ?? []).map((f) => f.key);
    r = await tc.call('visits.amend', {
      id: rec.visit.id,
      version: rec.visit.version,
      visit: amended,
      reason: 'Sửa chẩn đoán',
      confirmed: keys,
    });
  }
  if (!r.ok) throw new Error(`amend: ${r.error.message}`);
}

const TYPES: ResourceType[] = [
  'Patient',
  'Immunization',
  'AllergyIntolerance',
  'FamilyMemberHistory',
  'Condition',
  'Observation',
  'Encounter',
];

async function held(s: FhirServer): Promise<Map<string, Resource>> {
  const out = new Map<string, Resource>();
  for (const type of TYPES)
    for (const r of await s.resources<Resource>(type)) out.set(`${r.resourceType}/${r.id}`, r);
  return out;
}

const text = (r: Resource) => JSON.stringify(r);

// Each test signs a record, starts a test upstream and runs the engine two or three times (worker
// thread included): a few seconds alone, more on a loaded CI machine.
describe('what a later edit removes is removed upstream', { timeout: 60_000 }, () => {
  it('FHIR: exactly the removed dose, diagnosis, lab result, allergy and family row are deleted', async () => {
    t = await makeSignedInCore();
    const rec = await record(t);
    server = await startFhirServer();
    const fhir = new FhirAdapter({ baseUrl: server.url, statutory: true, auth: { kind: 'none' } });
    expect(
      await runUpstream(t.core.ctx, fhir, { trigger: 'manual', batchSize: 10, payloads: 'worker' }),
    ).toMatchObject({
      acknowledged: 1,
    });
    const before = await held(server);
    expect(before.has(`Immunization/${rec.doses[0].id}`)).toBe(true);

    await removeSome(t, rec);
    expect(
      await runUpstream(t.core.ctx, fhir, { trigger: 'manual', batchSize: 10, payloads: 'worker' }),
    ).toMatchObject({
      sent: 1,
      acknowledged: 1,
      failed: 0,
    });
    const after = await held(server);
    const gone = [...before.keys()].filter((k) => !after.has(k));
    expect(gone).toHaveLength(5);
    expect(gone).toContain(`Immunization/${rec.doses[0].id}`);
    // Lab results and diagnoses are numbered within their visit: the one left takes the first
    // number (updated in place) and the last number's resource is deleted.
    expect(gone.map((k) => k.split('/')[0]).sort()).toEqual([
      'AllergyIntolerance',
      'Condition',
      'FamilyMemberHistory',
      'Immunization',
      'Observation',
    ]);
    // Nothing else went, nothing new came.
    expect([...after.keys()].filter((k) => !before.has(k))).toEqual([]);
    const kept = [...after.values()].map(text).join('\n');
    for (const what of ['Penicillin', 'Cholesterol', 'Tăng huyết áp vô căn', rec.doses[1].id])
      expect(kept).toContain(what);
    for (const what of ['Tôm', 'Glucose máu', 'Đái tháo đường type 2']) expect(kept).not.toContain(what);

    // A crash after the deletes reached the server but before the answer was recorded: the
    // re-send deletes them again, and what is already gone counts as done.
    t.core.ctx.store.raw
      .prepare(
        `UPDATE sync_deliveries SET acked_version = acked_version - 1, sent_refs = ? WHERE upstream = 'fhir'`,
      )
      .run([...before.keys()].join('\n'));
    expect(
      await runUpstream(t.core.ctx, fhir, { trigger: 'manual', batchSize: 10, payloads: 'worker' }),
    ).toMatchObject({
      sent: 1,
      acknowledged: 1,
      failed: 0,
    });
    expect([...(await held(server)).keys()].sort()).toEqual([...after.keys()].sort());
    expect(
      await runUpstream(t.core.ctx, fhir, { trigger: 'manual', batchSize: 10, payloads: 'worker' }),
    ).toMatchObject({
      sent: 0,
    });
  });

  it('831 XML: each document is the whole record, so the removed items are not in what the province holds', async () => {
    t = await makeSignedInCore();
    const rec = await record(t);
    const ORG = '38152';
    receiver = await startXml831Receiver({
      accounts: [{ username: 'tram', password: 'mk', orgCode: ORG, certificatePem: pki.stationCertPem }],
    });
    const xml = createXml831Adapter(
      {
        url: receiver.url,
        senderCode: ORG,
        senderName: 'Trạm Y tế xã',
        username: 'tram',
        password: 'mk',
        pkcs12: pki.p12,
        pkcs12Password: pki.password,
        statutory: true,
      },
      { resourcesDir: join(import.meta.dirname, '../../../resources'), timeoutMs: 5000 },
    );
    expect(
      await runUpstream(t.core.ctx, xml, { trigger: 'manual', batchSize: 10, payloads: 'worker' }),
    ).toMatchObject({
      acknowledged: 1,
    });
    expect(receiver.records.size).toBe(1);
    const first = [...receiver.records.values()][0].xml;
    for (const what of ['05/01/2026', '09/02/2026', 'Tôm', 'Glucose máu', '>E11<'])
      expect(first).toContain(what);

    await removeSome(t, rec);
    expect(
      await runUpstream(t.core.ctx, xml, { trigger: 'manual', batchSize: 10, payloads: 'worker' }),
    ).toMatchObject({
      acknowledged: 1,
    });
    expect(receiver.records.size).toBe(1);
    const now = [...receiver.records.values()][0].xml;
    expect(now.match(/<THONGTINMUITIEM>/g)).toHaveLength(1);
    for (const what of ['09/02/2026', 'Penicillin', 'Cholesterol', '>I10<']) expect(now).toContain(what);
    for (const what of ['05/01/2026', 'Tôm', 'Glucose máu', '>E11<']) expect(now).not.toContain(what);
  });

  it('a merge retires the merged-away record upstream: inactive, replaced by the survivor; no second Patient', async () => {
    t = await makeSignedInCore();
    const survivor = await t.ok('persons.create', {
      person: personInput({ fullName: 'Nguyễn Văn Gộp', birthDate: '1980-03-04' }),
      confirmSimilar: true,
    });
    const dup = await t.ok('persons.create', {
      person: personInput({ fullName: 'Nguyễn Văn Gộp', birthDate: '1980-03-04', phoneMobile: '0911222333' }),
      confirmSimilar: true,
    });
    server = await startFhirServer();
    const fhir = new FhirAdapter({ baseUrl: server.url, statutory: true, auth: { kind: 'none' } });
    await runUpstream(t.core.ctx, fhir, { trigger: 'manual', batchSize: 10, payloads: 'worker' });
    expect(await server.resources<Patient>('Patient')).toHaveLength(2);

    await t.ok('persons.merge', { survivorId: survivor.id, mergedId: dup.id });
    expect(
      await runUpstream(t.core.ctx, fhir, { trigger: 'manual', batchSize: 10, payloads: 'worker' }),
    ).toMatchObject({
      sent: 2,
      acknowledged: 2,
    });
    const patients = await server.resources<Patient>('Patient');
    expect(patients).toHaveLength(2);
    const retired = patients.find((p) => p.id === dup.id);
    expect(retired).toMatchObject({
      active: false,
      link: [{ other: { reference: `Patient/${survivor.id}` }, type: 'replaced-by' }],
    });
    expect(patients.find((p) => p.id === survivor.id)).toMatchObject({
      active: true,
      link: [{ other: { reference: `Patient/${dup.id}` }, type: 'replaces' }],
    });
  });
});
