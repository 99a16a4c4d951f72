import type {
  Address as FhirAddress,
  AllergyIntolerance,
  BundleEntry,
  Condition,
  Consent,
  ContactPoint,
  Encounter,
  FamilyMemberHistory,
  Identifier,
  Immunization,
  Observation,
  Patient,
  Resource,
} from '@medplum/fhirtypes';
import type { Address } from '#contract/ops/persons.ts';
import { ALLERGY_KINDS, FAMILY_DISEASES, HISTORY_DISEASES, type VisitRecord } from '#contract/ops/record.ts';
import type { RecordData, RecordSnapshot } from '../snapshot.ts';
import { derivedId } from './ids.ts';
import { CS, SID } from './systems.ts';

/**
 * One resident's record as FHIR R4 resources, each with an id that is ours (the record's UUIDs, or
 * derived from them): the transaction PUTs every one, so a re-send updates and never duplicates.
 *
 * Part A → Patient (+ Consent); B → AllergyIntolerance, FamilyMemberHistory, Condition
 * (problem list), social-history Observations (smoking, alcohol); C → Immunization; D → Encounter
 * with vital-sign Observations (LOINC), Conditions (ICD-10) and lab/imaging Observations.
 * What is not sent is listed in the README ("What is sent (FHIR)").
 */
type Res = Resource & { id: string };

const ref = (type: string, id: string) => ({ reference: `${type}/${id}` });

function identifiers(d: RecordData): Identifier[] {
  const out: Identifier[] = [{ use: 'usual', system: SID.local, value: d.person.id }];
  for (const id of d.person.identifiers) {
    const system = SID[id.kind as keyof typeof SID];
    if (!system || !id.value) continue;
    out.push({
      use: 'official',
      system,
      value: id.value,
      ...(id.validFrom || id.validTo
        ? {
            period: {
              ...(id.validFrom ? { start: id.validFrom } : {}),
              ...(id.validTo ? { end: id.validTo } : {}),
            },
          }
        : {}),
    });
  }
  return out;
}

function address(a: Address, use: 'home' | 'temp', line: string): FhirAddress | null {
  if (!a.text && !a.communeCode && !a.provinceCode && !a.village && !a.street) return null;
  const ext = [
    ...(a.provinceCode
      ? [{ url: CS.extProvince, valueCoding: { system: CS.province2025, code: a.provinceCode } }]
      : []),
    ...(a.communeCode
      ? [{ url: CS.extCommune, valueCoding: { system: CS.commune2025, code: a.communeCode } }]
      : []),
  ];
  const lines = [a.street, a.village].filter(Boolean);
  return {
    use,
    type: 'physical',
    text: line || a.text,
    ...(lines.length ? { line: lines } : {}),
    country: 'VN',
    ...(ext.length ? { extension: ext } : {}),
  };
}

/** Vietnamese names are family name first: "Nguyễn Văn An" → family Nguyễn, given Văn An. */
function humanName(full: string) {
  const parts = full.trim().split(/\s+/);
  return parts.length > 1
    ? { use: 'official' as const, text: full, family: parts[0], given: [parts.slice(1).join(' ')] }
    : { use: 'official' as const, text: full };
}

export function patientOf(d: RecordData): Patient & { id: string } {
  const p = d.person;
  const telecom: ContactPoint[] = [
    ...(p.phoneMobile ? [{ system: 'phone' as const, use: 'mobile' as const, value: p.phoneMobile }] : []),
    ...(p.phoneLandline ? [{ system: 'phone' as const, use: 'home' as const, value: p.phoneLandline }] : []),
    ...(p.email ? [{ system: 'email' as const, value: p.email }] : []),
  ];
  const addresses = [
    address(p.permanentAddress, 'home', p.addressLines.permanent),
    address(p.currentAddress, 'temp', p.addressLines.current),
  ].filter((a): a is FhirAddress => a !== null);
  const contacts = [
    { who: p.mother, rel: 'MTH', text: 'Mẹ' },
    { who: p.father, rel: 'FTH', text: 'Bố' },
    { who: p.caregiver, rel: 'GUARD', text: 'Người chăm sóc' },
  ].filter((c) => c.who.name);
  return {
    resourceType: 'Patient',
    id: p.id,
    identifier: identifiers(d),
    active: p.status === 'active',
    name: [humanName(p.fullName)],
    gender: p.sex === 'M' ? 'male' : 'female',
    // FHIR dates may be a year alone: an older resident whose birth day nobody knows stays "1948".
    birthDate: p.birthDate,
    ...(p.status === 'deceased'
      ? p.statusDate
        ? { deceasedDateTime: p.statusDate }
        : { deceasedBoolean: true }
      : {}),
    ...(telecom.length ? { telecom } : {}),
    ...(addresses.length ? { address: addresses } : {}),
    ...(contacts.length
      ? {
          contact: contacts.map((c) => ({
            relationship: [{ coding: [{ system: CS.roleCode, code: c.rel }], text: c.text }],
            name: { text: c.who.name },
            ...(c.who.phone ? { telecom: [{ system: 'phone' as const, value: c.who.phone }] } : {}),
          })),
        }
      : {}),
    ...(d.mergedAwayIds.length
      ? { link: d.mergedAwayIds.map((id) => ({ other: ref('Patient', id), type: 'replaces' as const })) }
      : {}),
  };
}

const VITALS: readonly {
  key: 'pulse' | 'temperatureC' | 'respiratoryRate' | 'weightKg' | 'waistCm';
  loinc: string;
  display: string;
  unit: string;
  ucum: string;
}[] = [
  { key: 'pulse', loinc: '8867-4', display: 'Heart rate', unit: 'lần/phút', ucum: '/min' },
  { key: 'temperatureC', loinc: '8310-5', display: 'Body temperature', unit: '°C', ucum: 'Cel' },
  { key: 'respiratoryRate', loinc: '9279-1', display: 'Respiratory rate', unit: 'lần/phút', ucum: '/min' },
  { key: 'weightKg', loinc: '29463-7', display: 'Body weight', unit: 'kg', ucum: 'kg' },
  {
    key: 'waistCm',
    loinc: '8280-0',
    display: 'Waist Circumference at umbilicus by Tape measure',
    unit: 'cm',
    ucum: 'cm',
  },
];

const category = (code: string, display: string) => [{ coding: [{ system: CS.obsCategory, code, display }] }];

function quantity(value: number, unit: string, ucum: string) {
  return { value, unit, system: CS.ucum, code: ucum };
}

function visitResources(patientId: string, v: VisitRecord): Res[] {
  const out: Res[] = [];
  const encounter: Encounter & { id: string } = {
    resourceType: 'Encounter',
    id: v.id,
    status: 'finished',
    class: { system: CS.actCode, code: 'AMB', display: 'ambulatory' },
    subject: ref('Patient', patientId),
    period: { start: v.visitOn, end: v.visitOn },
    ...(v.reason ? { reasonCode: [{ text: v.reason }] } : {}),
    ...(v.examiner.name ? { participant: [{ individual: { display: v.examiner.name } }] } : {}),
    // The main diagnosis ranks first, as the 831 form and the reports read it.
    ...(v.diagnoses.length
      ? {
          diagnosis: v.diagnoses.map((d, i) => ({
            condition: ref('Condition', derivedId(v.id, `dx:${i}`)),
            rank: d.main ? 1 : i + 2,
          })),
        }
      : {}),
  };
  out.push(encounter);
  const base = (role: string) => ({
    resourceType: 'Observation' as const,
    id: derivedId(v.id, role),
    status: 'final' as const,
    subject: ref('Patient', patientId),
    encounter: ref('Encounter', v.id),
    effectiveDateTime: v.visitOn,
  });
  const vs = category('vital-signs', 'Vital Signs');
  const vit = v.vitals;
  if (vit.systolic !== null || vit.diastolic !== null) {
    const bp: Observation & { id: string } = {
      ...base('bp'),
      category: vs,
      code: {
        coding: [
          { system: CS.loinc, code: '85354-9', display: 'Blood pressure panel with all children optional' },
        ],
        text: 'Huyết áp',
      },
      component: [
        ...(vit.systolic !== null
          ? [
              {
                code: { coding: [{ system: CS.loinc, code: '8480-6', display: 'Systolic blood pressure' }] },
                valueQuantity: quantity(vit.systolic, 'mmHg', 'mm[Hg]'),
              },
            ]
          : []),
        ...(vit.diastolic !== null
          ? [
              {
                code: { coding: [{ system: CS.loinc, code: '8462-4', display: 'Diastolic blood pressure' }] },
                valueQuantity: quantity(vit.diastolic, 'mmHg', 'mm[Hg]'),
              },
            ]
          : []),
      ],
    };
    out.push(bp);
  }
  for (const def of VITALS) {
    const value = vit[def.key];
    if (value === null) continue;
    out.push({
      ...base(def.key),
      category: vs,
      code: { coding: [{ system: CS.loinc, code: def.loinc, display: def.display }] },
      valueQuantity: quantity(value, def.unit, def.ucum),
    } satisfies Observation);
  }
  if (vit.heightCm !== null) {
    // A child under two measured lying has a length (8306-3), anyone else a height (8302-2).
    const lying = vit.position === 'lying';
    out.push({
      ...base('heightCm'),
      category: vs,
      code: {
        coding: [
          lying
            ? { system: CS.loinc, code: '8306-3', display: 'Body height --lying' }
            : { system: CS.loinc, code: '8302-2', display: 'Body height' },
        ],
      },
      valueQuantity: quantity(vit.heightCm, 'cm', 'cm'),
    } satisfies Observation);
  }
  if (v.derived.bmi !== null) {
    out.push({
      ...base('bmi'),
      category: vs,
      code: { coding: [{ system: CS.loinc, code: '39156-5', display: 'Body mass index (BMI) [Ratio]' }] },
      valueQuantity: quantity(v.derived.bmi, 'kg/m2', 'kg/m2'),
    } satisfies Observation);
  }
  v.diagnoses.forEach((d, i) => {
    out.push({
      resourceType: 'Condition',
      id: derivedId(v.id, `dx:${i}`),
      clinicalStatus: { coding: [{ system: CS.conditionClinical, code: 'active' }] },
      category: [
        {
          coding: [
            { system: CS.conditionCategory, code: 'encounter-diagnosis', display: 'Encounter Diagnosis' },
          ],
        },
      ],
      code: {
        ...(d.code ? { coding: [{ system: CS.icd10, code: d.code, display: d.name }] } : {}),
        text: d.name,
      },
      subject: ref('Patient', patientId),
      encounter: ref('Encounter', v.id),
      recordedDate: v.visitOn,
      ...(d.note ? { note: [{ text: d.note }] } : {}),
    } satisfies Condition);
  });
  v.labs.forEach((l, i) => {
    out.push({
      ...base(`lab:${i}`),
      category: l.group === 'imaging' ? category('imaging', 'Imaging') : category('laboratory', 'Laboratory'),
      code: { text: l.name },
      ...(l.result ? { valueString: l.result } : { dataAbsentReason: { text: 'Chưa có kết quả' } }),
    } satisfies Observation);
  });
  return out;
}

const ALLERGY_CATEGORY: Record<(typeof ALLERGY_KINDS)[number], AllergyIntolerance['category']> = {
  drugs: ['medication'],
  chemicals: ['environment'],
  food: ['food'],
  other: undefined,
};

const ALLERGY_TEXT: Record<(typeof ALLERGY_KINDS)[number], string> = {
  drugs: 'Dị ứng thuốc',
  chemicals: 'Dị ứng hoá chất, mỹ phẩm',
  food: 'Dị ứng thực phẩm',
  other: 'Dị ứng khác',
};

const FAMILY_TEXT: Record<(typeof FAMILY_DISEASES)[number], string> = {
  cardio: 'Tim mạch',
  hypertension: 'Tăng huyết áp',
  mental: 'Tâm thần',
  asthma: 'Hen suyễn',
  diabetes: 'Đái tháo đường',
  epilepsy: 'Động kinh',
  cancer: 'Ung thư',
  tuberculosis: 'Lao',
  other: 'Bệnh khác',
};

const USE_TEXT: Record<string, string> = {
  no: 'Không',
  yes: 'Có',
  regular: 'Có, thường xuyên',
  quit: 'Đã bỏ',
};

function historyResources(d: RecordData): Res[] {
  const pid = d.person.id;
  const h = d.history;
  const out: Res[] = [];
  for (const kind of ALLERGY_KINDS) {
    const what = h.allergies[kind];
    if (!what) continue;
    const cat = ALLERGY_CATEGORY[kind];
    out.push({
      resourceType: 'AllergyIntolerance',
      id: derivedId(pid, `allergy:${kind}`),
      clinicalStatus: { coding: [{ system: CS.allergyClinical, code: 'active' }] },
      ...(cat ? { category: cat } : {}),
      code: { text: `${ALLERGY_TEXT[kind]}: ${what}` },
      patient: ref('Patient', pid),
    } satisfies AllergyIntolerance);
  }
  const family: { key: string; text: string; who: string }[] = [
    ...FAMILY_DISEASES.filter((k) => h.family.diseases[k]).map((k) => ({
      key: `disease:${k}`,
      text: FAMILY_TEXT[k],
      who: h.family.diseases[k],
    })),
    ...ALLERGY_KINDS.filter((k) => h.family.allergies[k].what).map((k) => ({
      key: `allergy:${k}`,
      text: `${ALLERGY_TEXT[k]}: ${h.family.allergies[k].what}`,
      who: h.family.allergies[k].who,
    })),
  ];
  for (const f of family) {
    out.push({
      resourceType: 'FamilyMemberHistory',
      id: derivedId(pid, `family:${f.key}`),
      status: 'completed',
      patient: ref('Patient', pid),
      // Part B says who in free text ("bố", "bà nội"): the relation is "a family member", the text says who.
      relationship: {
        coding: [{ system: CS.roleCode, code: 'FAMMEMB', display: 'family member' }],
        text: f.who || 'Người trong gia đình',
      },
      condition: [{ code: { text: f.text } }],
    } satisfies FamilyMemberHistory);
  }
  const diseases: { key: string; text: string }[] = [
    ...h.diseases.codes.map((c) => ({
      key: `hx:${c}`,
      text: HISTORY_DISEASES[c as keyof typeof HISTORY_DISEASES] ?? `Bệnh ${c}`,
    })),
    ...(h.diseases.cancer ? [{ key: 'hx:cancer', text: `Ung thư: ${h.diseases.cancer}` }] : []),
    ...(h.diseases.tuberculosis ? [{ key: 'hx:tb', text: `Lao: ${h.diseases.tuberculosis}` }] : []),
    ...(h.diseases.other ? [{ key: 'hx:other', text: h.diseases.other }] : []),
  ];
  for (const dz of diseases) {
    out.push({
      resourceType: 'Condition',
      id: derivedId(pid, dz.key),
      category: [
        {
          coding: [{ system: CS.conditionCategory, code: 'problem-list-item', display: 'Problem List Item' }],
        },
      ],
      code: { text: dz.text },
      subject: ref('Patient', pid),
    } satisfies Condition);
  }
  const social = category('social-history', 'Social History');
  if (h.risks.smoking) {
    out.push({
      resourceType: 'Observation',
      id: derivedId(pid, 'social:smoking'),
      status: 'final',
      category: social,
      code: {
        coding: [{ system: CS.loinc, code: '72166-2', display: 'Tobacco smoking status' }],
        text: 'Hút thuốc lá, lào',
      },
      subject: ref('Patient', pid),
      valueCodeableConcept: { text: USE_TEXT[h.risks.smoking] ?? h.risks.smoking },
    } satisfies Observation);
  }
  if (h.risks.alcohol) {
    out.push({
      resourceType: 'Observation',
      id: derivedId(pid, 'social:alcohol'),
      status: 'final',
      category: social,
      code: {
        coding: [{ system: CS.loinc, code: '11331-6', display: 'History of Alcohol use' }],
        text: 'Uống rượu, bia',
      },
      subject: ref('Patient', pid),
      valueCodeableConcept: { text: USE_TEXT[h.risks.alcohol] ?? h.risks.alcohol },
      ...(h.risks.alcoholCupsPerDay !== null
        ? {
            component: [
              {
                code: { text: 'Số cốc chuẩn mỗi ngày' },
                valueQuantity: {
                  value: h.risks.alcoholCupsPerDay,
                  unit: 'cốc/ngày',
                  system: CS.ucum,
                  code: '{drink}/d',
                },
              },
            ],
          }
        : {}),
    } satisfies Observation);
  }
  return out;
}

function immunizations(d: RecordData): Res[] {
  return d.doses.map(
    (dose) =>
      ({
        resourceType: 'Immunization',
        id: dose.id,
        status: 'completed',
        vaccineCode: {
          coding: [{ system: CS.vaccine, code: dose.vaccineCode, display: dose.vaccineName }],
          text: dose.vaccineName,
        },
        patient: ref('Patient', d.person.id),
        occurrenceDateTime: dose.givenOn,
        primarySource: true,
        ...(dose.batch ? { lotNumber: dose.batch } : {}),
        ...(dose.place ? { location: { display: dose.place } } : {}),
        ...(dose.reaction ? { note: [{ text: `Phản ứng sau tiêm: ${dose.reaction}` }] } : {}),
        ...(dose.dose !== null
          ? { protocolApplied: [{ series: dose.vaccine, doseNumberPositiveInt: dose.dose }] }
          : {}),
      }) satisfies Immunization,
  );
}

function consentOf(d: RecordData): Res | null {
  const c = d.consent;
  if (c.state === 'unknown') return null;
  const permit = c.state === 'given';
  return {
    resourceType: 'Consent',
    id: derivedId(d.person.id, 'consent:share'),
    status: c.state === 'given' ? 'active' : c.state === 'refused' ? 'rejected' : 'inactive',
    scope: { coding: [{ system: CS.consentScope, code: 'patient-privacy', display: 'Privacy Consent' }] },
    category: [{ coding: [{ system: CS.loinc, code: '59284-0', display: 'Patient Consent' }] }],
    patient: ref('Patient', d.person.id),
    ...(c.decidedOn ? { dateTime: c.decidedOn } : {}),
    policyRule: { coding: [{ system: CS.actCode, code: permit ? 'OPTIN' : 'OPTOUT' }] },
    provision: { type: permit ? 'permit' : 'deny' },
  } satisfies Consent;
}

/** Every resource of one record, Patient first. */
export function recordResources(d: RecordData): Res[] {
  const consent = consentOf(d);
  return [
    patientOf(d),
    ...(consent ? [consent] : []),
    ...historyResources(d),
    ...immunizations(d),
    ...d.visits.flatMap((v) => visitResources(d.person.id, v)),
  ];
}

/** A record merged away here: its Patient stays upstream, inactive, pointing to the survivor. */
export function retiredPatient(personId: string, survivorId: string | null): Res {
  return {
    resourceType: 'Patient',
    id: personId,
    identifier: [{ use: 'old', system: SID.local, value: personId }],
    active: false,
    ...(survivorId ? { link: [{ other: ref('Patient', survivorId), type: 'replaced-by' as const }] } : {}),
  } satisfies Patient;
}

type Transaction = { resourceType: 'Bundle'; type: 'transaction'; entry: BundleEntry[] };

/**
 * The transactions that put one record upstream: PUT to our ids, so a re-send changes nothing new.
 * Servers cap a transaction's size (Medplum: 50 updates), so a long record goes in several, Patient
 * first; a record counts as sent only when every one was accepted, and re-sending the ones that
 * were is harmless.
 */
export function transactionsFor(s: RecordSnapshot, maxEntries = 50): Transaction[] {
  const resources =
    s.op === 'upsert' ? recordResources(s.record) : [retiredPatient(s.personId, s.survivorId)];
  const out: Transaction[] = [];
  for (let i = 0; i < resources.length; i += maxEntries)
    out.push({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: resources.slice(i, i + maxEntries).map((r) => ({
        fullUrl: `urn:uuid:${r.id}`,
        resource: r,
        request: { method: 'PUT', url: `${r.resourceType}/${r.id}` },
      })),
    });
  return out;
}
