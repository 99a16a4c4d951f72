/**
 * The TT 23/2025 registers on the 100,000-resident commune with ten years of records (the seed's
 * default, SEED_DEFAULTS.years = 10: visits from mid-2016 to the seed's day, 2026-07-01). Budgets:
 * `reports.a1.month` — the A1 register of the last full month (June 2026), first page of 200 lines,
 * through the dispatcher — p95 ≤ 500 ms; `reports.monthly` — the month's summary — p95 ≤ 1 s.
 * The exports of the same month are measured beside them.
 */
import { emit, measure, note } from './harness.ts';
import { benchSession } from './session.ts';

export async function registersBenches(persons: number): Promise<void> {
  const s = await benchSession(persons);
  try {
    const raw = s.core.ctx.store.raw;
    const span = raw
      .prepare(`SELECT min(visit_on) AS first, max(visit_on) AS last, count(*) AS n FROM visits`)
      .get() as {
      first: string;
      last: string;
      n: number;
    };
    note(`  visits ${span.n} from ${span.first} to ${span.last}`);
    const month = '2026-06';
    const range = { from: '2026-06-01', to: '2026-06-30' };
    const first = await s.call('registers.a1', range);
    emit(
      await measure('reports.a1.month', persons, () => s.call('registers.a1', range), {
        runs: 30,
        warmup: 3,
        extra: {
          month,
          lines: first.total,
          shown: first.rows.length,
          visits_total: span.n,
          first_visit: span.first,
          budget_p95_ms: 500,
        },
      }),
    );
    const summary = await s.call('registers.monthly', { month });
    emit(
      await measure('reports.monthly', persons, () => s.call('registers.monthly', { month }), {
        runs: 20,
        warmup: 2,
        extra: {
          month,
          visits: summary.visits.total.total,
          doses: summary.immunization.doses,
          residents: summary.coverage.residents,
          budget_p95_ms: 1000,
        },
      }),
    );
    emit(
      await measure('reports.a1.monthExport', persons, () => s.call('registers.a1Export', range), {
        runs: 5,
        warmup: 1,
        extra: { lines: first.total },
      }),
    );
    emit(
      await measure('reports.monthlyExport', persons, () => s.call('registers.monthlyExport', { month }), {
        runs: 5,
        warmup: 1,
      }),
    );
  } finally {
    s.close();
  }
}
