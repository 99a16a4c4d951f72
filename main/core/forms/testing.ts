/**
 * For the forms tests and bench: a resident with every part of the record filled (part A values
 * the tests look for on paper, part B, doses, signed visits), made through the operations.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OperationInput, OperationName, OperationOutput } from '#contract/operations.ts';
import type { VisitInput } from '#contract/ops/record.ts';

type Ok = <N extends OperationName>(name: N, input: OperationInput<N>) => Promise<OperationOutput<N>>;

export const SAMPLE = {
  fullName: 'Nguyễn Thị Hồng Nhung',
  birthDate: '1990-03-15',
  cccd: '001190123456',
  cccdIssuedOn: '2021-07-01',
  cccdIssuedBy: 'Cục Cảnh sát QLHC về TTXH',
  bhyt: 'GD4010120878837',
  relationToHead: 'Vợ',
  religion: 'Phật giáo',
  occupation: 'Giáo viên',
  phoneMobile: '0912345678',
  email: 'nhung.nguyen@example.vn',
  mother: 'Trần Thị Lụa',
  father: 'Nguyễn Văn Thắng',
  village: 'Thôn Đông',
  street: 'Số 12 ngõ 3',
  householdCode: 'HK-0421',
} as const;

/** The values part A must print, as they appear on paper. */
export const SAMPLE_PART_A = [
  SAMPLE.fullName,
  '15/03/1990',
  'Nữ',
  'Kinh',
  'Việt Nam',
  SAMPLE.religion,
  SAMPLE.occupation,
  SAMPLE.cccd,
  '01/07/2021',
  SAMPLE.cccdIssuedBy,
  SAMPLE.bhyt,
  SAMPLE.phoneMobile,
  SAMPLE.email,
  SAMPLE.mother,
  SAMPLE.father,
  SAMPLE.householdCode,
  'Hà Nội',
  'A',
  'Rh+',
];

export function sampleVisit(visitOn: string, i = 0): VisitInput {
  return {
    visitOn,
    reason: 'Khám sức khỏe định kỳ',
    history: 'Thỉnh thoảng đau đầu, ngủ kém.',
    vitals: {
      pulse: 76 + (i % 5),
      temperatureC: 36.8,
      systolic: 128 + (i % 7),
      diastolic: 82,
      respiratoryRate: 18,
      weightKg: 54.5,
      heightCm: 158,
      waistCm: 76,
      position: '',
    },
    exam: { cardio: 'Tim đều, T1 T2 rõ.', respiratory: 'Phổi trong, không rale.' },
    labs: [{ group: 'lab', name: 'Đường huyết lúc đói', result: '5,4 mmol/L' }],
    diagnoses: [{ code: 'Z00.0', name: 'Khám sức khỏe tổng quát', main: true }],
    conclusion: 'Sức khỏe bình thường.',
    counselling: 'Ăn uống điều độ, tập thể dục đều đặn.',
    followUpOn: null,
  };
}

/** A resident with parts A–C filled; `visits` signed visits on the given days (newest last). */
export async function makeSampleResident(
  ok: Ok,
  visitDays: string[],
  over: { fullName?: string } = {},
): Promise<string> {
  const hh = await ok('persons.create', {
    person: {
      fullName: over.fullName ?? SAMPLE.fullName,
      sex: 'F',
      birthDate: SAMPLE.birthDate,
      relationToHead: SAMPLE.relationToHead,
      bloodAbo: 'A',
      bloodRh: '+',
      birthProvinceCode: '01',
      ethnicityCode: '01',
      religion: SAMPLE.religion,
      occupation: SAMPLE.occupation,
      identifiers: over.fullName
        ? []
        : [
            {
              kind: 'cccd',
              value: SAMPLE.cccd,
              issuedOn: SAMPLE.cccdIssuedOn,
              issuedBy: SAMPLE.cccdIssuedBy,
            },
            { kind: 'bhyt', value: SAMPLE.bhyt },
          ],
      currentAddress: {
        village: SAMPLE.village,
        street: SAMPLE.street,
        provinceCode: '01',
        communeCode: '00004',
      },
      permanentAddress: {
        village: SAMPLE.village,
        street: SAMPLE.street,
        provinceCode: '01',
        communeCode: '00004',
      },
      phoneMobile: SAMPLE.phoneMobile,
      email: SAMPLE.email,
      mother: { name: SAMPLE.mother, phone: '' },
      father: { name: SAMPLE.father, phone: '' },
    },
    newHousehold: { code: over.fullName ? '' : SAMPLE.householdCode },
    confirmSimilar: true,
  } as OperationInput<'persons.create'>);
  const id = hh.id;
  const empty = await ok('record.get', { personId: id });
  await ok('record.saveHistory', {
    personId: id,
    version: 0,
    history: {
      ...empty.history,
      birth: { ...empty.history.birth, delivery: 'normal', birthWeightG: 3100 },
      risks: { ...empty.history.risks, smoking: 'no', alcohol: 'no', latrine: 'flush' },
      allergies: { ...empty.history.allergies, drugs: 'Penicillin — nổi mẩn đỏ' },
      diseases: { ...empty.history.diseases, codes: [4] },
      surgery: 'Mổ ruột thừa năm 2010',
      family: { ...empty.history.family, diseases: { ...empty.history.family.diseases, hypertension: 'Bố' } },
    },
  });
  await ok('immunizations.record', {
    personId: id,
    doses: [
      { vaccineCode: 'BCG', givenOn: '1990-03-20', reaction: 'Sẹo nhỏ' },
      { vaccineCode: 'UV-1', givenOn: '2015-05-02', pregnancyMonth: 5 },
    ],
    confirmed: [],
  } as OperationInput<'immunizations.record'>);
  for (const [i, day] of visitDays.entries()) {
    const draft = await ok('visits.start', { personId: id });
    await ok('visits.sign', {
      id: draft.id,
      version: draft.version,
      visit: sampleVisit(day, i),
      confirmed: [],
    });
  }
  return id;
}

/** Text of a PDF (pdftotext -layout), pages joined. */
export function pdfText(pdf: Buffer): string {
  return withFile(pdf, (f) =>
    execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }),
  );
}

export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  const out = withFile(pdf, (f) => execFileSync('pdffonts', [f], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type... encoding emb sub uni objectId gen: emb is the 5th column from the end.
      return { name: cols[0], embedded: cols[cols.length - 5] === 'yes' };
    });
}

export interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  pageWidth: number;
  pageHeight: number;
}

/** Every word with its box (pdftotext -bbox), in points from the page's top-left corner. */
export function pdfWords(pdf: Buffer): Word[] {
  const html = withFile(pdf, (f) =>
    execFileSync('pdftotext', ['-bbox', f, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }),
  );
  const words: Word[] = [];
  let page = 0;
  let w = 0;
  let h = 0;
  for (const line of html.split('\n')) {
    const p = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line);
    if (p) {
      page += 1;
      w = Number(p[1]);
      h = Number(p[2]);
      continue;
    }
    const m = /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)<\/word>/.exec(
      line,
    );
    if (m)
      words.push({
        page,
        text: m[5],
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        pageWidth: w,
        pageHeight: h,
      });
  }
  return words;
}

/** Words outside the printable area: `margin` points in from every edge of the page. */
export function wordsOutside(words: Word[], margin: number): Word[] {
  return words.filter(
    (x) =>
      x.xMin < margin - 0.5 ||
      x.yMin < margin - 0.5 ||
      x.xMax > x.pageWidth - margin + 0.5 ||
      x.yMax > x.pageHeight - margin + 0.5,
  );
}

function withFile<T>(pdf: Buffer, fn: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'hssk-pdf-'));
  const file = join(dir, 'f.pdf');
  writeFileSync(file, pdf);
  try {
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
