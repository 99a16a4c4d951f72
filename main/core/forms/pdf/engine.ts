/**
 * Turns pdfmake document definitions into PDF bytes, with the embedded Tinos fonts.
 *
 * pdfmake's own `createPdf` lays a whole document out before rendering it, so one definition
 * holding a thousand residents would hold a thousand residents' layout in memory. We drive its
 * parts directly instead (the same steps as pdfmake's Printer.createPdfKitDocument): one pdfkit
 * document, and per form a fresh layout that is rendered and dropped before the next. pdfkit
 * writes each finished page to its stream, so a batch's memory stays that of one resident.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { FONT_FAMILY } from './engine-font.ts';
import { sanitizeDefinition, type GlyphCheck } from './sanitize.ts';

export { FONT_FAMILY };
import type { DocDefinition } from './types.ts';

const require = createRequire(import.meta.url);

export interface PdfKitDoc {
  /** pdfkit's font loader; `_font.font` is the fontkit face (pdfkit's own dependency, not ours). */
  font(src: Buffer): { _font: { font: { hasGlyphForCodePoint(cp: number): boolean } } };
  pipe(out: Writable): Writable;
  on(event: 'data', fn: (chunk: Buffer) => void): void;
  on(event: 'end' | 'error', fn: (e?: Error) => void): void;
  end(): void;
  // Used by long-table.ts to write "Trang x/y" once the page count is known (bufferPages).
  bufferedPageRange(): { start: number; count: number };
  switchToPage(n: number): void;
  page: {
    width: number;
    height: number;
    margins: { top: number; bottom: number; left: number; right: number };
  };
  fontSize(size: number): PdfKitDoc;
  fillColor(color: string): PdfKitDoc;
  text(
    text: string,
    x: number,
    y: number,
    options: { width: number; align: string; lineBreak: boolean },
  ): PdfKitDoc;
}
/** One laid-out page: pdfmake's own objects (`long-table.ts` reads the lines of its last page). */
export type PageLayout = { pageSize: { width: number; height: number }; items: unknown[] };
interface LayoutBuilderLike {
  registerTableLayouts(layouts: unknown): void;
  layoutDocument(...args: unknown[]): PageLayout[];
}
/**
 * pdfkit parses each font file again for every document (fontkit.create on the bytes): two thirds
 * of a record's render time. The parsed face is the same for every document, and pdfkit keeps what
 * is per document in its own objects (the subset, the layout cache), so pdfkit is given a fontkit
 * whose `create` remembers the face of each font buffer (the four Tinos files, read once per
 * process). Installed in the module cache before pdfkit is first loaded, which takes fontkit from
 * there. (fontkit's own exports are getters that cannot be replaced, hence the wrapper object.)
 */
function shareParsedFonts(): void {
  const pdfkitDir = dirname(require.resolve('pdfkit/package.json'));
  const fontkitId = require.resolve('fontkit', { paths: [pdfkitDir] });
  const fontkit = require(fontkitId) as Record<string, unknown> & {
    create(src: Uint8Array, family?: string): unknown;
    sharedFaces?: boolean;
  };
  const entry = require.cache[fontkitId];
  if (!entry || fontkit.sharedFaces) return;
  const faces = new WeakMap<Uint8Array, Map<string, unknown>>();
  entry.exports = {
    ...fontkit,
    sharedFaces: true,
    create(src: Uint8Array, family?: string): unknown {
      let byFamily = faces.get(src);
      if (!byFamily) faces.set(src, (byFamily = new Map()));
      const key = family ?? '';
      let face = byFamily.get(key);
      if (face === undefined) byFamily.set(key, (face = fontkit.create(src, family)));
      return face;
    },
  };
}
shareParsedFonts();

const mod = <T>(path: string): T => (require(path) as { default: T }).default;
const PDFDocument = mod<new (...args: unknown[]) => PdfKitDoc>('pdfmake/js/PDFDocument.js');
const LayoutBuilder = mod<new (...args: unknown[]) => LayoutBuilderLike>('pdfmake/js/LayoutBuilder.js');
const Renderer =
  mod<new (doc: PdfKitDoc) => { renderPages(pages: PageLayout[]): void }>('pdfmake/js/Renderer.js');
const SVGMeasure = mod<new () => unknown>('pdfmake/js/SVGMeasure.js');
const pageSizes = require('pdfmake/js/PageSize.js') as {
  normalizePageSize(size: unknown, orientation: unknown): { width: number; height: number };
  normalizePageMargin(margin: unknown): unknown;
};
const { tableLayouts } = require('pdfmake/js/tableLayouts.js') as { tableLayouts: unknown };

export interface FormFonts {
  readonly files: { normal: Buffer; bold: Buffer; italics: Buffer; bolditalics: Buffer };
  /** Whether Tinos draws a character (anything else is replaced before rendering: never a box). */
  readonly covers: GlyphCheck;
}

const cache = new Map<string, FormFonts>();

/** The fonts in `<resources>/fonts`, read once per process. */
export function loadFonts(resourcesDir: string): FormFonts {
  const hit = cache.get(resourcesDir);
  if (hit) return hit;
  const read = (name: string) => readFileSync(join(resourcesDir, 'fonts', `Tinos-${name}.ttf`));
  const files = {
    normal: read('Regular'),
    bold: read('Bold'),
    italics: read('Italic'),
    bolditalics: read('BoldItalic'),
  };
  const probe = new PDFDocument({}, {}, {}, {}, { autoFirstPage: false }, null, undefined);
  const faces = Object.values(files).map((b) => probe.font(b)._font.font);
  const seen = new Map<number, boolean>();
  const covers: GlyphCheck = (cp) => {
    let ok = seen.get(cp);
    if (ok === undefined) {
      ok = faces.every((f) => f.hasGlyphForCodePoint(cp));
      seen.set(cp, ok);
    }
    return ok;
  };
  const fonts = { files, covers };
  cache.set(resourcesDir, fonts);
  return fonts;
}

/**
 * A pdfkit document for `def`'s paper. `bufferPages` keeps every page open until `end()` (a long
 * list writes its "Trang x/y" once it knows how many pages there are).
 */
export function newDocument(fonts: FormFonts, def: DocDefinition, bufferPages = false): PdfKitDoc {
  const size = pageSizes.normalizePageSize(def.pageSize ?? 'A4', def.pageOrientation);
  // Each document gets its own copy of the descriptors: pdfkit replaces the entries as it loads them.
  const descriptors = { [FONT_FAMILY]: { ...fonts.files } };
  return new PDFDocument(
    descriptors,
    {},
    {},
    {},
    {
      size: [size.width, size.height],
      pdfVersion: '1.4',
      compress: true,
      autoFirstPage: false,
      bufferPages,
      fontLayoutCache: true,
      info: { Title: def.info?.title ?? '', Creator: 'HSSK Trạm', Producer: 'HSSK Trạm (pdfmake)' },
      font: null,
    },
    null,
    undefined,
  );
}

/** Lays one definition out (sanitised) for `doc`, without rendering it. */
export function layoutForm(doc: PdfKitDoc, fonts: FormFonts, raw: DocDefinition): PageLayout[] {
  const def = sanitizeDefinition(raw, fonts.covers);
  const size = pageSizes.normalizePageSize(def.pageSize ?? 'A4', def.pageOrientation);
  const builder = new LayoutBuilder(
    size,
    pageSizes.normalizePageMargin(def.pageMargins ?? 40),
    new SVGMeasure(),
  );
  builder.registerTableLayouts(tableLayouts);
  return builder.layoutDocument(
    def.content,
    doc,
    def.styles ?? {},
    def.defaultStyle ?? { font: FONT_FAMILY, fontSize: 11 },
    undefined,
    def.header,
    def.footer,
    undefined,
    undefined,
  );
}

/** Renders laid-out pages into `doc` (each becomes a new PDF page). */
export function renderPages(doc: PdfKitDoc, pages: PageLayout[]): void {
  new Renderer(doc).renderPages(pages);
}

/** Lays one definition out and renders its pages into `doc`; returns the number of pages. */
function addForm(doc: PdfKitDoc, fonts: FormFonts, raw: DocDefinition): number {
  const pages = layoutForm(doc, fonts, raw);
  renderPages(doc, pages);
  return pages.length;
}

/** One form as PDF bytes. */
export async function renderPdf(
  fonts: FormFonts,
  def: DocDefinition,
): Promise<{ bytes: Buffer; pages: number }> {
  const doc = newDocument(fonts, def);
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve());
    doc.on('error', (e?: Error) => reject(e ?? new Error('pdf render failed')));
  });
  const pages = addForm(doc, fonts, def);
  doc.end();
  await done;
  return { bytes: Buffer.concat(chunks), pages };
}

/**
 * Many forms into one PDF written to `out` as it goes: each `add` lays out and renders one form
 * (its own "Trang x/y"), then lets go of it. Memory stays that of one form however many are added.
 */
export class PdfStream {
  readonly #doc: PdfKitDoc | null = null;
  readonly #fonts: FormFonts;
  readonly #finished: Promise<void>;
  #pages = 0;

  constructor(fonts: FormFonts, out: Writable, first: DocDefinition) {
    this.#fonts = fonts;
    const doc = newDocument(fonts, first);
    this.#doc = doc;
    this.#finished = new Promise<void>((resolve, reject) => {
      out.on('finish', () => resolve());
      out.on('error', reject);
      doc.on('error', (e?: Error) => reject(e ?? new Error('pdf render failed')));
    });
    // A cancelled batch destroys `out` under the document, and nobody waits for `end()` any more:
    // the write error that follows must not become an unhandled rejection (it ended the worker,
    // and the batch was reported failed instead of cancelled). `end()` still sees the failure.
    this.#finished.catch(() => undefined);
    doc.pipe(out);
  }

  get pages(): number {
    return this.#pages;
  }

  add(def: DocDefinition): number {
    if (!this.#doc) throw new Error('stream closed');
    const n = addForm(this.#doc, this.#fonts, def);
    this.#pages += n;
    return n;
  }

  /** Ends the PDF and waits until every byte reached `out`. */
  async end(): Promise<number> {
    this.#doc?.end();
    await this.#finished;
    return this.#pages;
  }
}
