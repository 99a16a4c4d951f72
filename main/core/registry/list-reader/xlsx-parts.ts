import { readZipDirectory, readZipEntry, type ZipEntry, zipEntryStream } from './zip-directory.ts';

/**
 * The few facts about a workbook we read straight from its XML parts rather than through exceljs:
 * the sheets in tab order and their merged ranges. exceljs's streaming reader ignores merges, and
 * the full loader only exposes them through a private field; one small reader serves both paths.
 */
export interface WorkbookParts {
  /** Sheet names in tab order. */
  sheetNames: string[];
  /** Merged ranges ("A1:H1") by sheet name. */
  merges: Map<string, string[]>;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|apos|#x[0-9a-f]+|#\d+);/gi, (_m, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : XML_ENTITIES[e.toLowerCase()],
  );

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) out.set(m[1], unescapeXml(m[2]));
  return out;
}

/** Reads an entry as text; XML parts we need are small, sheet parts are searched as bytes. */
function entryText(
  bytes: Uint8Array,
  entries: Map<string, ZipEntry>,
  name: string,
  max: number,
): string | null {
  const e = entries.get(name);
  const data = e ? readZipEntry(bytes, e, max) : null;
  return data ? data.toString('utf8') : null;
}

export async function readWorkbookParts(bytes: Uint8Array, maxUnpacked: number): Promise<WorkbookParts> {
  const parts: WorkbookParts = { sheetNames: [], merges: new Map() };
  const list = readZipDirectory(bytes);
  if (!list) return parts;
  const entries = new Map(list.map((e) => [e.name, e]));
  const workbook = entryText(bytes, entries, 'xl/workbook.xml', maxUnpacked);
  const rels = entryText(bytes, entries, 'xl/_rels/workbook.xml.rels', maxUnpacked) ?? '';
  if (!workbook) return parts;

  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const id = a.get('Id');
    const target = a.get('Target');
    if (id && target)
      targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const name = a.get('name');
    if (name === undefined) continue;
    parts.sheetNames.push(name);
    const rid = [...a].find(([k]) => k.endsWith(':id'))?.[1];
    const path = rid ? targets.get(rid) : undefined;
    const entry = path ? entries.get(path) : undefined;
    const stream = entry ? zipEntryStream(bytes, entry) : null;
    // Merges only qualify the warnings and the header: a part that fails to inflate has none.
    if (stream) parts.merges.set(name, await mergedRanges(stream, maxUnpacked).catch(() => []));
  }
  return parts;
}

const MERGE_CELL = Buffer.from('mergeCell ');

/**
 * <mergeCells> follows <sheetData>, so the sheet part is inflated as a stream (on the thread pool,
 * in small chunks: a large sheet neither blocks the event loop nor sits whole in memory) and only
 * what follows the first "mergeCell" is kept and read.
 */
async function mergedRanges(xml: AsyncIterable<Buffer>, maxBytes: number): Promise<string[]> {
  let seen = 0;
  let carry: Buffer = Buffer.alloc(0);
  const tail: Buffer[] = [];
  for await (const chunk of xml) {
    seen += chunk.length;
    if (seen > maxBytes) return [];
    if (tail.length > 0) {
      tail.push(chunk);
      continue;
    }
    const window = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const at = window.indexOf(MERGE_CELL);
    if (at >= 0) tail.push(window.subarray(at));
    else carry = window.subarray(Math.max(0, window.length - MERGE_CELL.length));
  }
  const out: string[] = [];
  for (const m of Buffer.concat(tail)
    .toString('latin1')
    .matchAll(/mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"/g))
    out.push(m[1]);
  return out;
}
