/** A resident with every part of the 831 record filled, for the XML mapping and signature tests. */
import { PersonInput, type PersonRecord } from '#contract/ops/persons.ts';
import { PartB, VisitInput, type VisitRecord } from '#contract/ops/record.ts';
import type { RecordSnapshot } from '../../main/core/upstream/snapshot.ts';
import type { Xml831Record } from '../../main/core/upstream/xml831/source.ts';

export const FULL_PERSON_ID = '0193a1b2-0000-7000-8000-000000000001';

export function fullRecord(): Xml831Record {
  const fields = PersonInput.parse({
    fullName: 'Nguyễn Thị Hoà & <Bé>',
    sex: 'F',
    birthDate: '1990-03-21',
    relationToHead: 'Vợ',
    bloodAbo: 'AB',
    bloodRh: '-',
    birthProvinceCode: '38',
    ethnicityCode: '01',
    nationality: 'VN',
    religion: 'Thiên Chúa giáo',
    occupation: 'Nông dân',
    identifiers: [
      { kind: 'cccd', value: '038190001234', issuedOn: '2021-08-14', issuedBy: 'Cục Cảnh sát QLHC về TTXH' },
      { kind: 'bhyt', value: 'GD4383822471234' },
    ],
    permanentAddress: {
      text: 'Thôn Lai Ổn',
      provinceCode: '38',
      communeCode: '15652',
      village: 'Thôn Lai Ổn',
      street: '',
    },
    currentAddress: {
      text: 'Số 5 ngõ 3',
      provinceCode: '38',
      communeCode: '15652',
      village: 'Thôn Bến',
      street: 'Số 5 ngõ 3',
    },
    phoneMobile: '0912345678',
    phoneLandline: '02373888999',
    email: 'hoa@example.vn',
    mother: { name: 'Lê Thị Mẹ', phone: '0987654321' },
    father: { name: 'Nguyễn Văn Bố', phone: '0911111111', landline: '02373111111' },
    caregiver: { name: 'Trần Văn Chồng', phone: '0922222222', relation: 'Chồng' },
  });
  const person: PersonRecord = {
    ...fields,
    id: FULL_PERSON_ID,
    version: 3,
    status: 'active',
    statusDate: null,
    statusNote: '',
    age: 36,
    household: { id: 'h1', code: 'HK-0421', village: 'Thôn Lai Ổn', headPersonId: 'someone-else' },
    aliases: [],
    addressLines: {
      permanent: 'Thôn Lai Ổn, Xã Nông Cống, Tỉnh Thanh Hoá',
      current: 'Số 5 ngõ 3, Thôn Bến, Xã Nông Cống, Tỉnh Thanh Hoá',
    },
    lastVisitOn: '2026-11-02',
    createdAt: '2020-01-01T00:00:00.000Z',
    updatedAt: '2026-11-02T03:00:00.000Z',
  };
  const history = PartB.parse({
    birth: {
      delivery: 'caesarean',
      premature: true,
      asphyxia: false,
      birthWeightG: 2400,
      birthLengthCm: 46,
      congenital: 'Hở hàm ếch',
      other: 'Vàng da',
    },
    risks: {
      smoking: 'quit',
      alcohol: 'regular',
      alcoholCupsPerDay: 3,
      drugs: 'no',
      physicalActivity: 'regular',
      exposure: 'Thuốc trừ sâu',
      exposureDuration: '10 năm',
      latrine: 'double-vault',
      other: 'Ít ngủ',
    },
    allergies: { drugs: 'Penicillin', chemicals: '', food: 'Tôm', other: '' },
    diseases: { codes: [2, 3], cancer: 'Ung thư vú', tuberculosis: '', other: 'Gout' },
    disabilities: { hearing: '', vision: 'Cận 3 độ', arms: '', legs: '', spine: '', cleft: '', other: '' },
    surgery: 'Mổ ruột thừa năm 2010',
    family: {
      allergies: {
        drugs: { what: 'Aspirin', who: 'Bố' },
        chemicals: { what: '', who: '' },
        food: { what: '', who: '' },
        other: { what: '', who: '' },
      },
      diseases: {
        cardio: '',
        hypertension: 'Mẹ',
        mental: '',
        asthma: '',
        diabetes: 'Ông nội',
        epilepsy: '',
        cancer: 'Gan, bác ruột',
        tuberculosis: '',
        other: '',
      },
    },
    reproductive: {
      contraception: 'Vòng tránh thai',
      lastPregnancy: '2019',
      pregnancies: 3,
      miscarriages: 1,
      abortions: 0,
      births: 2,
      normalBirths: 1,
      caesareans: 1,
      difficultBirths: 0,
      termBirths: 2,
      pretermBirths: 0,
      livingChildren: 2,
      gynecological: 'Viêm lộ tuyến',
    },
    other: 'Không',
    motherTetanusDoses: 2,
  });
  const dose = (
    id: string,
    vaccineCode: string,
    vaccineName: string,
    group: number,
    n: number,
    givenOn: string,
    extra: object = {},
  ) => ({
    id,
    vaccineCode,
    vaccineName,
    group,
    dose: n,
    givenOn,
    place: 'TYT xã',
    reaction: '',
    nextOn: null,
    pregnancyMonth: null,
    batch: '',
    recordedBy: null,
    ...extra,
  });
  const doses = [
    dose('d1', 'UV1', 'Uốn ván 1', 3, 1, '2019-02-01', { pregnancyMonth: 5, nextOn: '2019-03-01' }),
    dose('d2', 'UV2', 'Uốn ván 2', 3, 2, '2019-03-01', { pregnancyMonth: 6, reaction: 'Sốt nhẹ' }),
    dose('d3', 'CUM1', 'Cúm 1', 2, 1, '2025-10-10'),
  ];
  const visitFields = VisitInput.parse({
    visitOn: '2026-11-02',
    reason: 'Khám định kỳ',
    history: 'Đau đầu 3 ngày',
    vitals: {
      pulse: 82,
      temperatureC: 36.8,
      systolic: 150,
      diastolic: 95,
      respiratoryRate: 18,
      weightKg: 61.5,
      heightCm: 155,
      waistCm: 84,
    },
    vision: {
      rightPlain: '8/10',
      leftPlain: '9/10',
      rightGlasses: '10/10',
      leftGlasses: '',
      wearsGlasses: true,
    },
    exam: { skin: 'Hồng', cardio: 'Tim đều', development: '', other: 'Không' },
    labs: [
      { group: 'lab', name: 'Đường máu', result: '7,2 mmol/L' },
      { group: 'imaging', name: 'Siêu âm ổ bụng', result: 'Gan nhiễm mỡ độ 1' },
    ],
    diagnoses: [
      { code: 'I10', name: 'Tăng huyết áp vô căn', main: true, note: 'Độ 1' },
      { code: 'E11', name: 'Đái tháo đường type 2', main: false },
    ],
    conclusion: 'Theo dõi huyết áp',
    counselling: 'Ăn nhạt, tập thể dục',
  });
  const signed: VisitRecord = {
    ...visitFields,
    id: 'v-signed-1',
    personId: FULL_PERSON_ID,
    status: 'signed',
    version: 1,
    examiner: { id: 'u1', name: 'BS. Phạm Văn Khám' },
    signedAt: '2026-11-02T04:00:00.000Z',
    createdAt: '2026-11-02T03:00:00.000Z',
    updatedAt: '2026-11-02T04:00:00.000Z',
    derived: { ageYears: 36, bmi: 25.6, bmiClass: null, waistRisk: null, bp: null, growth: [], warnings: [] },
  };
  const draft: VisitRecord = {
    ...signed,
    id: 'v-draft',
    status: 'draft',
    signedAt: null,
    visitOn: '2026-12-01',
  };
  return { person, history, doses, visits: [draft, signed] };
}

/** The fixture as the engine hands it to an adapter (one outbox row, `upsert`). */
export function fullSnapshot(personId = FULL_PERSON_ID, version = 1): RecordSnapshot {
  const r = fullRecord();
  return {
    op: 'upsert',
    personId,
    version,
    record: {
      person: { ...r.person, id: personId },
      consent: { state: 'unknown', decidedOn: null, recordedBy: null },
      history: r.history ?? PartB.parse({}),
      doses: r.doses.map((d) => ({
        ...d,
        vaccine: d.vaccineCode.replace(/\d+$/, ''),
        group: d.group as 1 | 2 | 3 | null,
      })),
      visits: r.visits.filter((v) => v.status === 'signed'),
      mergedAwayIds: [],
    },
  };
}
