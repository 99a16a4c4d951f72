/**
 * The identifier and code systems the FHIR adapter writes. The national identifiers follow the
 * naming of the VN Core FHIR IG (fhir.hl7.org.vn, a community draft of HL7 Vietnam, not issued by
 * any state body: check with the receiving repository), `…/core/sid/<kind>`; the station's own
 * resident id is a UUID, unique without a station prefix, under this app's own system. Listed in
 * the README ("What is sent (FHIR)").
 */
export const SID = {
  /** Căn cước công dân (12 digits). */
  cccd: 'http://fhir.hl7.org.vn/core/sid/cccd',
  /** Chứng minh nhân dân (9 or 12 digits, legacy). */
  cmnd: 'http://fhir.hl7.org.vn/core/sid/cmnd',
  /** Thẻ bảo hiểm y tế (card number). */
  bhyt: 'http://fhir.hl7.org.vn/core/sid/bhyt',
  /** Mã số BHXH (10 digits, carried on the BHYT card). */
  bhxh: 'http://fhir.hl7.org.vn/core/sid/bhxh',
  passport: 'http://fhir.hl7.org.vn/core/sid/passport',
  /** The resident's id in HSSK Trạm (UUID, the Patient's id too). */
  local: 'urn:hssk-tram:person',
} as const;

export const CS = {
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  obsCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  roleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  /** The app's vaccine dose codes (TCMR and service doses, e.g. "DPT-VGB-HIB-2"). */
  vaccine: 'urn:hssk-tram:vaccine-dose',
  /** 2025 administrative units (QĐ 19/2025/QĐ-TTg): two-digit province, five-digit commune. */
  province2025: 'urn:hssk-tram:dvhc-2025:province',
  commune2025: 'urn:hssk-tram:dvhc-2025:commune',
  /** Extension urls for the codes of an address (no VN Core extension was found for 2025 codes). */
  extProvince: 'urn:hssk-tram:fhir:address-province-2025',
  extCommune: 'urn:hssk-tram:fhir:address-commune-2025',
} as const;
