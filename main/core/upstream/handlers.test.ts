/**
 * The upstream operations as the "Đồng bộ" screen calls them: settings whose secrets never come
 * back, status counts, the failed list with "Gửi lại", the closing-time job with its progress.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';
import { startFhirServer, type FhirServer } from '../../../test/upstream/fhir-server.ts';

let t: TestCore | undefined;
let server: FhirServer | undefined;
afterEach(async () => {
  t?.close();
  await server?.close();
  t = server = undefined;
});

describe('upstream settings', () => {
  it('keeps secrets write-only: saved, never returned, kept when left out, cleared by an empty value', async () => {
    t = await makeSignedInCore();
    const saved = await t.ok('upstream.saveSettings', {
      fhir: { enabled: true, url: 'https://fhir.example.vn/r4', auth: 'bearer', secret: 'tok-123' },
    });
    expect(JSON.stringify(saved)).not.toContain('tok-123');
    expect(saved.fhir).toMatchObject({ enabled: true, hasSecret: true, statutory: false });
    const again = await t.ok('upstream.saveSettings', {
      fhir: { enabled: true, url: 'https://fhir.example.vn/r4', auth: 'bearer' },
    });
    expect(again.fhir.hasSecret).toBe(true);
    const cleared = await t.ok('upstream.saveSettings', {
      fhir: { enabled: false, auth: 'bearer', secret: '' },
    });
    expect(cleared.fhir.hasSecret).toBe(false);
    const audit = t.core.ctx.store.raw
      .prepare(`SELECT details FROM audit_log WHERE action = 'upstream.settings'`)
      .pluck()
      .all();
    expect(audit.join()).not.toContain('tok-123');
  });

  it('refuses a private key that is not one, in Vietnamese', async () => {
    t = await makeSignedInCore();
    const r = await t.call('upstream.saveSettings', {
      fhir: { enabled: true, url: 'https://x.vn/fhir', auth: 'smart-backend', privateKeyPem: 'not a key' },
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/Khoá riêng/) },
    });
  });
});

describe('status, failures and the closing-time run', () => {
  it('counts what waits, runs the closing job with progress, lists and requeues failures', async () => {
    t = await makeSignedInCore();
    const a = await t.ok('persons.create', {
      person: personInput({ fullName: 'Một' }),
      confirmSimilar: true,
    });
    await t.ok('persons.create', {
      person: personInput({ fullName: 'Hai', birthDate: '1971-01-01' }),
      confirmSimilar: true,
    });
    server = await startFhirServer({ faults: '503=1' });
    await t.ok('upstream.saveSettings', { fhir: { enabled: true, statutory: true, url: server.url } });
    const before = await t.ok('upstream.status', {});
    expect(before.upstreams.find((u) => u.kind === 'fhir')?.counts.pending).toBe(2);
    expect(before.pendingTotal).toBe(2);
    expect(await t.ok('upstream.closingPreview', {})).toEqual([{ upstream: 'fhir', toSend: 2, toSkip: 0 }]);

    const progress: { done: number; total: number; finished: boolean }[] = [];
    const off = t.core.events.subscribe((name, payload) => {
      const p = payload as { kind: string; done: number; total: number; finished: boolean };
      if (name === 'job.progress' && p.kind === 'sync') progress.push(p);
    });
    const { jobId } = await t.ok('upstream.closingStart', {});
    for (let i = 0; i < 600 && !(await t.ok('upstream.closingResult', { jobId })).finished; i++)
      await new Promise((r) => setTimeout(r, 50));
    off();
    const result = await t.ok('upstream.closingResult', { jobId });
    // The 503 hit one record; the closing run waited out its back-off and sent it.
    expect(result.summaries).toMatchObject([{ upstream: 'fhir', acknowledged: 2, failed: 0 }]);
    expect(progress.at(-1)?.finished).toBe(true);
    const after = await t.ok('upstream.status', {});
    expect(after.upstreams.find((u) => u.kind === 'fhir')?.counts.acknowledged).toBe(2);
    expect(after.recentRuns[0]).toMatchObject({ trigger: 'closing', acknowledged: 2 });
    expect(after.lastSuccessAt).not.toBeNull();
    // The reports count what the upload left: both held at their version, then one edited since.
    const period = { from: '2026-01-01', to: '2026-12-31' };
    expect((await t.ok('reports.dashboard', period)).upstream).toEqual({
      configured: true,
      acknowledged: 2,
      failed: 0,
    });
    await t.ok('record.saveHistory', { personId: a.id, version: 0, history: { surgery: 'Mổ ruột thừa' } });
    expect((await t.ok('reports.dashboard', period)).upstream.acknowledged).toBe(1);
    expect((await t.ok('reports.worklist', { ...period, kind: 'acknowledged' })).total).toBe(1);

    // A record the server refuses: failed, listed with its reason, requeued by "Gửi lại".
    t.core.ctx.store.raw
      .prepare(
        `UPDATE sync_deliveries SET state = 'failed', last_error_code = 'FHIR_INVALID', last_error_message = 'Máy chủ FHIR từ chối hồ sơ.' WHERE person_id = ?`,
      )
      .run(a.id);
    const failed = await t.ok('upstream.failed', {});
    expect(failed).toMatchObject([{ personId: a.id, fullName: 'Một', code: 'FHIR_INVALID' }]);
    expect(await t.ok('upstream.retry', { personId: a.id })).toEqual({ requeued: 1 });
    const runs = await t.ok('upstream.run', { upstream: 'fhir' });
    expect(runs).toMatchObject([{ sent: 1, acknowledged: 1 }]);
  });
});
