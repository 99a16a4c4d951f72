import type { Sex } from '#contract/schemas/common.ts';
import { CCCD_PROVINCES, genderCenturyDigit } from '../registry/identity.ts';
import type { NameGenerator } from './names.ts';
import { Random } from './random.ts';

export interface SeedPlace {
  provinceCode: string;
  provinceName: string;
  communeCode: string;
  communeName: string;
  /** Old 63-province code used as the birth-registration prefix of most residents' ids. */
  cccdProvince: string;
}

export interface SeedHousehold {
  id: string;
  code: string;
  village: string;
  address: string;
  headPersonId: string;
}

export interface SeedPerson {
  id: string;
  householdId: string;
  relation: string;
  fullName: string;
  sex: Sex;
  birthDate: string;
  birthYear: number;
  village: string;
  status: 'active' | 'moved' | 'deceased';
  deathDate: string | null;
  phone: string | null;
  ethnicityCode: string;
  occupation: string;
  cccd: string;
  cmnd: string | null;
  bhyt: string | null;
  bhytValidTo: string | null;
}

export interface SeedOptions {
  persons: number;
  seed: string;
  /** The day ages are computed on (yyyy-mm-dd). Fixed by default so output never depends on today. */
  asOf: string;
  place: SeedPlace;
  names: NameGenerator;
}

const HAMLET_NAMES = [
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Trung',
  'Thượng',
  'Hạ',
  'Đình',
  'Chùa',
  'Mới',
  'Cầu',
  'Đồng',
  'Bến',
  'Chợ',
  'Giữa',
  'Trại',
  'Đoài',
  'Ngọc',
  'Phú',
  'An',
  'Hòa',
  'Tân',
  'Yên',
  'Đức',
  'Lộc',
  'Thịnh',
  'Vinh',
  'Quang',
  'Sơn',
  'Hưng',
];
/** Kinh first; Mường, Thái, Tày, Nùng, H'Mông, Dao as the next largest groups of the north and centre. */
const ETHNICITIES: [string, number][] = [
  ['01', 86],
  ['06', 4],
  ['03', 3.5],
  ['02', 2],
  ['07', 1.5],
  ['08', 1.5],
  ['09', 1.5],
];

function occupationFor(rng: Random, age: number): string {
  if (age < 6) return '';
  if (age <= 18) return 'Học sinh';
  if (age <= 22 && rng.chance(0.4)) return 'Sinh viên';
  if (age >= 62) return rng.chance(0.35) ? 'Hưu trí' : 'Nông dân';
  return rng.weighted(
    [
      ['Nông dân', 38],
      ['Công nhân', 20],
      ['Buôn bán', 12],
      ['Lao động tự do', 14],
      ['Cán bộ, công chức', 6],
      ['Giáo viên', 3],
      ['Nội trợ', 7],
    ] as const,
    (x) => x[1],
  )[0];
}

const MOBILE_PREFIXES = [
  '032',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '039',
  '086',
  '096',
  '097',
  '098',
  '070',
  '076',
  '077',
  '078',
  '079',
  '089',
  '090',
  '093',
  '081',
  '082',
  '083',
  '084',
  '085',
  '088',
  '091',
  '094',
  '056',
  '058',
  '059',
];

/** Share of Vietnam's population by 5-year age band (0–4 … 85+), roughly the 2024 pyramid. */
const ADULT_HEAD_AGES: [number, number, number][] = [
  [22, 29, 9],
  [30, 39, 22],
  [40, 49, 21],
  [50, 59, 19],
  [60, 69, 16],
  [70, 79, 9],
  [80, 92, 4],
];

function villages(n: number): string[] {
  const count = Math.max(4, Math.round(n / 1200));
  const out: string[] = [];
  const kinds = ['Thôn', 'Xóm', 'Tổ dân phố'];
  for (let i = 0; i < count; i++) {
    const base = HAMLET_NAMES[i % HAMLET_NAMES.length];
    const round = Math.floor(i / HAMLET_NAMES.length);
    out.push(`${kinds[i % 7 === 6 ? 2 : i % 5 === 4 ? 1 : 0]} ${base}${round ? ` ${round + 1}` : ''}`);
  }
  return out;
}

/**
 * Generates a synthetic commune household by household: heads, spouses, children living at home,
 * sometimes an elderly parent or grandchildren, so ages follow a plausible pyramid and family names
 * follow the father. Everything derives from `seed`: same options, same commune.
 */
export function* generateCommune(
  o: SeedOptions,
): Generator<{ household: SeedHousehold; members: SeedPerson[] }> {
  const rng = new Random(`hssk-seed:${o.seed}`);
  const asOf = new Date(`${o.asOf}T00:00:00Z`);
  const year = asOf.getUTCFullYear();
  const villageList = villages(o.persons);
  const weightedVillages = villageList.map((v) => ({ v, w: 0.5 + rng.float() }));
  const usedIds = new Set<string>();
  const otherProvinces = Object.keys(CCCD_PROVINCES).filter((c) => c !== o.place.cccdProvince);
  let made = 0;
  let seq = 0;

  const DAY = 86_400_000;
  const daysBefore = (date: Date, days: number) =>
    new Date(date.getTime() - days * DAY).toISOString().slice(0, 10);

  /** A birth date that makes the person exactly `age` on the reference day; older people often have only a year. */
  const birth = (age: number, exactProbability: number): { birthDate: string; birthYear: number } => {
    const anniversary = new Date(Date.UTC(year - age, asOf.getUTCMonth(), asOf.getUTCDate()));
    const iso = daysBefore(anniversary, rng.int(0, 364));
    const birthYear = Number(iso.slice(0, 4));
    return rng.chance(exactProbability)
      ? { birthDate: iso, birthYear }
      : { birthDate: String(birthYear), birthYear };
  };

  const uniqueNumber = (make: () => string): string => {
    let v = make();
    while (usedIds.has(v)) v = make();
    usedIds.add(v);
    return v;
  };

  const person = (
    household: { id: string; village: string },
    relation: string,
    sex: Sex,
    age: number,
    surname?: string,
  ): SeedPerson => {
    const b = birth(age, age >= 70 ? 0.75 : age >= 50 ? 0.95 : 0.995);
    const prefix = rng.chance(0.86) ? o.place.cccdProvince : rng.pick(otherProvinces);
    const cccd = uniqueNumber(
      () =>
        `${prefix}${genderCenturyDigit(sex, b.birthYear)}${String(b.birthYear % 100).padStart(2, '0')}${rng.digits(6)}`,
    );
    const insured = rng.chance(0.92);
    let bhyt: string | null = null;
    if (insured) {
      // The 10-digit BHXH number is the person's lifelong number; old 15-character cards end with it.
      const bhxh = uniqueNumber(() => `${o.place.provinceCode}${rng.digits(8)}`);
      if (rng.chance(0.06)) {
        const category =
          age < 6 ? 'TE' : age <= 18 ? 'HS' : age >= 60 ? 'HT' : rng.pick(['GD', 'HN', 'DN', 'NO']);
        const level =
          category === 'TE' || category === 'HN' ? 1 : category === 'HT' ? 2 : category === 'HS' ? 4 : 3;
        bhyt = `${category}${level}${o.place.provinceCode}${bhxh}`;
      } else {
        bhyt = bhxh;
      }
    }
    const deceased = age >= 2 && rng.chance(age >= 75 ? 0.03 : 0.001);
    const status: SeedPerson['status'] = deceased ? 'deceased' : rng.chance(0.01) ? 'moved' : 'active';
    return {
      id: rng.uuid(),
      householdId: household.id,
      relation,
      fullName: o.names.fullName(rng, sex, b.birthYear, surname),
      sex,
      ...b,
      village: household.village,
      status,
      deathDate: deceased ? daysBefore(asOf, rng.int(0, 720)) : null,
      phone: age >= 15 && rng.chance(0.78) ? `${rng.pick(MOBILE_PREFIXES)}${rng.digits(7)}` : null,
      ethnicityCode: rng.weighted(ETHNICITIES, (e) => e[1])[0],
      occupation: occupationFor(rng, age),
      cccd,
      cmnd:
        age >= 30 && rng.chance(0.4)
          ? uniqueNumber(() => `${String(rng.int(1, 38)).padStart(3, '0')}${rng.digits(6)}`)
          : null,
      bhyt,
      bhytValidTo: bhyt ? `${year + rng.int(0, 1) - (rng.chance(0.05) ? 1 : 0)}-12-31` : null,
    };
  };

  while (made < o.persons) {
    seq += 1;
    const village = rng.weighted(weightedVillages, (x) => x.w).v;
    const hh = { id: rng.uuid(), village };
    const band = rng.weighted(ADULT_HEAD_AGES, (b) => b[2]);
    const headAge = rng.int(band[0], band[1]);
    const headSex: Sex = rng.chance(headAge >= 70 ? 0.55 : 0.78) ? 'M' : 'F';
    const familyName = o.names.surname(rng);
    const members: SeedPerson[] = [];
    const head = person(hh, 'Chủ hộ', headSex, headAge, headSex === 'M' ? familyName : undefined);
    members.push(head);
    const headSurname = head.fullName.split(' ')[0];

    const married = rng.chance(headAge >= 72 ? 0.55 : headAge < 26 ? 0.6 : 0.86);
    let motherAge: number | null = headSex === 'F' ? headAge : null;
    if (married) {
      const spouseSex: Sex = headSex === 'M' ? 'F' : 'M';
      const spouseAge = Math.max(18, Math.round(headAge + rng.normal(headSex === 'M' ? -3 : 3, 3)));
      members.push(
        person(
          hh,
          headSex === 'M' ? 'Vợ' : 'Chồng',
          spouseSex,
          spouseAge,
          spouseSex === 'M' ? familyName : undefined,
        ),
      );
      if (spouseSex === 'F') motherAge = spouseAge;
    }
    const childSurname = headSex === 'M' ? headSurname : married ? familyName : headSurname;
    if (motherAge !== null) {
      const births = rng.weighted([0, 1, 2, 2, 3, 3, 4], () => 1) + (motherAge > 55 ? 1 : 0);
      let adultChildAtHome: SeedPerson | null = null;
      for (let i = 0; i < births; i++) {
        const ageAtBirth = rng.int(19, 38);
        const childAge = motherAge - ageAtBirth;
        if (childAge < 0) continue;
        // Grown children mostly live in their own household.
        if (childAge >= 22 && !(adultChildAtHome === null && rng.chance(0.3))) continue;
        const sex: Sex = rng.chance(0.52) ? 'M' : 'F';
        const child = person(hh, 'Con', sex, childAge, childSurname);
        members.push(child);
        if (childAge >= 24 && sex === 'M') adultChildAtHome = child;
      }
      if (adultChildAtHome) {
        const wifeAge = Math.max(
          20,
          adultChildAtHome.birthYear ? year - adultChildAtHome.birthYear - rng.int(0, 4) : 25,
        );
        members.push(person(hh, 'Con dâu', 'F', wifeAge));
        const kids = rng.int(0, 2);
        for (let k = 0; k < kids; k++) {
          const age = wifeAge - rng.int(20, 34);
          if (age >= 0)
            members.push(
              person(hh, 'Cháu', rng.chance(0.52) ? 'M' : 'F', age, adultChildAtHome.fullName.split(' ')[0]),
            );
        }
      }
    }
    if (headAge < 55 && rng.chance(0.18)) {
      const parentAge = Math.min(98, headAge + rng.int(22, 34));
      const parentSex: Sex = rng.chance(0.62) ? 'F' : 'M';
      members.push(
        person(
          hh,
          parentSex === 'F' ? 'Mẹ' : 'Bố',
          parentSex,
          parentAge,
          parentSex === 'M' ? headSurname : undefined,
        ),
      );
    }

    const take = members.slice(0, o.persons - made);
    made += take.length;
    yield {
      household: {
        id: hh.id,
        code: `${o.place.communeCode}${String(seq).padStart(5, '0')}`,
        village,
        address: `${village}, ${o.place.communeName}, ${o.place.provinceName}`,
        headPersonId: head.id,
      },
      members: take,
    };
  }
}
