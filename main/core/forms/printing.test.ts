import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { vnDay } from '../clock.ts';
import { CupsDriver, type Exec } from './printers/cups.ts';
import { startCupsPdf, waitForPrintedPdf, type CupsPdf } from './printers/cups-testkit.ts';
import { setPrinterDriver } from './service.ts';
import { makeSampleResident } from './testing.ts';

let t: TestCore;
afterEach(() => t?.close());
const today = () => vnDay(new Date());

/** A grey 30-dpi image of page 1 (PGM): what a printed page looks like, whatever the PDF's insides. */
function pageImage(pdf: string): { w: number; h: number; px: Buffer } {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '30', '-f', '1', '-l', '1', pdf], {
    maxBuffer: 64 << 20,
  });
  const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!m) throw new Error('not a PGM');
  return { w: Number(m[1]), h: Number(m[2]), px: pgm.subarray(m[0].length) };
}
function meanDiff(a: ReturnType<typeof pageImage>, b: ReturnType<typeof pageImage>): number {
  let diff = 0;
  let n = 0;
  for (let y = 0; y < Math.min(a.h, b.h); y++)
    for (let x = 0; x < Math.min(a.w, b.w); x++, n++) diff += Math.abs(a.px[y * a.w + x] - b.px[y * b.w + x]);
  return diff / n;
}
function pageCount(pdf: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
}

/** A CUPS as the driver sees it through lpstat/lp, for the refusals a real spooler cannot fake. */
function fakeCups(state: { printers: string[]; lpstatP: string; lpFails?: string }): {
  exec: Exec;
  sent: string[][];
} {
  const sent: string[][] = [];
  const exec: Exec = async (cmd, args) => {
    if (cmd === 'lpstat' && args.includes('-e'))
      return { stdout: state.printers.join('\n'), stderr: '', code: 0 };
    if (cmd === 'lpstat' && args.includes('-d'))
      return { stdout: `system default destination: ${state.printers[0] ?? ''}`, stderr: '', code: 0 };
    if (cmd === 'lpstat') return { stdout: state.lpstatP, stderr: '', code: 0 };
    sent.push(args);
    if (state.lpFails) return { stdout: '', stderr: state.lpFails, code: 1 };
    return { stdout: 'request id is Q-7 (1 file(s))', stderr: '', code: 0 };
  };
  return { exec, sent };
}

describe('printing: failures keep the job to print again', () => {
  it('says in Vietnamese that the printer is missing, out of paper or offline, and prints again from the job list', async () => {
    t = await makeSignedInCore();
    const id = await makeSampleResident(t.ok, [today()]);
    const cups = { printers: ['HP_LaserJet'], lpstatP: 'printer HP_LaserJet is idle.  enabled since …' };
    const fake = fakeCups(cups);
    setPrinterDriver(t.core.ctx, new CupsDriver({ exec: fake.exec }));

    const missing = await t.ok('forms.print', {
      form: 'record',
      personId: id,
      printer: 'Canon_LBP',
      copies: 1,
    });
    expect(missing).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('Không tìm thấy máy in "Canon_LBP"'),
    });

    cups.lpstatP = 'printer HP_LaserJet is idle.\n\tAlerts: media-empty-error';
    const paper = await t.ok('forms.print', { form: 'visit', personId: id, copies: 2 });
    expect(paper).toMatchObject({ status: 'failed', message: expect.stringContaining('hết giấy') });

    cups.lpstatP = 'printer HP_LaserJet disabled since Mon Dec  7 - Printer is offline';
    const offline = await t.ok('forms.jobPrint', { jobId: paper.jobId });
    expect(offline).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('đang tắt hoặc mất kết nối'),
    });
    expect(fake.sent).toEqual([]);

    cups.lpstatP = 'printer HP_LaserJet is idle.';
    const again = await t.ok('forms.jobPrint', { jobId: paper.jobId });
    expect(again).toMatchObject({ status: 'done', message: expect.stringContaining('HP_LaserJet') });
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toEqual(expect.arrayContaining(['-d', 'HP_LaserJet', '-n', '2']));

    const { jobs } = await t.ok('forms.jobs', {});
    expect(jobs.map((j) => [j.kind, j.form, j.status])).toEqual([
      ['print', 'visit', 'done'],
      ['print', 'record', 'failed'],
    ]);
    expect(jobs[1]).toMatchObject({ fileName: expect.stringMatching(/\.pdf$/), personId: id });
    const printed = t.core.ctx.store.raw
      .prepare(`SELECT action, entity_id FROM audit_log WHERE action = 'form.print'`)
      .all();
    expect(printed).toEqual([
      { action: 'form.print', entity_id: id },
      { action: 'form.print', entity_id: id },
    ]);
  });

  it('answers no printers (not an error) where there is no spooler, and the print fails with a message', async () => {
    t = await makeSignedInCore();
    const none: Exec = async () => ({ stdout: '', stderr: 'lpstat: not found', code: 127 });
    setPrinterDriver(t.core.ctx, new CupsDriver({ exec: none }));
    expect(await t.ok('forms.printers', {})).toEqual({ printers: [], directToDefault: false });
    const r = await t.ok('forms.print', { form: 'blank-visit', copies: 1 });
    expect(r).toMatchObject({ status: 'failed', message: expect.stringContaining('chưa có máy in nào') });
  });
});

describe('printing through a real CUPS spooler (cups-pdf)', () => {
  let dir: string;
  let cups: CupsPdf | { skip: string };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hssk-cups-'));
    cups = await startCupsPdf(dir);
  }, 30_000);
  afterAll(() => {
    if (!('skip' in cups)) cups.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the form to the spooler, which prints the same pages', async (ctx) => {
    if ('skip' in cups) return ctx.skip(cups.skip);
    const c = cups;
    t = await makeSignedInCore();
    const id = await makeSampleResident(t.ok, [today()]);
    setPrinterDriver(t.core.ctx, new CupsDriver({ server: c.server }));
    expect(await t.ok('forms.printers', {})).toMatchObject({
      printers: [{ name: c.queue, isDefault: true }],
    });
    const r = await t.ok('forms.print', { form: 'visit', personId: id, copies: 1 });
    expect(r).toMatchObject({
      status: 'done',
      message: expect.stringMatching(new RegExp(`lệnh ${c.queue}-\\d+`)),
    });
    const printed = await waitForPrintedPdf(c.server, c.outDir);
    const ours = join(t.dir, 'print-jobs', `${r.jobId}.pdf`);
    expect(pageCount(printed)).toBe(pageCount(ours));
    // cups-pdf goes through PostScript and loses the text layer of embedded CID fonts, so the print
    // is compared as it looks: page 1 at 30 dpi, grey levels within a few percent on average.
    const a = pageImage(printed);
    const b = pageImage(ours);
    // The same paper (A4, within a pixel of rounding at 30 dpi), and the same marks on it.
    expect(Math.abs(a.w - b.w)).toBeLessThanOrEqual(1);
    expect(Math.abs(a.h - b.h)).toBeLessThanOrEqual(1);
    expect(meanDiff(a, b)).toBeLessThan(8);
    // Another form's first page is far from it: the comparison can fail.
    const other = join(t.dir, 'blank.pdf');
    writeFileSync(
      other,
      Buffer.from((await t.ok('forms.render', { form: 'blank-record' })).pdfBase64, 'base64'),
    );
    expect(meanDiff(a, pageImage(other))).toBeGreaterThan(8);
    expect(readdirSync(c.outDir)).toHaveLength(1);

    // A queue the spooler has stopped: the print says so and stays in the list.
    execFileSync('cupsdisable', ['-h', c.server, c.queue]);
    const stopped = await t.ok('forms.jobPrint', { jobId: r.jobId });
    expect(stopped.message).toContain('đang tắt hoặc mất kết nối');
    execFileSync('cupsenable', ['-h', c.server, c.queue]);
    expect(readFileSync(ours).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});
