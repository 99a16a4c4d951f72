import type { Identifier, PersonFields, PersonRecord, PersonSummary } from '#contract/ops/persons.ts';
import type { PersonRow } from '../db/schema.ts';
import { fold } from '#contract/text.ts';

/** The persons columns that hold part A (what a form, a list or a card can say about a resident). */
export type PartAColumns = Omit<
  PersonRow,
  | 'pk'
  | 'id'
  | 'status'
  | 'status_date'
  | 'status_note'
  | 'created_at'
  | 'updated_at'
  | 'version'
  | 'last_visit_on'
  | 'created_by'
  | 'updated_by'
>;

/** The persons columns that hold part A, as written from the form's fields. */
export function fieldsToColumns(p: PersonFields): PartAColumns {
  return {
    household_id: p.householdId,
    full_name: p.fullName,
    name_folded: fold(p.fullName),
    sex: p.sex,
    birth_date: p.birthDate,
    birth_year: Number(p.birthDate.slice(0, 4)),
    village: p.currentAddress.village,
    relation_to_head: p.relationToHead,
    blood_abo: p.bloodAbo,
    blood_rh: p.bloodRh,
    birth_province_code: p.birthProvinceCode,
    ethnicity_code: p.ethnicityCode,
    nationality: p.nationality,
    religion: p.religion,
    occupation: p.occupation,
    perm_text: p.permanentAddress.text,
    perm_province_code: p.permanentAddress.provinceCode,
    perm_commune_code: p.permanentAddress.communeCode,
    perm_village: p.permanentAddress.village,
    perm_street: p.permanentAddress.street,
    cur_text: p.currentAddress.text,
    cur_province_code: p.currentAddress.provinceCode,
    cur_commune_code: p.currentAddress.communeCode,
    cur_street: p.currentAddress.street,
    phone_mobile: p.phoneMobile,
    phone_landline: p.phoneLandline,
    email: p.email,
    mother_name: p.mother.name,
    mother_phone: p.mother.phone,
    mother_landline: p.mother.landline ?? '',
    father_name: p.father.name,
    father_phone: p.father.phone,
    father_landline: p.father.landline ?? '',
    caregiver_name: p.caregiver.name,
    caregiver_relation: p.caregiver.relation,
    caregiver_phone: p.caregiver.phone,
    caregiver_landline: p.caregiver.landline ?? '',
    share_consent: p.shareConsent ? 1 : 0,
  };
}

/** Part A with nothing filled in: the shape every column list is taken from. */
export function blankFields(): PersonFields {
  const address = { text: '', provinceCode: '', communeCode: '', village: '', street: '' };
  return {
    fullName: '',
    sex: 'M',
    birthDate: '2000',
    householdId: null,
    relationToHead: '',
    bloodAbo: '',
    bloodRh: '',
    birthProvinceCode: '',
    ethnicityCode: '',
    nationality: 'VN',
    religion: '',
    occupation: '',
    identifiers: [],
    permanentAddress: address,
    currentAddress: address,
    phoneMobile: '',
    phoneLandline: '',
    email: '',
    mother: { name: '', phone: '' },
    father: { name: '', phone: '' },
    caregiver: { name: '', phone: '', relation: '' },
    shareConsent: true,
  };
}

/** The part-A column names, in one fixed order (bulk statements bind them positionally). */
export const PART_A_COLUMNS = Object.keys(fieldsToColumns(blankFields())) as (keyof PartAColumns)[];

export interface IdentifierRow {
  kind: string;
  value: string;
  issued_on: string | null;
  issued_by: string | null;
  valid_from: string | null;
  valid_to: string | null;
}

const USER_KINDS = new Set(['cccd', 'cmnd', 'bhyt', 'passport']);

export function rowToFields(r: PersonRow, ids: IdentifierRow[]): PersonFields {
  return {
    fullName: r.full_name,
    sex: r.sex,
    birthDate: r.birth_date,
    householdId: r.household_id,
    relationToHead: r.relation_to_head,
    bloodAbo: r.blood_abo,
    bloodRh: r.blood_rh,
    birthProvinceCode: r.birth_province_code,
    ethnicityCode: r.ethnicity_code,
    nationality: r.nationality,
    religion: r.religion,
    occupation: r.occupation,
    identifiers: ids
      .filter((i) => USER_KINDS.has(i.kind))
      .map((i): Identifier => ({
        kind: i.kind as Identifier['kind'],
        value: i.value,
        issuedOn: i.issued_on,
        issuedBy: i.issued_by ?? '',
        validFrom: i.valid_from,
        validTo: i.valid_to,
      })),
    permanentAddress: {
      text: r.perm_text,
      provinceCode: r.perm_province_code,
      communeCode: r.perm_commune_code,
      village: r.perm_village,
      street: r.perm_street,
    },
    currentAddress: {
      text: r.cur_text,
      provinceCode: r.cur_province_code,
      communeCode: r.cur_commune_code,
      village: r.village,
      street: r.cur_street,
    },
    phoneMobile: r.phone_mobile,
    phoneLandline: r.phone_landline,
    email: r.email,
    mother: { name: r.mother_name, phone: r.mother_phone, landline: r.mother_landline },
    father: { name: r.father_name, phone: r.father_phone, landline: r.father_landline },
    caregiver: {
      name: r.caregiver_name,
      phone: r.caregiver_phone,
      landline: r.caregiver_landline,
      relation: r.caregiver_relation,
    },
    shareConsent: r.share_consent === 1,
  };
}

export function toRecord(
  r: PersonRow,
  ids: IdentifierRow[],
  household: PersonRecord['household'],
  age: number,
  addressLine: (a: PersonFields['permanentAddress']) => string,
): PersonRecord {
  const fields = rowToFields(r, ids);
  return {
    ...fields,
    addressLines: {
      permanent: addressLine(fields.permanentAddress),
      current: addressLine(fields.currentAddress),
    },
    id: r.id,
    version: r.version,
    status: r.status,
    statusDate: r.status_date,
    statusNote: r.status_note,
    age,
    household,
    aliases: ids.filter((i) => i.kind === 'alias').map((i) => i.value),
    lastVisitOn: r.last_visit_on,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The row shape every list and search query selects, so summaries are built one way. */
export interface SummaryRow {
  id: string;
  full_name: string;
  sex: 'M' | 'F';
  birth_date: string;
  village: string;
  status: 'active' | 'moved' | 'deceased';
  last_visit_on: string | null;
  phone_mobile: string;
  cccd: string | null;
  bhyt: string | null;
  household_code: string | null;
}

/** Selects SummaryRow columns from `persons p` (joins households h, looks up the two cards). */
export const SUMMARY_COLUMNS = `p.id, p.full_name, p.sex, p.birth_date, p.village, p.status, p.last_visit_on, p.phone_mobile,
  (SELECT value FROM person_identifiers WHERE person_id = p.id AND kind = 'cccd') AS cccd,
  (SELECT value FROM person_identifiers WHERE person_id = p.id AND kind = 'bhyt') AS bhyt,
  h.code AS household_code`;

export function toSummary(r: SummaryRow, age: number): PersonSummary {
  return {
    id: r.id,
    fullName: r.full_name,
    sex: r.sex,
    birthDate: r.birth_date,
    age,
    village: r.village,
    status: r.status,
    lastVisitOn: r.last_visit_on,
    cccd: r.cccd,
    bhyt: r.bhyt,
    phone: r.phone_mobile,
    householdCode: r.household_code,
  };
}
