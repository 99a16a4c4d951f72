import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToVn } from '#contract/dates.ts';
import { memoryBinding, type TestCore } from '../../../../test/helpers/core.ts';
import { smallCommune, TODAY, type People } from '../../../../test/helpers/report-commune.ts';
import { CupsDriver, type Exec } from '../../forms/printers/cups.ts';
import { startCupsPdf, waitForPrintedPdf, type CupsPdf } from '../../forms/printers/cups-testkit.ts';
import { printStamp, stationHeading } from '../../forms/load.ts';
import { setPrinterDriver } from '../../forms/service.ts';
import { MAX_PRINT_ROWS, readAndWrite } from './read.ts';
import { importWorkerSource } from '../../registry/list-import/worker-source.ts';

/**
 * Work lists and the immunisation invitation list printed through the forms pipeline: a PDF on the
 * list worker, kept as a print job, read back here with pdftotext.
 */
let t: TestCore;
let p: People;
beforeAll(async () => {
  ({ t, people: p } = await smallCommune());
}, 60_000);
afterAll(() => t?.close());

const Q1 = { from: '2026-01-01', to: '2026-03-31' };
const jobPdf = (jobId: string) => join(t.dir, 'print-jobs', `${jobId}.pdf`);
const text = (pdf: string, page?: number) =>
  execFileSync(
    'pdftotext',
    [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', pdf, '-'],
    {
      encoding: 'utf8',
    },
  );

describe('printing a work list', () => {
  it('renders the overdue NCD list with the station, period, columns and "Trang 1/1", kept as a job and audited', async () => {
    // A file database: the list is read and laid out on the list worker, as in the app.
    expect(importWorkerSource(t.core.ctx.store)).not.toBeNull();
    const r = await t.ok('reports.worklistPrint', { ...Q1, kind: 'ncd-overdue' });
    expect(r).toMatchObject({ rows: 1, pages: 1, title: 'Người bệnh quá hạn tái khám (1 người)' });
    const page = text(jobPdf(r.jobId));
    expect(page).toContain('NGƯỜI BỆNH QUÁ HẠN TÁI KHÁM');
    expect(page).toContain('Kỳ báo cáo: từ 01/01/2026 đến 31/03/2026 · Toàn xã');
    expect(page).toMatch(
      /STT\s+Họ và tên\s+Ngày sinh\s+Giới\s+Thôn\/xóm\s+Điện thoại\s+Hẹn tái khám\s+Sổ quản lý/,
    );
    expect(page).toMatch(
      /1\s+Nguyễn Văn An\s+14\/05\/1962\s+Nam\s+Thôn Đông\s+15\/02\/2026\s+Tăng huyết áp — quá hạn 23 ngày/,
    );
    expect(page).toContain('Trang 1/1');
    const station = (await t.ok('station.get', {})).name;
    expect(page).toContain(station.toLocaleUpperCase('vi-VN'));

    const jobs = (await t.ok('forms.jobs', { limit: 5 })).jobs;
    expect(jobs[0]).toMatchObject({ id: r.jobId, form: 'list', kind: 'print', status: 'queued', total: 1 });
    expect(jobs[0].fileName).toBe('danh-sach-ncd-overdue-2026-03-31.pdf');
    const trail = (await t.ok('audit.list', { limit: 3 })).find((a) => a.action === 'reports.worklist.print');
    expect(trail?.details).toMatchObject({ kind: 'ncd-overdue', rows: 1, pages: 1, jobId: r.jobId });
  });

  it('prints the records refused upstream too (an empty list is refused in Vietnamese)', async () => {
    const r = await t.call('reports.worklistPrint', { ...Q1, kind: 'upload-failed' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('không có ai') },
    });
  });

  it('refuses a list longer than a print takes, saying how many and what to do instead', async () => {
    const heading = { station: stationHeading(t.core.ctx), stamp: printStamp(t.core.ctx, null) };
    const path = join(t.dir, 'too-long.pdf');
    const request = { list: 'worklist', input: { ...Q1, kind: 'not-examined' } } as const;
    // The whole commune's list has more people than a print takes (here at most one): no file.
    const outcome = await readAndWrite(t.core.ctx, request, heading, path, { maxRows: 1 });
    expect(outcome).toEqual({ tooLong: expect.any(Number) });
    expect(outcome && 'tooLong' in outcome && outcome.tooLong).toBeGreaterThan(1);
    expect(existsSync(path)).toBe(false);
    expect(MAX_PRINT_ROWS).toBe(10_000);
  });

  it('refuses a bad input naming the field, and a user without forms.print', async () => {
    const bad = await t.call('reports.worklistPrint', { ...Q1, kind: 'everyone' as never });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(!bad.ok && bad.error.message).toMatch(/^Loại \(đợt khám, danh sách\)/);
    const long = await t.call('reports.worklistPrint', {
      ...Q1,
      kind: 'malnourished',
      village: 'x'.repeat(101),
    });
    expect(!long.ok && long.error.message).toBe('Thôn/xóm: tối đa 100 ký tự, đang có 101.');
    const place = await t.call('reports.dueListPrint', { sessionDate: TODAY, place: 'y'.repeat(201) });
    expect(!place.ok && place.error.message).toBe('Nơi tiêm: tối đa 200 ký tự, đang có 201.');

    await t.ok('users.create', {
      username: 'chixem',
      fullName: 'Người Chỉ Xem',
      role: 'viewer',
      password: 'chi-xem-1234',
    });
    const viewer = memoryBinding();
    await t.ok('auth.login', { username: 'chixem', password: 'chi-xem-1234' }, viewer);
    expect(await t.call('reports.worklistPrint', { ...Q1, kind: 'ncd-overdue' }, viewer)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('printing the immunisation invitation list', () => {
  it('lists each village on its own page with every child, the doses, the session day and place', async () => {
    const list = await t.ok('immunizations.dueList', { sessionDate: TODAY });
    expect(list.rows.length).toBeGreaterThan(1);
    const r = await t.ok('reports.dueListPrint', { sessionDate: TODAY, place: 'Nhà văn hóa thôn Đông' });
    expect(r.rows).toBe(list.rows.length);
    const pdf = jobPdf(r.jobId);
    const all = text(pdf);
    expect(all).toContain('DANH SÁCH MỜI TIÊM CHỦNG');
    expect(all).toContain(`Ngày tiêm chủng: ${isoToVn(TODAY)} · Nơi tiêm: Nhà văn hóa thôn Đông`);
    for (const row of list.rows) {
      expect(all).toContain(row.fullName);
      // The dose names may wrap in their column: the first word of each is on the child's line.
      for (const d of row.doses) expect(all).toContain(d.name.split(' ')[0]);
    }
    const villages = [...new Set(list.rows.map((x) => x.village))];
    expect(r.pages).toBe(villages.length);
    villages.forEach((v, i) => {
      const page = text(pdf, i + 1);
      expect(page).toContain(`Thôn/xóm: ${v} — `);
      expect(page).toContain(`tiêm ngày ${isoToVn(TODAY)} tại Nhà văn hóa thôn Đông`);
      expect(page).toMatch(/STT\s+Họ và tên/);
      expect(page).toContain(`Trang ${i + 1}/${villages.length}`);
    });
    expect(p.giang).toBeTruthy();
    const trail = (await t.ok('audit.list', { limit: 3 })).find(
      (a) => a.action === 'immunization.dueList.print',
    );
    expect(trail?.details).toMatchObject({ rows: list.rows.length, sessionDate: TODAY, jobId: r.jobId });
  });

  it('prints the number of copies asked in the print dialog, once, without changing the kept job', async () => {
    const sent: string[][] = [];
    const exec: Exec = async (cmd, args) => {
      if (cmd === 'lpstat' && args.includes('-e')) return { stdout: 'HP_LaserJet', stderr: '', code: 0 };
      if (cmd === 'lpstat' && args.includes('-d'))
        return { stdout: 'system default destination: HP_LaserJet', stderr: '', code: 0 };
      if (cmd === 'lpstat') return { stdout: 'printer HP_LaserJet is idle.', stderr: '', code: 0 };
      sent.push(args);
      return { stdout: 'request id is HP_LaserJet-9 (1 file(s))', stderr: '', code: 0 };
    };
    setPrinterDriver(t.core.ctx, new CupsDriver({ exec }));
    const r = await t.ok('reports.dueListPrint', { sessionDate: TODAY, village: 'Thôn Tây' });
    expect(await t.ok('forms.jobPrint', { jobId: r.jobId, copies: 3 })).toMatchObject({ status: 'done' });
    expect(sent).toHaveLength(1);
    expect(sent[0].join(' ')).toContain('-n 3');
    expect(sent[0].join(' ')).toContain(`${r.jobId}.pdf`);
    expect((await t.ok('forms.jobs', { limit: 1 })).jobs[0]).toMatchObject({ id: r.jobId, copies: 1 });
  });

  it('sends the kept list to a real CUPS queue from the job list', async (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'hssk-cups-'));
    const cups: CupsPdf | { skip: string } = await startCupsPdf(dir);
    try {
      if ('skip' in cups) return ctx.skip(cups.skip);
      setPrinterDriver(t.core.ctx, new CupsDriver({ server: cups.server }));
      const r = await t.ok('reports.worklistPrint', { ...Q1, kind: 'age-working' });
      const sent = await t.ok('forms.jobPrint', { jobId: r.jobId, printer: cups.queue });
      expect(sent).toMatchObject({ status: 'done' });
      const printed = await waitForPrintedPdf(cups.server, cups.outDir);
      expect(execFileSync('pdfinfo', [printed], { encoding: 'utf8' })).toMatch(/Pages:\s+1\b/);
      expect((await t.ok('forms.jobs', { limit: 1 })).jobs[0]).toMatchObject({ id: r.jobId, status: 'done' });
    } finally {
      if (!('skip' in cups)) cups.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
