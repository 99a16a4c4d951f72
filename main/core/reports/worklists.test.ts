import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCore } from '../../../test/helpers/core.ts';
import { smallCommune, type People } from '../../../test/helpers/report-commune.ts';
import { claim, recordAcknowledged, recordFailed } from '../sync/deliveries.ts';
import { settleOutbox } from '../sync/outbox.ts';

let t: TestCore;
let p: People;
beforeAll(async () => {
  ({ t, people: p } = await smallCommune());
}, 60_000);
afterAll(() => t?.close());

const Q1 = { from: '2026-01-01', to: '2026-03-31' };

describe('work-list export', () => {
  it('writes the list to XLSX with its own date and detail columns', async () => {
    const r = await t.ok('reports.worklistExport', { ...Q1, kind: 'ncd-overdue' });
    expect(r).toMatchObject({ fileName: 'ncd-overdue-2026-03-31.xlsx', rows: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.contentBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      'STT',
      'Họ và tên',
      'Ngày sinh',
      'Giới tính',
      'Thôn/xóm',
      'Điện thoại',
      'Hẹn tái khám',
      'Sổ quản lý',
    ]);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
      1,
      'Nguyễn Văn An',
      '14/05/1962',
      'Nam',
      'Thôn Đông',
      undefined,
      '15/02/2026',
      'Tăng huyết áp — quá hạn 23 ngày',
    ]);
    expect(ws.rowCount).toBe(2);
    const trail = (await t.ok('audit.list', { limit: 3 })).find(
      (a) => a.action === 'reports.worklist.export',
    );
    expect(trail?.details).toMatchObject({ kind: 'ncd-overdue', rows: 1 });
  });

  it('exports the malnourished children with the indicator named, and a year-only birth as written', async () => {
    const r = await t.ok('reports.worklistExport', { ...Q1, kind: 'malnourished' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.contentBase64, 'base64') as unknown as ArrayBuffer);
    const row = wb.worksheets[0].getRow(2);
    expect([row.getCell(2).value, row.getCell(3).value, row.getCell(7).value]).toEqual([
      'Vũ Thị Hà',
      '10/03/2023',
      '01/03/2026',
    ]);
    expect(String(row.getCell(8).value)).toMatch(/^Nhẹ cân .*; Gầy còm /);
    const working = await t.ok('reports.worklistExport', { ...Q1, kind: 'age-working' });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(working.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb2.worksheets[0];
    expect([2, 3].map((n) => [sheet.getRow(n).getCell(2).value, sheet.getRow(n).getCell(3).value])).toEqual([
      ['Đinh Văn Sơn', '1985'],
      ['Lê Thị Cúc', '07/07/1990'],
    ]);
  });
});

describe('what the upstream holds', () => {
  it('counts records acknowledged at their current version and those refused, once an upstream is on', async () => {
    await t.ok('upstream.saveSettings', { fhir: { enabled: true, url: 'http://127.0.0.1:9/fhir' } });
    const store = t.core.ctx.store;
    const version = (id: string) =>
      store
        .prepare(`SELECT version FROM sync_outbox WHERE entity = 'person' AND entity_id = ?`)
        .pluck()
        .get(id) as number;
    const now = '2026-03-10T03:00:00.000Z';
    store.tx(() => {
      claim(
        store,
        'fhir',
        [p.an, p.binh, p.cuc].map((personId) => ({ personId, version: version(personId) })),
        'run-1',
        now,
      );
      // An: the version it has now. Bình: an older one (edited since). Cúc: refused. The outbox is
      // settled with each acknowledgement, as the upload engine does in the same transaction.
      const ack = (upstream: 'fhir' | 'xml831', personId: string, v: number) => {
        recordAcknowledged(store, upstream, personId, v, null, now);
        settleOutbox(store, personId, v, { state: 'acknowledged', remoteId: null }, now);
      };
      ack('fhir', p.an, version(p.an));
      ack('fhir', p.binh, version(p.binh) - 1);
      recordFailed(store, 'fhir', p.cuc, { code: 'invalid', message: 'Thiếu mã định danh' }, now);
    });
    const d = await t.ok('reports.dashboard', Q1);
    expect(d.upstream).toEqual({ configured: true, acknowledged: 1, failed: 1 });
    const failed = await t.ok('reports.worklist', { ...Q1, kind: 'upload-failed' });
    expect(failed.rows).toMatchObject([
      { personId: p.cuc, date: '2026-03-10', detail: 'Thiếu mã định danh' },
    ]);
    const acked = await t.ok('reports.worklist', { ...Q1, kind: 'acknowledged' });
    expect(acked.rows).toMatchObject([{ personId: p.an, detail: 'FHIR' }]);

    // The 831 XML upstream, switched off, acknowledged An and Cúc: only an upstream that is on counts.
    store.tx(() => {
      claim(
        store,
        'xml831',
        [p.an, p.cuc].map((personId) => ({ personId, version: version(personId) })),
        'run-2',
        now,
      );
      recordAcknowledged(store, 'xml831', p.an, version(p.an), null, now);
      settleOutbox(store, p.an, version(p.an), { state: 'acknowledged', remoteId: null }, now);
      recordAcknowledged(store, 'xml831', p.cuc, version(p.cuc), null, now);
      settleOutbox(store, p.cuc, version(p.cuc), { state: 'acknowledged', remoteId: null }, now);
    });
    expect((await t.ok('reports.dashboard', Q1)).upstream).toEqual({
      configured: true,
      acknowledged: 1,
      failed: 1,
    });
    // Both on: An (held by both) once, and Cúc; the list says the same.
    await t.ok('upstream.saveSettings', {
      fhir: { enabled: true, url: 'http://127.0.0.1:9/fhir' },
      xml831: { enabled: true, url: 'http://127.0.0.1:9/xml' },
    });
    const both = await t.ok('reports.dashboard', Q1);
    expect(both.upstream).toEqual({ configured: true, acknowledged: 2, failed: 1 });
    const list = await t.ok('reports.worklist', { ...Q1, kind: 'acknowledged' });
    expect(list.rows.map((r) => r.personId).sort()).toEqual([p.an, p.cuc].sort());
    expect(list.total).toBe(2);
  });
});

describe('query plans', () => {
  it('never scans the visits table for the dashboard or the work lists', async () => {
    const store = t.core.ctx.store;
    const seen = new Set<string>();
    const prepare = store.prepare.bind(store);
    store.prepare = (sql: string) => {
      seen.add(sql);
      return prepare(sql);
    };
    try {
      await t.ok('reports.dashboard', Q1);
      await t.ok('reports.dashboard', { ...Q1, village: 'Thôn Tây' });
      for (const kind of ['malnourished', 'updated', 'not-examined', 'ncd-overdue'] as const)
        await t.ok('reports.worklist', { ...Q1, kind });
    } finally {
      store.prepare = prepare;
    }
    const onVisits = [...seen].filter((sql) => /\bvisits\b/.test(sql));
    // The exams in the period (trends, the updated list of a past period) and each child's last
    // measurement; the updated count of a period reaching the newest change reads record_changed.
    expect(onVisits.length).toBeGreaterThanOrEqual(2);
    for (const sql of onVisits) {
      const params = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1], '']));
      const positional = (sql.match(/\?/g) ?? []).map(() => '');
      const explain = store.raw.prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const plan = (
        (Object.keys(params).length ? explain.all(...positional, params) : explain.all(...positional)) as {
          detail: string;
        }[]
      ).map((r) => r.detail);
      const scans = plan.filter((l) => /^SCAN (visits|v)\b/.test(l));
      expect({ sql, scans }).toEqual({ sql, scans: [] });
      expect(
        plan.some((l) =>
          /^SEARCH (visits|v) USING .*INDEX (visits_signed_on|visits_signed_updated|visits_person|visits_last_measured|sqlite_autoindex_visits_1)/.test(
            l,
          ),
        ),
      ).toBe(true);
    }
  });
});
