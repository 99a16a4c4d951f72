/**
 * The reports dashboard (issue 13): every figure of the Báo cáo screen for the current year on the
 * whole commune, through the dispatcher. Budget p95 ≤ 300 ms (goal 150) on 100,000 residents.
 * Beside it: one village, and the two work lists that read most (not examined, malnourished).
 * `reports.dashboard` and `.village` are FIRST opens: the kept figures (dashboard-cache.ts) are
 * dropped before each call, so they measure the computation; `.cached` is an open with nothing
 * written since the last one (the screen opened again, a village seen before).
 *
 * `reports.dashboard.synced`: the same first open on a station whose every record went to the FHIR
 * upstream (a delivery and an acknowledged outbox row per resident).
 *
 * `reports.worklistPrint.not-examined` and `reports.dueListPrint`: the whole list as a PDF print job
 * (the list worker reads it and lays it out a chunk at a time), with the pages and rows, and the
 * longest this thread's event loop was held meanwhile (goal ≤ 50 ms: the window's thread);
 * `list_read_ms` is the same read done on this thread, what the worker spares it.
 */
import { dueList } from '../../main/core/record/immunization-due-list.ts';
import { forgetFigures } from '../../main/core/reports/dashboard-cache.ts';
import { worklist } from '../../main/core/reports/worklists.ts';
import { UpstreamSettingsInput } from '#contract/ops/upstream.ts';
import { claim, recordAcknowledged, recordFailed } from '../../main/core/sync/deliveries.ts';
import { markRecord, queueUnmarked, settleOutbox } from '../../main/core/sync/outbox.ts';
import { saveSettings } from '../../main/core/upstream/settings.ts';
import { emit, measure, withLoopWatch } from './harness.ts';
import { benchSession } from './session.ts';

export async function reportsBenches(persons: number): Promise<void> {
  const s = await benchSession(persons);
  try {
    const year = s.today.slice(0, 4);
    const scope = { from: `${year}-01-01`, to: s.today };
    const d = await s.call('reports.dashboard', scope);
    const first = (input: typeof scope & { village?: string }) => {
      forgetFigures(s.core.ctx.store);
      return s.call('reports.dashboard', input);
    };
    emit(
      await measure('reports.dashboard', persons, () => first(scope), {
        runs: 30,
        warmup: 3,
        extra: {
          from: scope.from,
          to: scope.to,
          withRecord: d.coverage.withRecord,
          updated: d.updated,
          under5: d.growth.under5,
          budget_p95_ms: 300,
          goal_p95_ms: 150,
        },
      }),
    );
    const village = [...d.byVillage].sort((a, b) => b.active - a.active)[0]?.village ?? '';
    emit(
      await measure('reports.dashboard.village', persons, () => first({ ...scope, village }), {
        runs: 20,
        warmup: 2,
        extra: { village },
      }),
    );
    emit(
      await measure('reports.dashboard.cached', persons, () => s.call('reports.dashboard', scope), {
        runs: 30,
        warmup: 1,
      }),
    );
    // A station that has uploaded its commune: the upstream figures then count a delivery per resident.
    const synced = uploadEverything(s);
    const shown = (await first(scope)).upstream;
    emit(
      await measure('reports.dashboard.synced', persons, () => first(scope), {
        runs: 30,
        warmup: 3,
        extra: { sent: synced, shown, budget_p95_ms: 300 },
      }),
    );
    for (const kind of ['not-examined', 'malnourished'] as const) {
      const first = await s.call('reports.worklist', { ...scope, kind });
      emit(
        await measure(
          `reports.worklist.${kind}`,
          persons,
          () => s.call('reports.worklist', { ...scope, kind }),
          {
            runs: 10,
            warmup: 1,
            extra: { total: first.total, shown: first.rows.length },
          },
        ),
      );
    }
    await listPrints(s, scope, village, persons);
  } finally {
    s.close();
  }
}

/**
 * The FHIR upstream on, and every resident's record sent through the delivery and outbox
 * repositories as an upload leaves them: 98 % acknowledged, 2 % refused, and 1 in 40 of the
 * acknowledged edited since (marked again, so no longer counted as held upstream).
 */
function uploadEverything(s: Awaited<ReturnType<typeof benchSession>>): {
  acknowledged: number;
  failed: number;
} {
  const ctx = s.core.ctx;
  const store = ctx.store;
  saveSettings(
    ctx,
    s.actor,
    UpstreamSettingsInput.parse({ fhir: { enabled: true, statutory: true, url: 'http://127.0.0.1:9/fhir' } }),
  );
  const now = ctx.clock().toISOString();
  let next: number | null = 0;
  while (next !== null) next = store.tx(() => queueUnmarked(store, now, next ?? 0, 5_000)).nextPk;
  const records = store
    .prepare(
      `SELECT entity_id AS personId, version FROM sync_outbox WHERE entity = 'person' ORDER BY entity_id`,
    )
    .all() as { personId: string; version: number }[];
  let acknowledged = 0;
  let failed = 0;
  for (let i = 0; i < records.length; i += 5_000) {
    const slice = records.slice(i, i + 5_000);
    store.tx(() => {
      claim(store, 'fhir', slice, 'bench-run', now);
      slice.forEach((r, k) => {
        if ((i + k) % 50 === 0) {
          recordFailed(store, 'fhir', r.personId, { code: 'invalid', message: 'Thiếu mã định danh' }, now);
          failed += 1;
          return;
        }
        recordAcknowledged(store, 'fhir', r.personId, r.version, null, now);
        settleOutbox(store, r.personId, r.version, { state: 'acknowledged', remoteId: null }, now);
        if ((i + k) % 40 === 1) markRecord(store, r.personId, now);
        else acknowledged += 1;
      });
    });
  }
  return { acknowledged, failed };
}

/** One village's lists (a print takes at most MAX_PRINT_ROWS; a station prints a village at a time). */
async function listPrints(
  s: Awaited<ReturnType<typeof benchSession>>,
  scope: { from: string; to: string },
  village: string,
  persons: number,
): Promise<void> {
  const prints = [
    {
      bench: 'reports.worklistPrint.not-examined',
      call: () => s.call('reports.worklistPrint', { ...scope, village, kind: 'not-examined' }),
      read: () =>
        worklist(s.core.ctx, { ...scope, village, kind: 'not-examined', limit: Number.MAX_SAFE_INTEGER }),
    },
    {
      bench: 'reports.dueListPrint',
      call: () => s.call('reports.dueListPrint', { sessionDate: s.today, village, place: 'Trạm y tế xã' }),
      read: () => dueList(s.core.ctx, { sessionDate: s.today, village, limit: 1_000_000 }),
    },
  ];
  for (const p of prints) {
    let maxGap = 0;
    let last = { pages: 0, rows: 0 };
    const figure = await measure(
      p.bench,
      persons,
      async () => {
        const r = await withLoopWatch(p.call);
        maxGap = Math.max(maxGap, r.maxGapMs);
        last = r.value;
      },
      { runs: 3, warmup: 1 },
    );
    const t0 = performance.now();
    p.read();
    const readMs = Math.round(performance.now() - t0);
    emit({
      ...figure,
      pages: last.pages,
      rows: last.rows,
      max_loop_gap_ms: maxGap,
      list_read_ms: readMs,
      village,
      goal_loop_ms: 50,
    });
  }
}
