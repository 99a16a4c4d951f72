/**
 * A list of thousands of rows as one PDF: a title block on the first page, a table whose header row
 * repeats on every page, sections (a village each) starting on a new page, "Trang x/y" on every page.
 *
 * pdfmake lays a whole document out before rendering it: a 10,000-row table took 6 s and 420 MB in
 * one layout. So the rows are laid out a chunk at a time; of each chunk's pages all but the last
 * are rendered, and the rows of that last, partly filled page start the next chunk (found by their
 * row number in the first column), so no page is left half empty mid-section. Memory is one chunk's
 * layout. The page count is known only at the end, so the pages stay open (pdfkit's bufferPages,
 * a few kB each) and "Trang x/y" is written on each of them before the file is closed.
 */
import type { Writable } from 'node:stream';
import {
  FONT_FAMILY,
  layoutForm,
  newDocument,
  renderPages,
  type FormFonts,
  type PageLayout,
} from './engine.ts';
import type { Content, DocDefinition } from './types.ts';

export interface LongTableSection {
  /** Above the section's first rows (e.g. the village and how many), or none. */
  heading: string | null;
  /** The cells of each row, as text; the first cell is the row's number (1, 2, …) across the list. */
  rows: string[][];
}

/** Plain data (it crosses to a worker thread): no functions. */
export interface LongTable {
  /** The PDF's title (document properties) and the footer's left side. */
  title: string;
  /** The title block, on the first page only. */
  head: Content[];
  columns: { header: string; width: number | '*' }[];
  sections: LongTableSection[];
  /** Under the footer's left side ("In ngày … — người in"). */
  footerNote: string;
}

/** Rows laid out at once: ~10 landscape pages, a layout of a few MB and well under a second. */
export const CHUNK_ROWS = 300;
const MARGINS: [number, number, number, number] = [28, 28, 28, 36];
const FONT_SIZE = 9.5;

function tableOf(t: LongTable, rows: string[][]): Content {
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: t.columns.map((c) => c.width),
      body: [
        t.columns.map((c) => ({ text: c.header, bold: true, fillColor: '#eeeeee' })),
        ...rows.map((r) => r.map((cell) => ({ text: cell }))),
      ],
    },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
  } as Content;
}

function chunkDef(t: LongTable, content: Content[]): DocDefinition {
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: MARGINS,
    info: { title: t.title },
    defaultStyle: { font: FONT_FAMILY, fontSize: FONT_SIZE },
    content,
  };
}

interface LineItem {
  type: string;
  item: { x?: number; inlines?: { text?: string }[] };
}

/** The smallest row number drawn in the first column of a page, or null (none there). */
function firstRowOn(page: PageLayout, columnRight: number): number | null {
  let min: number | null = null;
  for (const it of page.items as LineItem[]) {
    if (it.type !== 'line' || (it.item.x ?? Infinity) >= columnRight) continue;
    const text = (it.item.inlines ?? []).map((i) => i.text ?? '').join('');
    const digits = text.replace(/[^\d]/g, '');
    if (!digits || digits.length !== text.trim().length) continue;
    const n = Number(digits);
    if (min === null || n < min) min = n;
  }
  return min;
}

/**
 * Writes the list to `out`; returns the number of pages. `yieldEvery` is awaited between chunks
 * (a worker thread has nothing to yield to; the caller decides).
 */
export async function renderLongTable(
  fonts: FormFonts,
  t: LongTable,
  out: Writable,
  yieldEvery: () => Promise<void> = () => Promise.resolve(),
): Promise<number> {
  const doc = newDocument(fonts, chunkDef(t, []), true);
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', () => resolve());
    out.on('error', reject);
    doc.on('error', (e?: Error) => reject(e ?? new Error('pdf render failed')));
  });
  doc.pipe(out);
  const sttWidth = typeof t.columns[0]?.width === 'number' ? t.columns[0].width : 30;
  const columnRight = MARGINS[0] + sttWidth;
  let first = true;
  let packed = 0;
  const sections = t.sections.length ? t.sections : [{ heading: null, rows: [] }];
  for (const section of sections) {
    let pending = section.rows;
    let heading = section.heading;
    do {
      const chunk = pending.slice(0, CHUNK_ROWS);
      const content: Content[] = [
        ...(first ? t.head : []),
        ...(heading ? [{ text: heading, bold: true, fontSize: 11, margin: [0, 2, 0, 4] } as Content] : []),
        tableOf(t, chunk),
      ];
      const pages = layoutForm(doc, fonts, chunkDef(t, content));
      const rest = pending.slice(chunk.length);
      const carryFrom =
        rest.length && pages.length > 1 ? firstRowOn(pages[pages.length - 1], columnRight) : null;
      const carryAt = carryFrom === null ? -1 : chunk.findIndex((r) => Number(r[0]) === carryFrom);
      if (carryAt > 0) {
        renderPages(doc, pages.slice(0, -1));
        pending = [...chunk.slice(carryAt), ...rest];
      } else {
        // The last chunk of the section, or a page whose rows were not found: rendered as laid out.
        renderPages(doc, pages);
        pending = rest;
      }
      packed = packPages(doc, packed);
      first = false;
      heading = null;
      await yieldEvery();
    } while (pending.length);
  }
  const pages = stampFooters(doc, fonts, t);
  doc.end();
  await finished;
  return pages;
}

/**
 * pdfkit keeps a page's content as one small Buffer per drawing operator until the page is
 * flushed: ~1.5 MB of Buffer objects per kept page of a table (840 MB for 330 pages). Each page
 * rendered is joined into one Buffer (a few tens of kB); returns how many pages are joined.
 * (pdfkit's own fields: `_pageBuffer`, and each page's content reference's `buffer`.)
 */
function packPages(doc: ReturnType<typeof newDocument>, from: number): number {
  const pages = (doc as unknown as { _pageBuffer?: { content?: { buffer?: unknown } }[] })._pageBuffer ?? [];
  for (let i = from; i < pages.length; i += 1) {
    const content = pages[i].content;
    if (content && Array.isArray(content.buffer) && content.buffer.length > 1)
      content.buffer = [Buffer.concat(content.buffer as Uint8Array[])];
  }
  // The last page may still be written to (the next chunk starts a new one, but be safe).
  return Math.max(from, pages.length - 1);
}

/** "Trang x/y" (right) and the list's title and print note (left) on every page. */
function stampFooters(doc: ReturnType<typeof newDocument>, fonts: FormFonts, t: LongTable): number {
  const { start, count } = doc.bufferedPageRange();
  // What the font cannot draw becomes "?" (as sanitize.ts does for the tables); cut to one line.
  const full = [...`${t.title} — ${t.footerNote}`.normalize('NFC')]
    .map((ch) => (fonts.covers(ch.codePointAt(0) ?? 0) ? ch : '?'))
    .join('');
  const left = full.length > 150 ? `${full.slice(0, 149)}…` : full;
  for (let i = start; i < start + count; i += 1) {
    doc.switchToPage(i);
    // pdfkit would start a new page for text below its bottom margin: the footer sits in the margin.
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const y = doc.page.height - MARGINS[3] + 12;
    const width = doc.page.width - MARGINS[0] - MARGINS[2];
    doc.font(fonts.files.normal);
    doc.fontSize(8).fillColor('#333333');
    doc.text(left, MARGINS[0], y, { width: width - 90, align: 'left', lineBreak: false });
    doc.text(`Trang ${i - start + 1}/${count}`, MARGINS[0] + width - 90, y, {
      width: 90,
      align: 'right',
      lineBreak: false,
    });
  }
  return count;
}
