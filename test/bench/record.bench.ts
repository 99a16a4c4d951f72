/**
 * The health record on a commune with ten years of visits: opening a resident's full record (parts
 * A–D in one call), the exam screen's autosave and signature, the ICD-10 diagnosis search, and the
 * Today / NCD follow-up lists. Budgets (ARCHITECTURE.md): open a record p95 ≤ 30 ms, save a visit
 * p95 ≤ 10 ms, search p95 ≤ 15 ms, and no call blocks for more than 50 ms. Measured through the
 * dispatcher; the ".bare" figures call the core function directly, so the ratio is what the
 * contract (zod input and output checks) adds. Runs on a copy of the fixture (benchSession).
 */
import type { VisitInput, VisitRecord } from '#contract/ops/record.ts';
import { VisitInput as VisitInputSchema } from '#contract/ops/record.ts';
import { openRecord } from '../../main/core/record/full-record.ts';
import { Icd10Catalogue } from '../../main/core/record/rules/icd10.ts';
import { saveDraft } from '../../main/core/record/visits.ts';
import { emit, measure, note, withRatio } from './harness.ts';
import { benchSession, pick, spread, type BenchSession } from './session.ts';

const addDays = (day: string, days: number) =>
  new Date(Date.parse(day) + days * 86_400_000).toISOString().slice(0, 10);

/** A hypertensive and diabetic patient's follow-up as a nurse fills it; `i` varies the readings. */
function followUp(today: string, i: number): VisitInput {
  return {
    visitOn: today,
    reason: 'Khám theo dõi tăng huyết áp, đái tháo đường',
    history: 'Thỉnh thoảng đau đầu buổi sáng, uống thuốc đều. Không khó thở, không đau ngực, không phù.',
    vitals: {
      pulse: 72 + (i % 11),
      temperatureC: 36.6 + (i % 4) / 10,
      systolic: 132 + (i % 19),
      diastolic: 82 + (i % 9),
      respiratoryRate: 18,
      weightKg: 61.5 + (i % 5) / 2,
      heightCm: 157,
      waistCm: 84 + (i % 3),
      position: '',
    },
    exam: {
      cardio: 'Tim đều, T1 T2 rõ, không âm thổi.',
      respiratory: 'Phổi trong, không rale.',
      digestive: 'Bụng mềm, gan lách không sờ thấy.',
      neuro: 'Tỉnh, tiếp xúc tốt, không dấu thần kinh khu trú.',
    },
    labs: [
      {
        group: 'lab',
        name: 'Đường huyết mao mạch lúc đói',
        result: `${(6.8 + (i % 7) / 5).toFixed(1)} mmol/L`,
      },
    ],
    diagnoses: [
      { code: 'I10', name: 'Bệnh lý tăng huyết áp vô căn (nguyên phát)', main: true },
      { code: 'E11', name: 'Bệnh đái tháo đường không phụ thuộc insuline' },
    ],
    conclusion: 'Huyết áp chưa đạt mục tiêu, đường huyết tương đối ổn định.',
    counselling: 'Ăn nhạt, hạn chế rượu bia, đi bộ 30 phút mỗi ngày, uống thuốc đều, tái khám sau 1 tháng.',
    followUpOn: addDays(today, 30),
  };
}

async function openRecords(s: BenchSession, n: number): Promise<void> {
  const raw = s.core.ctx.store.raw;
  const residents = spread(raw.prepare('SELECT id FROM persons ORDER BY pk').pluck().all() as string[], 200);
  const heaviest = raw
    .prepare('SELECT person_id FROM visits GROUP BY person_id ORDER BY count(*) DESC LIMIT 50')
    .pluck()
    .all() as string[];
  const visitsOf = raw.prepare('SELECT count(*) FROM visits WHERE person_id = ?').pluck();
  const maxVisits = visitsOf.get(heaviest[0]) as number;
  const minVisits = visitsOf.get(heaviest[heaviest.length - 1]) as number;

  emit(
    await measure('record.open', n, (i) => s.call('record.get', { personId: pick(residents, i) }), {
      runs: 400,
      warmup: 10,
      extra: { residents: residents.length, budget_p95_ms: 30 },
    }),
  );
  const heavy = await measure(
    'record.open.heaviest',
    n,
    (i) => s.call('record.get', { personId: pick(heaviest, i) }),
    {
      runs: 200,
      warmup: 5,
      extra: { residents: heaviest.length, visits: `${minVisits}–${maxVisits}`, budget_p95_ms: 30 },
    },
  );
  const bare = await measure(
    'record.open.heaviest.bare',
    n,
    (i) => openRecord(s.core.ctx, s.actor, pick(heaviest, i)),
    { runs: 200, warmup: 5 },
  );
  emit(bare);
  emit(withRatio(heavy, bare));
}

/** Drafts started through visits.start for `people`, each with its current version. */
async function startDrafts(s: BenchSession, people: string[]): Promise<{ id: string; version: number }[]> {
  const out: { id: string; version: number }[] = [];
  for (const personId of people) {
    const v = await s.call('visits.start', { personId });
    out.push({ id: v.id, version: v.version });
  }
  return out;
}

async function visits(s: BenchSession, n: number): Promise<void> {
  const raw = s.core.ctx.store.raw;
  // Autosave: 20 open exams of NCD patients, saved over and over as the nurse types.
  const patients = spread(
    raw
      .prepare(`SELECT person_id FROM ncd_registers WHERE register = 'hypertension' ORDER BY rowid`)
      .pluck()
      .all() as string[],
    20,
  );
  const drafts = await startDrafts(s, patients);
  const save = async (i: number) => {
    const d = pick(drafts, i);
    const r: VisitRecord = await s.call('visits.saveDraft', {
      id: d.id,
      version: d.version,
      visit: followUp(s.today, i + 1000),
    });
    d.version = r.version;
  };
  const figure = await measure('visit.save', n, save, {
    runs: 300,
    warmup: 10,
    extra: { drafts: drafts.length, budget_p95_ms: 10 },
  });
  const parsed = Array.from({ length: 20 }, (_, i) => VisitInputSchema.parse(followUp(s.today, i)));
  const bare = await measure(
    'visit.save.bare',
    n,
    (i) => {
      const d = pick(drafts, i);
      d.version = saveDraft(s.core.ctx, s.actor, d.id, d.version, pick(parsed, i)).version;
    },
    { runs: 300, warmup: 10 },
  );
  emit(bare);
  emit(withRatio(figure, bare));

  // Start and sign: one exam each for 103 adults picked across the commune (100 runs, 3 warm-ups).
  // Enough runs that the p95 includes the commits that happen to run a WAL auto-checkpoint.
  const runs = 100;
  const warmup = 3;
  const adults = spread(
    raw
      .prepare(
        `SELECT id FROM persons WHERE status = 'active' AND length(birth_date) = 10 AND birth_year < 2000 ORDER BY pk`,
      )
      .pluck()
      .all() as string[],
    runs + warmup,
  );
  const slot = (i: number) => (i >= 0 ? i : runs - 1 - i);
  const started: { id: string; version: number }[] = [];
  emit(
    await measure(
      'visit.start',
      n,
      async (i) => {
        const v = await s.call('visits.start', { personId: adults[slot(i)] });
        started[slot(i)] = { id: v.id, version: v.version };
      },
      { runs, warmup },
    ),
  );
  emit(
    await measure(
      'visit.sign',
      n,
      (i) => {
        const d = started[slot(i)];
        return s.call('visits.sign', { id: d.id, version: d.version, visit: followUp(s.today, i) });
      },
      { runs, warmup, extra: { budget_p95_ms: 10 } },
    ),
  );
  // The autosave drafts stay open: the Today queue below lists them, as it would at the station.
}

/** The "Hôm nay" queue and the NCD overdue list. Few runs: on 100,000 residents a call can take seconds. */
async function lists(s: BenchSession, n: number): Promise<void> {
  const today = await s.call('record.today', {});
  emit(
    await measure('record.today', n, () => s.call('record.today', {}), {
      runs: 10,
      warmup: 1,
      extra: {
        items: today.items.length,
        totals: today.totals,
      },
    }),
  );
  // A pregnant woman's "Thai sản, KHHGĐ" tab (issue 14): her pregnancies, visits and methods.
  const pregnant = s.core.ctx.store.raw
    .prepare('SELECT person_id FROM pregnancies WHERE outcome IS NULL LIMIT 50')
    .pluck()
    .all() as string[];
  if (pregnant.length)
    emit(
      await measure(
        'pregnancy.get',
        n,
        (i) => s.call('pregnancies.get', { personId: pregnant[Math.abs(i) % pregnant.length] }),
        {
          runs: 50,
          extra: { open_pregnancies_sampled: pregnant.length },
        },
      ),
    );
  const overdue = await s.call('record.ncdOverdue', { limit: 200 });
  emit(
    await measure('record.ncdOverdue', n, () => s.call('record.ncdOverdue', { limit: 200 }), {
      runs: 20,
      warmup: 1,
      extra: { total: overdue.total },
    }),
  );
}

const ICD_QUERIES = [
  'tang huyet ap',
  'I10',
  'dai thao duong',
  'viem hong',
  'E11',
  'tăng huyết áp',
  'đái tháo đường típ 2',
  'tieu duong type 2',
  'viem phoi',
  'J06',
  'E11.9',
  'viem da day',
  'dau lung',
  'sot',
  'ho',
  'viem phe quan cap',
  'THA',
  'copd',
  'gut',
  'tieu chay',
  'J0',
  'K29',
  'hen',
  'roi loan lipid mau',
  'thieu mau',
];

async function icd(s: BenchSession, n: number): Promise<void> {
  // The catalogue is built on first use, synchronously, in the call that needs it: what the first
  // diagnosis typed after start-up pays (nothing calls Icd10Catalogue.prepare() at start-up).
  emit(
    await measure(
      'icd.search.cold',
      n,
      () => new Icd10Catalogue(s.core.ctx.resourcesDir).search('tang huyet ap', 15),
      { runs: 5, warmup: 0 },
    ),
  );
  const hits: number[] = [];
  const figure = await measure(
    'icd.search',
    n,
    async (i) => {
      const r = await s.call('codes.icd10Search', { q: pick(ICD_QUERIES, i), limit: 15 });
      if (i >= 0) hits.push(r.hits.length);
    },
    { runs: ICD_QUERIES.length * 8, warmup: 5, extra: { queries: ICD_QUERIES.length, budget_p95_ms: 15 } },
  );
  emit({ ...figure, mean_hits: Math.round((hits.reduce((a, b) => a + b, 0) / hits.length) * 10) / 10 });
  emit(
    await measure('icd.search.bare', n, (i) => s.core.ctx.clinical.icd10.search(pick(ICD_QUERIES, i), 15), {
      runs: ICD_QUERIES.length * 8,
      warmup: 5,
    }),
  );
}

export async function recordBenches(persons: number): Promise<void> {
  const s = await benchSession(persons);
  try {
    await openRecords(s, persons);
    note('  visits');
    await visits(s, persons);
    await lists(s, persons);
    await icd(s, persons);
  } finally {
    s.close();
  }
}
