/**
 * The fast way through an XLSX workbook as Excel writes it: each part inflated whole and scanned
 * (xml-scan.ts) instead of exceljs's SAX pipeline, which spends most of its time building objects
 * we never use (100,000 rows: ~0.8 s instead of ~3 s, and exceljs is not even loaded). It follows
 * exceljs's streaming reader rule for rule — which sheets, their names and states, shared strings
 * and their runs, styles (number format and font), cell types, formulas and their cached results,
 * dates — and hands the same cell values to the same `cellText`, so a sheet reads the same either
 * way (the tests compare the two on every fixture). Where it meets something it does not follow
 * (CDATA, the 1904 date system, a part too large for one string, XML it cannot scan) it returns
 * false before adding anything, and the caller reads the file with exceljs as before.
 */
import type { CellValue, RichText } from 'exceljs';
import { createRequire } from 'node:module';
import { cellText } from './cell-text.ts';
import { RowLimitReached, SheetBuilder } from './sheet-builder.ts';
import { sliceTimer, type Steps } from './turns.ts';
import { CLOSE, END, OPEN, TEXT, XmlScanner } from './xml-scan.ts';
import { readZipDirectory, readZipEntry, type ZipEntry } from './zip-directory.ts';

/** Excel's built-in number formats, exactly as exceljs resolves a style's numFmtId. */
const BUILT_IN_FORMATS = createRequire(import.meta.url)('exceljs/lib/xlsx/defaultnumformats.js') as Record<
  number,
  { f?: string } | undefined
>;

/** Largest part read whole into one string (V8 strings end at ~512 M characters); exceljs streams the rest. */
const MAX_PART_BYTES = 200 * 1024 * 1024;

const SHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;

interface StyleModel {
  numFmt?: string;
  font?: { name?: string };
}

type Shared = string | { richText: RichText[] } | null;

class Bail extends Error {}

function part(bytes: Uint8Array, entries: Map<string, ZipEntry>, name: string): string | null {
  const e = entries.get(name);
  if (!e) return null;
  if (e.uncompressedSize > MAX_PART_BYTES) throw new Bail(`${name} is too large to read whole`);
  // No more than the directory declares: an entry that inflates further is lying (a zip bomb), and
  // the fallback readers check every entry before trusting the file (checkDeclaredSizes).
  const data = readZipEntry(bytes, e, Math.min(MAX_PART_BYTES, Math.max(e.uncompressedSize, 1)));
  if (!data) throw new Bail(`${name} cannot be inflated`);
  return data.toString('utf8');
}

/** exceljs's utils.isDateFmt: a format with date or time letters outside quotes and brackets. */
function isDateFmt(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** exceljs's utils.xmlDecode, applied a second time to inline strings and formula strings. */
const xmlDecodeAgain = (text: string): string =>
  text.replace(
    /&([a-z]*);/g,
    (c) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' })[c] ?? c,
  );

interface WorkbookInfo {
  date1904: boolean;
  sheets: { name: string; id: number; state: string | undefined; rId: string | undefined }[];
}

function readWorkbook(xml: string): WorkbookInfo {
  const info: WorkbookInfo = { date1904: false, sheets: [] };
  const x = new XmlScanner(xml);
  for (let ev = x.next(); ev !== END; ev = x.next()) {
    if (ev !== OPEN) continue;
    if (x.name === 'workbookPr') info.date1904 = x.attribute('date1904') === '1';
    else if (x.name === 'sheet')
      info.sheets.push({
        name: xmlDecodeAgain(x.attribute('name') ?? ''),
        id: parseInt(x.attribute('sheetId') ?? '', 10),
        state: x.attribute('state'),
        rId: x.attribute('r:id'),
      });
  }
  return info;
}

function readRels(xml: string | null): { id: string | undefined; target: string | undefined }[] {
  if (!xml) return [];
  const rels: { id: string | undefined; target: string | undefined }[] = [];
  const x = new XmlScanner(xml);
  for (let ev = x.next(); ev !== END; ev = x.next())
    if (ev === OPEN && x.name === 'Relationship')
      rels.push({ id: x.attribute('Id'), target: x.attribute('Target') });
  return rels;
}

/** cellXfs as exceljs's StyleManager.getStyleModel sees them: number format code and font. */
function readStyles(xml: string): StyleModel[] {
  const custom = new Map<number, string>();
  const fonts: { name?: string }[] = [];
  const xfs: { numFmtId: number; fontId: number }[] = [];
  const x = new XmlScanner(xml);
  let inFonts = false;
  let inCellXfs = false;
  let font: { name?: string } | null = null;
  for (let ev = x.next(); ev !== END; ev = x.next()) {
    if (ev === OPEN) {
      switch (x.name) {
        case 'numFmt':
          custom.set(parseInt(x.attribute('numFmtId') ?? '', 10), x.attribute('formatCode') ?? '');
          break;
        case 'fonts':
          inFonts = true;
          break;
        case 'font':
          if (inFonts) font = {};
          break;
        case 'name':
          if (font) font.name = x.attribute('val');
          break;
        case 'cellXfs':
          inCellXfs = true;
          break;
        case 'xf':
          if (inCellXfs)
            xfs.push({
              numFmtId: parseInt(x.attribute('numFmtId') ?? '', 10),
              fontId: parseInt(x.attribute('fontId') ?? '', 10),
            });
          break;
      }
    } else if (ev === CLOSE) {
      if (x.name === 'fonts') inFonts = false;
      else if (x.name === 'cellXfs') inCellXfs = false;
      else if (x.name === 'font' && font) {
        fonts.push(font);
        font = null;
      }
    }
  }
  return xfs.map((xf) => {
    const model: StyleModel = {};
    if (xf.numFmtId) {
      const numFmt = custom.get(xf.numFmtId) || BUILT_IN_FORMATS[xf.numFmtId]?.f;
      if (numFmt) model.numFmt = numFmt;
    }
    if (xf.fontId || xf.fontId === 0) {
      const f = fonts[xf.fontId];
      if (f) model.font = f;
    }
    return model;
  });
}

/** exceljs's shared strings: plain text, or runs ({richText}) whose font names it never reads. */
function readSharedStrings(xml: string | null): Shared[] {
  const out: Shared[] = [];
  if (!xml) return out;
  const x = new XmlScanner(xml);
  let text: string | null = null;
  let runs: RichText[] = [];
  for (let ev = x.next(); ev !== END; ev = x.next()) {
    if (ev === OPEN) {
      if (x.name === 'si') {
        runs = [];
        text = null;
      } else if (x.name === 't') text = null;
    } else if (ev === TEXT) {
      text = text ? text + x.text : x.text;
    } else if (ev === CLOSE) {
      if (x.name === 'r') {
        runs.push({ text: text as string });
        text = null;
      } else if (x.name === 'si') {
        out.push(runs.length ? { richText: runs } : text);
        runs = [];
        text = null;
      }
    }
  }
  return out;
}

/** "AB12" → 28; a reference that is not a plain cell address is left to exceljs. */
function columnOf(ref: string | undefined): number {
  if (!ref) throw new Bail('cell without a reference');
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch < 65 || ch > 90) break;
    n = n * 26 + ch - 64;
  }
  if (i === 0 || i > 3 || i === ref.length) throw new Bail(`cell reference ${ref}`);
  for (let j = i; j < ref.length; j++) {
    const ch = ref.charCodeAt(j);
    if (ch < 48 || ch > 57) throw new Bail(`cell reference ${ref}`);
  }
  return n;
}

function styleOf(styles: StyleModel[] | null, id: number): StyleModel | null {
  if (!styles) throw new Bail('a style named in a workbook without styles');
  return styles[id] ?? null;
}

/**
 * The worksheet reader's rules for one cell's value (exceljs WorksheetReader, closetag 'c'): `f`
 * and `v` are the texts of its formula and value elements, null when it has none.
 */
function cellValue(
  f: string | null,
  v: string | null,
  t: string | undefined,
  numFmt: string | undefined,
  shared: Shared[],
  date1904: boolean,
): CellValue {
  if (f !== null) {
    const raw: { formula: string; result?: number | string } = { formula: f };
    if (v !== null) raw.result = t === 'str' ? xmlDecodeAgain(v) : parseFloat(v);
    // An empty formula (a shared formula's other cells) is kept as the object built; a formula
    // value keeps only its truthy parts (FormulaValue._copyModel): a result of 0, '' or NaN is dropped.
    if (!raw.formula) return raw as CellValue;
    return (
      raw.result ? { formula: raw.formula, result: raw.result } : { formula: raw.formula }
    ) as CellValue;
  }
  if (v === null) return null;
  switch (t) {
    case 's':
      return shared[parseInt(v, 10)] ?? null;
    case 'inlineStr':
    case 'str':
      return xmlDecodeAgain(v);
    case 'e':
      return { error: v } as CellValue;
    case 'b':
      return parseInt(v, 10) !== 0;
    default: {
      const n = parseFloat(v);
      if (!isDateFmt(numFmt)) return n;
      return new Date(Math.round((n - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
    }
  }
}

const NONE = 0;
const FORMULA = 1;
const VALUE = 2;

function* readSheet(
  xml: string,
  b: SheetBuilder,
  styles: StyleModel[] | null,
  shared: Shared[],
  date1904: boolean,
  onProgress: (fraction: number) => void,
): Steps<void> {
  const timeUp = sliceTimer(10, 2048);
  const x = new XmlScanner(xml);
  const attrs: Record<string, string | undefined> = {};
  let inRows = false;
  // The open row (its number, style, last column) and cell (reference, style, type, texts).
  let rowNumber = -1;
  let rowStyle: StyleModel | null = null;
  let lastColumn = 0;
  let inCell = false;
  let ref: string | undefined;
  let s = 0;
  let t: string | undefined;
  let f: string | null = null;
  let v: string | null = null;
  /** Which text the characters go to: exceljs appends them to the element opened last. */
  let current = NONE;
  for (let ev = x.next(); ev !== END; ev = x.next()) {
    if (timeUp()) {
      onProgress(x.fraction);
      yield;
    }
    if (ev === TEXT) {
      if (current === VALUE) v += x.text;
      else if (current === FORMULA) f += x.text;
    } else if (ev === OPEN) {
      switch (x.name) {
        case 'sheetData':
          inRows = true;
          break;
        case 'row':
          if (inRows) {
            attrs.r = attrs.s = undefined;
            x.attributesInto(attrs);
            if (attrs.r === undefined) throw new Bail('row without a number');
            rowNumber = parseInt(attrs.r, 10);
            rowStyle = attrs.s ? styleOf(styles, parseInt(attrs.s, 10)) : null;
            lastColumn = 0;
          }
          break;
        case 'c':
          if (rowNumber >= 0) {
            attrs.r = attrs.s = attrs.t = undefined;
            x.attributesInto(attrs);
            inCell = true;
            ref = attrs.r;
            s = attrs.s === undefined ? NaN : parseInt(attrs.s, 10);
            t = attrs.t;
            f = v = null;
            current = NONE;
          }
          break;
        case 'f':
          if (inCell) {
            f = '';
            current = FORMULA;
          }
          break;
        case 'v':
        case 'is':
        case 't':
          if (inCell) {
            v = '';
            current = VALUE;
          }
          break;
      }
    } else if (ev === CLOSE) {
      if (x.name === 'sheetData') inRows = false;
      else if (x.name === 'row' && rowNumber >= 0) rowNumber = -1;
      else if (x.name === 'c' && inCell) {
        const column = columnOf(ref);
        // exceljs keeps one cell per column and adds a row's cells in column order: a row written
        // otherwise (never by Excel) is left to it.
        if (column <= lastColumn) throw new Bail(`row ${rowNumber}: column ${column} after ${lastColumn}`);
        lastColumn = column;
        // A cell takes its row's style unless it names its own (style 0 is never looked up).
        const style = (s ? styleOf(styles, s) : null) ?? rowStyle;
        const value = cellValue(f, v, t, style?.numFmt, shared, date1904);
        if (value !== null && value !== undefined)
          b.add(rowNumber, column, cellText(value, style?.numFmt, style?.font?.name));
        inCell = false;
        current = NONE;
      }
    }
  }
}

/**
 * Reads every worksheet into `out` (in the order exceljs's streaming reader meets them), or returns
 * false, leaving `out` empty, when the workbook needs exceljs.
 */
export function* readSheetsFast(
  bytes: Uint8Array,
  maxRows: number,
  out: SheetBuilder[],
  onProgress: (fraction: number) => void = () => undefined,
): Steps<boolean> {
  const list = readZipDirectory(bytes);
  if (!list) return false;
  const entries = new Map(list.map((e) => [e.name, e]));
  const built: SheetBuilder[] = [];
  try {
    const workbookXml = part(bytes, entries, 'xl/workbook.xml');
    if (!workbookXml) return false;
    const stylesXml = part(bytes, entries, 'xl/styles.xml');
    const workbook = readWorkbook(workbookXml);
    if (workbook.date1904) return false;
    const rels = readRels(part(bytes, entries, 'xl/_rels/workbook.xml.rels'));
    // Without a styles part exceljs fails on the first cell that names a style (readSheet gives up there too).
    const styles = stylesXml === null ? null : readStyles(stylesXml);
    const shared = readSharedStrings(part(bytes, entries, 'xl/sharedStrings.xml'));
    const sheets = list.filter((e) => SHEET_PART.test(e.name));
    const total = sheets.reduce((n, e) => n + e.uncompressedSize, 0) || 1;
    let done = 0;
    for (const e of sheets) {
      const number = SHEET_PART.exec(e.name)?.[1] ?? '';
      const rel = rels.find((r) => r.target === `worksheets/sheet${number}.xml`);
      const sheet = rel ? workbook.sheets.find((s) => s.rId === rel.id) : undefined;
      const b = new SheetBuilder(
        sheet ? sheet.name : `Sheet${number}`,
        sheet?.state !== undefined && sheet.state !== 'visible',
        maxRows,
      );
      built.push(b);
      const xml = part(bytes, entries, e.name) ?? '';
      yield* readSheet(xml, b, styles, shared, false, (f) =>
        onProgress((done + f * e.uncompressedSize) / total),
      );
      done += e.uncompressedSize;
    }
  } catch (e) {
    if (e instanceof RowLimitReached) throw e;
    // Anything this reader does not follow goes to exceljs, which decides as it always did.
    return false;
  }
  out.push(...built);
  return true;
}
