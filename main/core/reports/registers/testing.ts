/**
 * For the registers' tests and the CLI test: a small station whose June 2026 is known line by
 * line, made through the operations (so signing, registers and the outbox run as in the app).
 * The expected figures are worked out by hand in the tests from the list below.
 *
 * - Trần Văn Bình (M, 10/05/1950, CCCD, BHYT to 31/12/2026, Kinh, Nông dân): 28/05 hypertension
 *   visit (enters the register), 03/06 follow-up with Amlodipin.
 * - Lê Thị Cúc (F, 01/03/2022, Tày): 10/06 fever with Paracetamol; a draft dated 25/06 (unsigned).
 * - Phạm Thị Dung (F, born 1990, year only): 12/06 tetanus dose UV1, 15/06 chest pain referred to
 *   the district hospital, 20/06 tiredness with no ICD-10 code; 14/07 tetanus dose UV2.
 * - Hoàng Văn Em (M, 01/01/1985): first exam 10/07 (after June).
 * - Đỗ Văn Phúc (M, 02/02/1970): exams 01/03/2025 and 05/07/2026 (none in the 12 months to 30/06).
 */
import type { OperationInput, OperationName, OperationOutput, VisitInput } from '#contract';

type Ok = <N extends OperationName>(name: N, input: OperationInput<N>) => Promise<OperationOutput<N>>;

/** 20/07/2026, 10:00 in Vietnam: every visit below is in the past. */
export const REGISTERS_TODAY = new Date('2026-07-20T03:00:00Z');

async function person(
  ok: Ok,
  p: {
    fullName: string;
    sex: 'M' | 'F';
    birthDate: string;
    ethnicityCode?: string;
    occupation?: string;
    address?: string;
    identifiers?: { kind: 'cccd' | 'bhyt'; value: string; validTo?: string }[];
  },
): Promise<string> {
  const r = await ok('persons.create', {
    person: {
      fullName: p.fullName,
      sex: p.sex,
      birthDate: p.birthDate,
      ethnicityCode: p.ethnicityCode ?? '',
      occupation: p.occupation ?? '',
      identifiers: p.identifiers ?? [],
      currentAddress: { text: p.address ?? '' },
    },
    newHousehold: { code: '' },
    confirmSimilar: true,
  } as OperationInput<'persons.create'>);
  return r.id;
}

async function signed(
  ok: Ok,
  personId: string,
  visit: VisitInput,
  confirmed: string[] = [],
): Promise<string> {
  const draft = await ok('visits.start', { personId });
  await ok('visits.sign', { id: draft.id, version: draft.version, visit, confirmed });
  return draft.id;
}

export interface RegisterStation {
  binh: string;
  cuc: string;
  dung: string;
}

export async function makeRegisterStation(ok: Ok): Promise<RegisterStation> {
  const binh = await person(ok, {
    fullName: 'Trần Văn Bình',
    sex: 'M',
    birthDate: '1950-05-10',
    ethnicityCode: '01',
    occupation: 'Nông dân',
    address: 'Số 5, thôn Đông',
    identifiers: [
      { kind: 'cccd', value: '001050012345' },
      { kind: 'bhyt', value: 'GD4010120878837', validTo: '2026-12-31' },
    ],
  });
  const cuc = await person(ok, {
    fullName: 'Lê Thị Cúc',
    sex: 'F',
    birthDate: '2022-03-01',
    ethnicityCode: '02',
    address: 'Thôn Tây',
  });
  const dung = await person(ok, {
    fullName: 'Phạm Thị Dung',
    sex: 'F',
    birthDate: '1990',
    occupation: 'Giáo viên',
  });
  const em = await person(ok, { fullName: 'Hoàng Văn Em', sex: 'M', birthDate: '1985-01-01' });
  const phuc = await person(ok, { fullName: 'Đỗ Văn Phúc', sex: 'M', birthDate: '1970-02-02' });

  const htn = { code: 'I10', name: 'Tăng huyết áp', main: true };
  await signed(ok, binh, {
    visitOn: '2026-05-28',
    reason: 'Đau đầu',
    vitals: { systolic: 150, diastolic: 92 },
    diagnoses: [htn],
  });
  await signed(ok, binh, {
    visitOn: '2026-06-03',
    reason: 'Đau đầu, chóng mặt',
    vitals: { systolic: 160, diastolic: 95 },
    diagnoses: [htn],
    treatment: { method: 'drugs' },
    medicines: [{ name: 'Amlodipin 5 mg', dose: '1 viên/ngày', days: 30 }],
    followUpOn: '2026-07-03',
  });
  await signed(ok, cuc, {
    visitOn: '2026-06-10',
    reason: 'Sốt, ho',
    vitals: { temperatureC: 38.5 },
    diagnoses: [{ code: 'J06.9', name: 'Nhiễm trùng hô hấp trên cấp', main: true }],
    treatment: { method: 'drugs' },
    medicines: [{ name: 'Paracetamol 250 mg', dose: '1 gói × 3 lần/ngày', days: 3 }],
  });
  const draft = await ok('visits.start', { personId: cuc });
  await ok('visits.saveDraft', {
    id: draft.id,
    version: draft.version,
    visit: { visitOn: '2026-06-25', reason: 'Ho' },
  });
  await ok('immunizations.record', {
    personId: dung,
    doses: [{ vaccineCode: 'UV-1', givenOn: '2026-06-12' }],
    confirmed: [],
  });
  await signed(ok, dung, {
    visitOn: '2026-06-15',
    history: 'Đau ngực khi gắng sức',
    vitals: { pulse: 96 },
    diagnoses: [{ code: 'I20.9', name: 'Cơn đau thắt ngực', main: true }],
    treatment: { method: 'first-aid', note: 'Ngậm nitroglycerin' },
    referral: { to: 'BVĐK huyện', reason: 'Nghi cơn đau thắt ngực không ổn định' },
  });
  await signed(ok, dung, {
    visitOn: '2026-06-20',
    reason: 'Mệt mỏi',
    vitals: { weightKg: 52 },
    diagnoses: [{ code: '', name: 'Mệt mỏi', main: true }],
  });
  await ok('immunizations.record', {
    personId: dung,
    doses: [{ vaccineCode: 'UV-2', givenOn: '2026-07-14' }],
    confirmed: [],
  });
  await signed(ok, em, { visitOn: '2026-07-10', vitals: { systolic: 120, diastolic: 80 } });
  await signed(ok, phuc, { visitOn: '2025-03-01', vitals: { systolic: 125, diastolic: 80 } });
  await signed(ok, phuc, { visitOn: '2026-07-05', vitals: { systolic: 128, diastolic: 82 } });
  return { binh, cuc, dung };
}
