/**
 * The batch itself, the same on the worker thread and (for a database the worker cannot open, an
 * in-memory test store) on the calling thread: residents one at a time, each laid out, rendered
 * and let go before the next, into one PDF (one pdfkit stream) or a zip of one PDF each. Memory is
 * one resident's, however long the list. The file is written under a temporary name and renamed
 * when complete: a cancelled or failed batch leaves nothing behind.
 */
import { createWriteStream, renameSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import type { BatchForm, BatchOutput, FormsSettings } from '#contract/ops/forms.ts';
import type { CoreContext } from '../../context.ts';
import { isAppError } from '../../errors.ts';
import { buildForm } from '../load.ts';
import type { FormCommon } from '../model.ts';
import { loadFonts, PdfStream, renderPdf } from '../pdf/engine.ts';

const require = createRequire(import.meta.url);

interface Archive {
  pipe(out: WriteStream): void;
  append(data: Buffer, options: { name: string }): void;
  on(event: 'entry', fn: () => void): void;
  on(event: 'error' | 'warning', fn: (e: Error) => void): void;
  finalize(): Promise<void>;
  abort(): void;
}
type Archiver = (format: 'zip', options: { zlib: { level: number } }) => Archive;
// Loaded for a zip batch only: archiver and its dependencies are some 300 modules (lodash among
// them) that a one-PDF batch, the usual kind, would otherwise hold in the worker's memory.
const loadArchiver = () => require('archiver') as Archiver;

export interface BatchPlan {
  ids: string[];
  form: BatchForm;
  output: BatchOutput;
  settings: FormsSettings;
  common: FormCommon;
  /** The final file; written as `<path>.part` until done. */
  path: string;
}

export interface BatchResult {
  printed: number;
  skipped: number;
  pages: number;
  bytes: number;
  cancelled: boolean;
}

/** Lets messages (cancel) and I/O in between residents. */
const turn = () => new Promise<void>((r) => setImmediate(r));

const waitDrain = (out: WriteStream) =>
  out.writableNeedDrain ? new Promise<void>((r) => out.once('drain', () => r())) : Promise.resolve();

export async function runBatch(
  ctx: CoreContext,
  plan: BatchPlan,
  progress: (done: number, total: number, skipped: number) => void,
  cancelled: () => boolean,
): Promise<BatchResult> {
  const fonts = loadFonts(ctx.resourcesDir);
  const tmp = `${plan.path}.part`;
  const out = createWriteStream(tmp);
  const outDone = new Promise<void>((resolve, reject) => {
    out.on('close', () => resolve());
    out.on('error', reject);
  });
  let printed = 0;
  let skipped = 0;
  let pages = 0;
  let stream: PdfStream | null = null;
  let zip: Archive | null = null;
  const build = (personId: string) => {
    try {
      return buildForm(ctx, null, plan.settings, { form: plan.form, personId }, plan.common);
    } catch (e) {
      // A resident the form does not apply to (no signed visit, no appointment): skipped, counted.
      if (isAppError(e) && e.code === 'NOT_FOUND') return null;
      throw e;
    }
  };
  const abandon = async () => {
    zip?.abort();
    out.destroy();
    await outDone.catch(() => undefined);
    rmSync(tmp, { force: true });
  };
  try {
    let onEntry: (() => void) | null = null;
    if (plan.output === 'zip') {
      zip = loadArchiver()('zip', { zlib: { level: 6 } });
      zip.on('error', (e) => out.destroy(e));
      zip.on('entry', () => {
        const f = onEntry;
        onEntry = null;
        f?.();
      });
      zip.pipe(out);
    }
    const names = new Set<string>();
    for (let i = 0; i < plan.ids.length; i++) {
      if (cancelled()) {
        await abandon();
        return { printed, skipped, pages, bytes: 0, cancelled: true };
      }
      const built = build(plan.ids[i]);
      if (!built) skipped += 1;
      else if (zip) {
        const { bytes, pages: n } = await renderPdf(fonts, built.def);
        pages += n;
        let name = built.fileName;
        for (let k = 2; names.has(name); k++) name = built.fileName.replace(/\.pdf$/, `-${k}.pdf`);
        names.add(name);
        // Wait until the zip has taken this entry in: entries never pile up in memory.
        const taken = new Promise<void>((r) => {
          onEntry = r;
        });
        zip.append(bytes, { name });
        await taken;
        printed += 1;
      } else {
        stream ??= new PdfStream(fonts, out, built.def);
        pages += stream.add(built.def);
        printed += 1;
      }
      await waitDrain(out);
      progress(i + 1, plan.ids.length, skipped);
      await turn();
    }
    if (zip) await zip.finalize();
    else if (stream) await stream.end();
    else out.end();
    await outDone;
    if (printed === 0) {
      rmSync(tmp, { force: true });
      return { printed, skipped, pages, bytes: 0, cancelled: false };
    }
    renameSync(tmp, plan.path);
    return { printed, skipped, pages, bytes: statSync(plan.path).size, cancelled: false };
  } catch (e) {
    await abandon();
    throw e;
  }
}
