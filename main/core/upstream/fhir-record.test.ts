/**
 * The FHIR mapping of a whole record (parts A–D), judged by the strict test server (R4 structure
 * and every required binding); consent both ways; an edit made while the record is in flight is
 * sent again; a merged-away record is retired upstream.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type {
  AllergyIntolerance,
  Consent,
  Encounter,
  FamilyMemberHistory,
  Immunization,
  Observation,
  Patient,
  Condition,
} from '@medplum/fhirtypes';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { cccdFor, personInput } from '../../../test/helpers/persons.ts';
import { startFhirServer, type FhirServer } from '../../../test/upstream/fhir-server.ts';
import type { RecordResult, UpstreamAdapter } from './adapter.ts';
import { runUpstream } from './engine.ts';
import { FhirAdapter } from './fhir/adapter.ts';
import { SID } from './fhir/systems.ts';

let t: TestCore | undefined;
let server: FhirServer | undefined;
afterEach(async () => {
  t?.close();
  await server?.close();
  t = server = undefined;
});

const fhir = (s: FhirServer, statutory = true) =>
  new FhirAdapter({ baseUrl: s.url, statutory, auth: { kind: 'none' } });

async function fullRecord(tc: TestCore): Promise<{ personId: string; visitId: string }> {
  const p = await tc.ok('persons.create', {
    person: personInput({
      fullName: 'Lê Thị Bình',
      sex: 'F',
      birthDate: '1970',
      identifiers: [
        { kind: 'cccd', value: cccdFor('F', 1970, '654321') },
        { kind: 'bhyt', value: 'GD4010123456789' },
      ],
      phoneMobile: '0912345678',
      email: 'binh@example.vn',
      mother: { name: 'Phạm Thị Mẹ', phone: '' },
      permanentAddress: {
        provinceCode: '01',
        communeCode: '00004',
        village: 'Tổ 5',
        street: 'Số 3 ngõ 7',
        text: '',
      },
    }),
    confirmSimilar: true,
  });
  await tc.ok('upstream.setConsent', { personId: p.id, state: 'given', decidedOn: '2026-12-01' });
  await tc.ok('record.saveHistory', {
    personId: p.id,
    version: 0,
    history: {
      allergies: { drugs: 'Penicillin', chemicals: '', food: 'Tôm', other: '' },
      risks: { smoking: 'quit', alcohol: 'regular', alcoholCupsPerDay: 2 },
      diseases: { codes: [2, 3], other: 'Gout' },
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
          drugs: { what: 'Aspirin', who: 'Anh trai' },
          chemicals: { what: '', who: '' },
          food: { what: '', who: '' },
          other: { what: '', who: '' },
        },
      },
    },
  });
  await tc.ok('immunizations.record', {
    personId: p.id,
    doses: [{ vaccineCode: 'TD', givenOn: '2026-10-02', batch: 'L123', place: 'Trạm Y tế' }],
    confirmed: [],
  });
  const v = await tc.ok('visits.start', { personId: p.id });
  const visit = {
    visitOn: v.visitOn,
    reason: 'Đau đầu',
    vitals: {
      systolic: 150,
      diastolic: 95,
      pulse: 82,
      temperatureC: 36.8,
      respiratoryRate: 18,
      weightKg: 58,
      heightCm: 155,
      waistCm: 84,
    },
    diagnoses: [
      { code: 'I10', name: 'Tăng huyết áp vô căn', main: true },
      { code: 'E11', name: 'Đái tháo đường type 2' },
    ],
    labs: [{ group: 'lab' as const, name: 'Glucose máu', result: '7,2 mmol/L' }],
  };
  let r = await tc.call('visits.sign', { id: v.id, version: v.version, visit, confirmed: [] });
  if (!r.ok) {
    const keys = ((r.error.details as { findings?: { key: string }[] })?.findings ?? []).map((f) => f.key);
    r = await tc.call('visits.sign', { id: v.id, version: v.version, visit, confirmed: keys });
  }
  if (!r.ok) throw new Error(`sign: ${r.error.message}`);
  return { personId: p.id, visitId: v.id };
}

describe('a whole record to the strict FHIR server', () => {
  it('maps every part and each resource is accepted', async () => {
    t = await makeSignedInCore();
    const { personId, visitId } = await fullRecord(t);
    server = await startFhirServer();
    const run = await runUpstream(t.core.ctx, fhir(server), { trigger: 'manual', batchSize: 10 });
    expect(run).toMatchObject({ sent: 1, acknowledged: 1, failed: 0 });
    expect(server.stats.refused).toBe(0);

    const [patient] = await server.resources<Patient>('Patient');
    expect(patient.id).toBe(personId);
    expect(patient.birthDate).toBe('1970');
    expect(patient.gender).toBe('female');
    expect(patient.name?.[0]).toMatchObject({ family: 'Lê', given: ['Thị Bình'] });
    expect(patient.identifier?.map((i) => i.system).sort()).toEqual([SID.bhyt, SID.cccd, SID.local].sort());
    expect(patient.address?.[0].extension?.map((e) => e.valueCoding?.code)).toEqual(['01', '00004']);
    expect(patient.telecom?.map((c) => c.value)).toEqual(['0912345678', 'binh@example.vn']);

    const [enc] = await server.resources<Encounter>('Encounter');
    expect(enc.id).toBe(visitId);
    const obs = await server.resources<Observation>('Observation');
    const loinc = (o: Observation) => o.code.coding?.[0]?.code ?? o.code.text;
    const bp = obs.find((o) => loinc(o) === '85354-9');
    expect(bp?.component?.map((c) => [c.code.coding?.[0]?.code, c.valueQuantity?.value])).toEqual([
      ['8480-6', 150],
      ['8462-4', 95],
    ]);
    expect(obs.map(loinc).sort()).toEqual(
      [
        '85354-9',
        '8867-4',
        '8310-5',
        '9279-1',
        '29463-7',
        '8280-0',
        '8302-2',
        '39156-5',
        'Glucose máu',
        '72166-2',
        '11331-6',
      ].sort(),
    );
    const conditions = await server.resources<Condition>('Condition');
    expect(conditions.flatMap((c) => c.code?.coding?.map((x) => x.code) ?? []).sort()).toEqual([
      'E11',
      'I10',
    ]);
    expect(conditions.filter((c) => c.category?.[0].coding?.[0].code === 'problem-list-item')).toHaveLength(
      3,
    );
    expect((await server.resources<Immunization>('Immunization')).map((i) => i.lotNumber)).toEqual(['L123']);
    expect(
      (await server.resources<AllergyIntolerance>('AllergyIntolerance')).map((a) => a.category?.[0]).sort(),
    ).toEqual(['food', 'medication']);
    expect(await server.resources<FamilyMemberHistory>('FamilyMemberHistory')).toHaveLength(3);
    const [consent] = await server.resources<Consent>('Consent');
    expect(consent).toMatchObject({
      status: 'active',
      provision: { type: 'permit' },
      dateTime: '2026-12-01',
    });
  });

  it('the strict server refuses a resource that breaks a required binding, at the top or nested, and keeps nothing of it', async () => {
    server = await startFhirServer();
    const bad = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          resource: { resourceType: 'Patient', id: '00000000-0000-4000-8000-000000000001', gender: 'M' },
          request: { method: 'PUT', url: 'Patient/00000000-0000-4000-8000-000000000001' },
        },
      ],
    };
    const r = await fetch(server.url, {
      method: 'POST',
      body: JSON.stringify(bad),
      headers: { 'content-type': 'application/fhir+json' },
    });
    expect(r.status).toBe(400);
    expect(JSON.stringify(await r.json())).toMatch(/administrative-gender/);
    const nested = {
      ...bad,
      entry: [
        {
          ...bad.entry[0],
          resource: { ...bad.entry[0].resource, gender: 'male', telecom: [{ system: 'pager2', value: '1' }] },
        },
      ],
    };
    const r2 = await fetch(server.url, {
      method: 'POST',
      body: JSON.stringify(nested),
      headers: { 'content-type': 'application/fhir+json' },
    });
    expect(r2.status).toBe(400);
    expect(await server.resources<Patient>('Patient')).toHaveLength(0);
  });
});

describe('consent to share', () => {
  it('a sharing upstream gets only residents who consented; a statutory one gets everyone', async () => {
    t = await makeSignedInCore();
    const yes = await t.ok('persons.create', {
      person: personInput({ fullName: 'Đồng Ý' }),
      confirmSimilar: true,
    });
    const no = await t.ok('persons.create', {
      person: personInput({ fullName: 'Không Đồng Ý', birthDate: '1980-01-01' }),
      confirmSimilar: true,
    });
    const never = await t.ok('persons.create', {
      person: personInput({ fullName: 'Chưa Hỏi', birthDate: '1990-01-01' }),
      confirmSimilar: true,
    });
    await t.ok('upstream.setConsent', { personId: yes.id, state: 'given', decidedOn: '2026-12-01' });
    await t.ok('upstream.setConsent', { personId: no.id, state: 'refused', decidedOn: '2026-12-01' });
    server = await startFhirServer();
    const sharing = await runUpstream(t.core.ctx, fhir(server, false), { trigger: 'manual', batchSize: 10 });
    expect(sharing).toMatchObject({ sent: 1, acknowledged: 1, skipped: 2 });
    expect((await server.resources<Patient>('Patient')).map((p) => p.id)).toEqual([yes.id]);
    expect((await server.resources<Consent>('Consent')).map((c) => c.status)).toEqual(['active']);
    // Consent given later: the record changed, so it goes at the next run.
    await t.ok('upstream.setConsent', { personId: never.id, state: 'given', decidedOn: '2026-12-02' });
    expect(
      await runUpstream(t.core.ctx, fhir(server, false), { trigger: 'manual', batchSize: 10 }),
    ).toMatchObject({ sent: 1, skipped: 0 });
    expect((await server.resources<Patient>('Patient')).map((p) => p.id).sort()).toEqual(
      [yes.id, never.id].sort(),
    );

    const statutoryServer = await startFhirServer();
    try {
      const all = await runUpstream(
        t.core.ctx,
        {
          ...fhir(statutoryServer, true),
          kind: 'xml831',
          statutory: true,
          send: (r, o) => fhir(statutoryServer, true).send(r, o),
          check: () => fhir(statutoryServer).check(),
        },
        { trigger: 'manual', batchSize: 10 },
      );
      expect(all).toMatchObject({ sent: 3, acknowledged: 3, skipped: 0 });
      const refused = (await statutoryServer.resources<Consent>('Consent')).find(
        (c) => c.patient?.reference === `Patient/${no.id}`,
      );
      expect(refused).toMatchObject({ status: 'rejected', provision: { type: 'deny' } });
    } finally {
      await statutoryServer.close();
    }
  });
});

describe('an edit while the record is in flight', () => {
  it('is sent again after the acknowledgement of the version before it', async () => {
    t = await makeSignedInCore();
    const p = await t.ok('persons.create', {
      person: personInput({ fullName: 'Đang Gửi' }),
      confirmSimilar: true,
    });
    server = await startFhirServer();
    const real = fhir(server);
    let edited = false;
    const slow: UpstreamAdapter = {
      kind: 'fhir',
      statutory: true,
      check: () => real.check(),
      send: async (records, opts): Promise<RecordResult[]> => {
        const out = await real.send(records, opts);
        if (!edited) {
          edited = true;
          // The nurse corrects the name while the first upload is on the wire.
          await t!.ok('persons.update', {
            id: p.id,
            version: 1,
            person: personInput({ fullName: 'Đã Sửa Tên' }),
          });
        }
        return out;
      },
    };
    const first = await runUpstream(t.core.ctx, slow, { trigger: 'manual', batchSize: 10 });
    expect(first).toMatchObject({ sent: 1, acknowledged: 1 });
    expect((await server.resources<Patient>('Patient'))[0].name?.[0].text).toBe('Đang Gửi');
    const status = await t.ok('upstream.status', {});
    expect(status.upstreams.find((u) => u.kind === 'fhir')?.counts.edited).toBe(1);
    const second = await runUpstream(t.core.ctx, real, { trigger: 'manual', batchSize: 10 });
    expect(second).toMatchObject({ sent: 1, acknowledged: 1 });
    const patients = await server.resources<Patient>('Patient');
    expect(patients.map((x) => x.name?.[0].text)).toEqual(['Đã Sửa Tên']);
    expect(await runUpstream(t.core.ctx, real, { trigger: 'manual', batchSize: 10 })).toMatchObject({
      sent: 0,
    });
  });
});
