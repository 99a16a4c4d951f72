import type { Address, NewHousehold, PersonDraft, PersonInput, PersonRecord } from '#contract';
import { vi as t } from '../i18n/vi.ts';
import { isoToVn, vnToIso } from '../dates.ts';

/** The registration form's state: everything as the user types it (dates as dd/mm/yyyy). */
export interface PersonForm {
  fullName: string;
  sex: 'M' | 'F' | '';
  birthDate: string;
  bloodAbo: '' | 'A' | 'B' | 'AB' | 'O';
  bloodRh: '' | '+' | '-';
  cccd: string;
  cccdIssuedOn: string;
  cccdIssuedBy: string;
  cmnd: string;
  bhyt: string;
  bhytFrom: string;
  bhytTo: string;
  passport: string;
  perm: Address;
  cur: Address;
  sameAddress: boolean;
  phoneMobile: string;
  phoneLandline: string;
  email: string;
  motherName: string;
  /** Mobile (the contract's `phone`); A.23 asks for a mobile and a landline. */
  motherPhone: string;
  motherLandline: string;
  fatherName: string;
  fatherPhone: string;
  fatherLandline: string;
  caregiverName: string;
  caregiverRelation: string;
  caregiverPhone: string;
  caregiverLandline: string;
  ethnicityCode: string;
  nationality: string;
  religion: string;
  occupation: string;
  birthProvinceCode: string;
  /** A.0: no household, one that exists (householdId), or a new one with this person as head. */
  householdMode: 'none' | 'existing' | 'new';
  householdId: string | null;
  /** How the chosen household is shown ("HK-0421 — chủ hộ Nguyễn Văn Hùng · Thôn Bắc"). */
  householdLabel: string;
  /** The new household's code as typed; empty = generated. */
  newHouseholdCode: string;
  relationToHead: string;
  shareConsent: boolean;
}

const emptyAddress = (): Address => ({
  text: '',
  provinceCode: '',
  communeCode: '',
  village: '',
  street: '',
});

export function formFrom(p: PersonDraft | PersonRecord): PersonForm {
  const household = 'household' in p ? p.household : null;
  const id = (kind: string) => p.identifiers?.find((i) => i.kind === kind);
  const perm = { ...emptyAddress(), ...p.permanentAddress };
  const cur = { ...emptyAddress(), ...p.currentAddress };
  return {
    fullName: p.fullName ?? '',
    sex: p.sex ?? '',
    birthDate: isoToVn(p.birthDate),
    bloodAbo: p.bloodAbo ?? '',
    bloodRh: p.bloodRh ?? '',
    cccd: id('cccd')?.value ?? '',
    cccdIssuedOn: isoToVn(id('cccd')?.issuedOn),
    cccdIssuedBy: id('cccd')?.issuedBy ?? '',
    cmnd: id('cmnd')?.value ?? '',
    bhyt: id('bhyt')?.value ?? '',
    bhytFrom: isoToVn(id('bhyt')?.validFrom),
    bhytTo: isoToVn(id('bhyt')?.validTo),
    passport: id('passport')?.value ?? '',
    perm,
    cur,
    sameAddress: JSON.stringify(perm) === JSON.stringify(cur),
    phoneMobile: p.phoneMobile ?? '',
    phoneLandline: p.phoneLandline ?? '',
    email: p.email ?? '',
    motherName: p.mother?.name ?? '',
    motherPhone: p.mother?.phone ?? '',
    motherLandline: p.mother?.landline ?? '',
    fatherName: p.father?.name ?? '',
    fatherPhone: p.father?.phone ?? '',
    fatherLandline: p.father?.landline ?? '',
    caregiverName: p.caregiver?.name ?? '',
    caregiverRelation: p.caregiver?.relation ?? '',
    caregiverPhone: p.caregiver?.phone ?? '',
    caregiverLandline: p.caregiver?.landline ?? '',
    // Never guessed (it skews the statistics): what the record or the card says, else nothing.
    ethnicityCode: p.ethnicityCode ?? '',
    nationality: p.nationality ?? 'VN',
    religion: p.religion ?? '',
    occupation: p.occupation ?? '',
    birthProvinceCode: p.birthProvinceCode ?? '',
    householdMode: p.householdId ? 'existing' : 'none',
    householdId: p.householdId ?? null,
    householdLabel: household ? [household.code, household.village].filter(Boolean).join(' · ') : '',
    newHouseholdCode: '',
    relationToHead: p.relationToHead ?? '',
    shareConsent: p.shareConsent ?? true,
  };
}

/** Which form field an identifier issue points at ("person.identifiers.1.value" → the second number sent). */
export type FieldKey = keyof PersonForm | 'perm.communeCode' | 'cur.communeCode';

export interface BuiltInput {
  input: PersonInput | null;
  /** Set when the person is to head a household created with them. */
  newHousehold: NewHousehold | null;
  errors: Partial<Record<FieldKey, string>>;
  idFields: FieldKey[];
}

/**
 * Builds the operation input. Dates typed dd/mm/yyyy become ISO here; a date that is not a real
 * day comes back as a field error before anything is sent.
 */
export function toInput(f: PersonForm): BuiltInput {
  const errors: Partial<Record<FieldKey, string>> = {};
  const date = (key: FieldKey, text: string, required = false): string | null => {
    if (!text.trim()) {
      if (required) errors[key] = t.common.requiredField;
      return null;
    }
    const iso = vnToIso(text);
    if (!iso || (iso.length === 4 && key !== 'birthDate')) errors[key] = t.ui.badDate;
    return iso;
  };
  if (!f.fullName.trim()) errors.fullName = t.common.requiredField;
  if (!f.sex) errors.sex = t.ui.chooseSex;
  if (f.householdMode === 'existing' && !f.householdId) errors.householdId = t.ui.chooseHousehold;
  const birthDate = date('birthDate', f.birthDate, true);
  const identifiers: NonNullable<PersonInput['identifiers']> = [];
  const idFields: FieldKey[] = [];
  if (f.cccd.trim()) {
    identifiers.push({
      kind: 'cccd',
      value: f.cccd,
      issuedOn: date('cccdIssuedOn', f.cccdIssuedOn),
      issuedBy: f.cccdIssuedBy,
    });
    idFields.push('cccd');
  }
  if (f.cmnd.trim()) {
    identifiers.push({ kind: 'cmnd', value: f.cmnd });
    idFields.push('cmnd');
  }
  if (f.bhyt.trim()) {
    identifiers.push({
      kind: 'bhyt',
      value: f.bhyt,
      validFrom: date('bhytFrom', f.bhytFrom),
      validTo: date('bhytTo', f.bhytTo),
    });
    idFields.push('bhyt');
  }
  if (f.passport.trim()) {
    identifiers.push({ kind: 'passport', value: f.passport });
    idFields.push('passport');
  }
  if (Object.keys(errors).length) return { input: null, newHousehold: null, errors, idFields };
  return {
    errors,
    idFields,
    newHousehold: f.householdMode === 'new' ? { code: f.newHouseholdCode } : null,
    input: {
      fullName: f.fullName,
      sex: f.sex as 'M' | 'F',
      birthDate: birthDate as string,
      householdId: f.householdMode === 'none' ? null : f.householdId,
      relationToHead: f.relationToHead,
      bloodAbo: f.bloodAbo,
      bloodRh: f.bloodRh,
      birthProvinceCode: f.birthProvinceCode,
      ethnicityCode: f.ethnicityCode,
      nationality: f.nationality,
      religion: f.religion,
      occupation: f.occupation,
      identifiers,
      permanentAddress: f.perm,
      currentAddress: f.sameAddress ? { ...f.perm } : f.cur,
      phoneMobile: f.phoneMobile,
      phoneLandline: f.phoneLandline,
      email: f.email,
      mother: { name: f.motherName, phone: f.motherPhone, landline: f.motherLandline },
      father: { name: f.fatherName, phone: f.fatherPhone, landline: f.fatherLandline },
      caregiver: {
        name: f.caregiverName,
        relation: f.caregiverRelation,
        phone: f.caregiverPhone,
        landline: f.caregiverLandline,
      },
      shareConsent: f.shareConsent,
    },
  };
}

/** Maps the core's issue paths ("person.phoneMobile", "person.identifiers.0.value") onto form fields. */
export function fieldFor(path: string, idFields: FieldKey[]): FieldKey | null {
  const m = /^person\.identifiers\.(\d+)\./.exec(path);
  if (m) return idFields[Number(m[1])] ?? null;
  const direct: Record<string, FieldKey> = {
    'person.fullName': 'fullName',
    'person.sex': 'sex',
    'person.birthDate': 'birthDate',
    'person.phoneMobile': 'phoneMobile',
    'person.phoneLandline': 'phoneLandline',
    'person.email': 'email',
    'person.mother.phone': 'motherPhone',
    'person.mother.landline': 'motherLandline',
    'person.father.phone': 'fatherPhone',
    'person.father.landline': 'fatherLandline',
    'person.caregiver.phone': 'caregiverPhone',
    'person.caregiver.landline': 'caregiverLandline',
    'person.birthProvinceCode': 'birthProvinceCode',
    'person.householdId': 'householdId',
    'person.relationToHead': 'relationToHead',
    'newHousehold.code': 'newHouseholdCode',
    code: 'newHouseholdCode',
    'person.permanentAddress.communeCode': 'perm.communeCode',
    'person.currentAddress.communeCode': 'cur.communeCode',
  };
  return direct[path] ?? null;
}
