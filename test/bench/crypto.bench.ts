/**
 * What SQLCipher costs the user (issue 12, `crypto.overhead`, goal ≤ 1.3): the name search and the
 * exam's autosave through the dispatcher on the 100,000-resident commune, encrypted as the app runs
 * it and the same seeded data in a plain database. The two run interleaved, a small batch each in
 * turn with the order swapped every round, so a busy machine (another job, the page cache, the
 * CPU's clock) weighs on both sides alike. One figure per side and operation, the encrypted one
 * with its ratio to the plain one; then `crypto.overhead`, the larger of the two ratios.
 */
import type { VisitInput } from '#contract/ops/record.ts';
import { emit, note, type Figure } from './harness.ts';
import { ascii, benchSession, pick, spread, type BenchSession } from './session.ts';

const ROUNDS = 40;
const BATCH = 10;
const WARMUP = 20;

const round3 = (x: number) => Math.round(x * 1000) / 1000;
function figure(bench: string, n: number, times: number[], extra: Record<string, unknown> = {}): Figure {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return { bench, n, p50_ms: round3(at(50)), p95_ms: round3(at(95)), runs: times.length, ...extra };
}

/** Runs `op` on both sessions, interleaved, and returns each side's call times. */
async function interleaved(
  sides: { enc: BenchSession; plain: BenchSession },
  op: (s: BenchSession, i: number) => Promise<unknown>,
): Promise<{ enc: number[]; plain: number[] }> {
  const times = { enc: [] as number[], plain: [] as number[] };
  for (let i = 0; i < WARMUP; i++) {
    await op(sides.enc, -1 - i);
    await op(sides.plain, -1 - i);
  }
  for (let r = 0; r < ROUNDS; r++) {
    const order: ('enc' | 'plain')[] = r % 2 ? ['plain', 'enc'] : ['enc', 'plain'];
    for (const side of order) {
      for (let b = 0; b < BATCH; b++) {
        const i = r * BATCH + b;
        const t0 = performance.now();
        await op(sides[side], i);
        times[side].push(performance.now() - t0);
      }
    }
  }
  return times;
}

function visitInput(today: string, i: number): VisitInput {
  return {
    visitOn: today,
    reason: 'Khám theo dõi tăng huyết áp',
    history: 'Thỉnh thoảng đau đầu buổi sáng, uống thuốc đều.',
    vitals: {
      pulse: 72 + (i % 11),
      systolic: 132 + (i % 19),
      diastolic: 82 + (i % 9),
      weightKg: 61.5,
      heightCm: 157,
    },
    exam: { cardio: 'Tim đều, T1 T2 rõ.' },
    diagnoses: [{ code: 'I10', name: 'Bệnh lý tăng huyết áp vô căn (nguyên phát)', main: true }],
  };
}

export async function cryptoBenches(persons: number): Promise<void> {
  const enc = await benchSession(persons, { encrypted: true });
  const plain = await benchSession(persons, { encrypted: false });
  try {
    if (!enc.core.database.encrypted || plain.core.database.encrypted)
      throw new Error('crypto bench: expected one encrypted and one plain database');
    const ratios: Record<string, number> = {};
    const report = (bench: string, t: { enc: number[]; plain: number[] }, extra: Record<string, unknown>) => {
      const base = figure(`${bench}.plain`, persons, t.plain, { encrypted: false, ...extra });
      const fig = figure(bench, persons, t.enc, { encrypted: true, ...extra });
      const ratio = round3(fig.p95_ms / base.p95_ms);
      ratios[bench] = ratio;
      emit(base);
      emit({ ...fig, ratio, ratio_p50: round3(fig.p50_ms / base.p50_ms), baseline: base.bench });
    };

    // The same ~200 names in both (the seed is deterministic), typed without diacritics.
    const names = spread(
      enc.core.ctx.store.raw.prepare('SELECT full_name FROM persons ORDER BY pk').pluck().all() as string[],
      200,
    ).map((n, i) => {
      const words = ascii(n).split(' ');
      return i % 2 ? words.join(' ') : `${words[0]} ${words[words.length - 1]}`;
    });
    report(
      'search.name',
      await interleaved({ enc, plain }, (s, i) => s.call('persons.search', { q: pick(names, i), limit: 12 })),
      { queries: names.length },
    );

    // Autosave of 20 open exams on each side, saved over and over.
    const patients = (s: BenchSession) =>
      spread(
        s.core.ctx.store.raw
          .prepare(`SELECT person_id FROM ncd_registers WHERE register = 'hypertension' ORDER BY rowid`)
          .pluck()
          .all() as string[],
        20,
      );
    const drafts = new Map<BenchSession, { id: string; version: number }[]>();
    for (const s of [enc, plain]) {
      const list: { id: string; version: number }[] = [];
      for (const personId of patients(s)) {
        const v = await s.call('visits.start', { personId });
        list.push({ id: v.id, version: v.version });
      }
      drafts.set(s, list);
    }
    report(
      'visit.save',
      await interleaved({ enc, plain }, async (s, i) => {
        const d = pick(drafts.get(s)!, i);
        d.version = (
          await s.call('visits.saveDraft', {
            id: d.id,
            version: d.version,
            visit: visitInput(s.today, i + 1000),
          })
        ).version;
      }),
      { drafts: 20 },
    );

    const worst = Object.entries(ratios).sort((a, b) => b[1] - a[1])[0];
    process.stdout.write(
      `${JSON.stringify({ bench: 'crypto.overhead', n: persons, ratio: worst[1], of: worst[0], ratios, goal_ratio: 1.3 })}\n`,
    );
    note(`  crypto.overhead ${worst[1]} (${worst[0]}; goal ≤ 1.3)`);
  } finally {
    enc.close();
    plain.close();
  }
}
