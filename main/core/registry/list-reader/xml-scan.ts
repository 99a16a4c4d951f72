/**
 * A small XML scanner for the parts of an XLSX file Excel writes (sheets, shared strings, styles,
 * the workbook): tags, attributes and text, entities decoded, nothing else. It reports the same
 * open/text/close events as the SAX parser exceljs uses, so the fast reader (xlsx-fast.ts) can
 * follow exceljs's rules exactly. Anything it does not handle (CDATA, a DOCTYPE, an unknown entity,
 * tags that do not nest) throws `XmlUnsupported`, and the caller leaves the file to exceljs.
 */

export class XmlUnsupported extends Error {}

export const OPEN = 1;
export const TEXT = 2;
export const CLOSE = 3;
export const END = 0;
export type XmlEvent = typeof OPEN | typeof TEXT | typeof CLOSE | typeof END;

const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const QUOTE = 34;
const APOS = 39;

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Replaces the five XML entities and character references; any other '&' is not ours to read. */
export function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  let decoded = 0;
  const out = s.replace(
    ENTITY,
    (_m, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
      decoded++;
      return named ? NAMED[named] : String.fromCodePoint(dec ? Number(dec) : parseInt(hex ?? '', 16));
    },
  );
  let amps = 0;
  for (let i = s.indexOf('&'); i >= 0; i = s.indexOf('&', i + 1)) amps++;
  if (amps !== decoded) throw new XmlUnsupported('unknown entity');
  return out;
}

const WHITESPACE = /[\t\n\r]/;
const WHITESPACE_ALL = /[\t\n\r]/g;

/** Whitespace as XML defines it, between an element name and its attributes. */
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

export class XmlScanner {
  readonly #xml: string;
  #pos = 0;
  #pendingClose: string | null = null;
  readonly #open: string[] = [];
  /** The current event's element name (OPEN, CLOSE). */
  name = '';
  /** The current event's decoded text (TEXT). */
  text = '';
  #tagStart = 0;
  #tagEnd = 0;

  constructor(xml: string) {
    this.#xml = xml;
  }

  /** How far the scan has come, 0–1. */
  get fraction(): number {
    return this.#xml.length === 0 ? 1 : this.#pos / this.#xml.length;
  }

  next(): XmlEvent {
    if (this.#pendingClose !== null) {
      this.name = this.#pendingClose;
      this.#pendingClose = null;
      return this.#close();
    }
    const xml = this.#xml;
    for (;;) {
      const pos = this.#pos;
      if (pos >= xml.length) {
        if (this.#open.length > 0) throw new XmlUnsupported('unclosed element');
        return END;
      }
      const lt = xml.indexOf('<', pos);
      if (lt < 0) {
        this.#pos = xml.length;
        // Text after the root element is not part of the document.
        continue;
      }
      if (lt > pos) {
        this.#pos = lt;
        // Text before the root element (whitespace) is not reported, as SAX parsers do not.
        if (this.#open.length === 0) continue;
        this.text = decodeXml(xml.slice(pos, lt));
        return TEXT;
      }
      const c = xml.charCodeAt(lt + 1);
      if (c === QUESTION) {
        const end = xml.indexOf('?>', lt + 2);
        if (end < 0) throw new XmlUnsupported('unterminated processing instruction');
        this.#pos = end + 2;
        continue;
      }
      if (c === BANG) {
        if (xml.startsWith('<!--', lt)) {
          const end = xml.indexOf('-->', lt + 4);
          if (end < 0) throw new XmlUnsupported('unterminated comment');
          this.#pos = end + 3;
          continue;
        }
        throw new XmlUnsupported('CDATA or DOCTYPE');
      }
      const gt = this.#tagEnd0(lt);
      this.#pos = gt + 1;
      if (c === SLASH) {
        this.name = xml.slice(lt + 2, gt).trim();
        return this.#close();
      }
      let nameEnd = lt + 1;
      while (nameEnd < gt) {
        const ch = xml.charCodeAt(nameEnd);
        if (isSpace(ch) || ch === SLASH) break;
        nameEnd++;
      }
      this.name = xml.slice(lt + 1, nameEnd);
      if (this.name === '') throw new XmlUnsupported('empty tag name');
      this.#tagStart = nameEnd;
      const selfClosing = xml.charCodeAt(gt - 1) === SLASH;
      this.#tagEnd = selfClosing ? gt - 1 : gt;
      if (selfClosing) this.#pendingClose = this.name;
      this.#open.push(this.name);
      return OPEN;
    }
  }

  /** An attribute of the element just opened, decoded; undefined when it has none of that name. */
  attribute(name: string): string | undefined {
    let found: string | undefined;
    this.#attributes((key, value) => {
      if (found === undefined && key === name) found = value;
    });
    return found;
  }

  /** Every attribute of the element just opened, in one pass, into `out` (the caller clears it first). */
  attributesInto(out: Record<string, string | undefined>): void {
    this.#attributes((key, value) => {
      out[key] = value;
    });
  }

  #attributes(visit: (key: string, value: string) => void): void {
    const xml = this.#xml;
    let at = this.#tagStart;
    const end = this.#tagEnd;
    while (at < end) {
      const eq = xml.indexOf('=', at);
      if (eq < 0 || eq >= end) return;
      const key = xml.slice(at, eq).trim();
      let q = eq + 1;
      while (q < end && isSpace(xml.charCodeAt(q))) q++;
      const quote = xml.charCodeAt(q);
      if (quote !== QUOTE && quote !== APOS) throw new XmlUnsupported('unquoted attribute');
      const close = xml.indexOf(quote === QUOTE ? '"' : "'", q + 1);
      if (close < 0 || close >= end) throw new XmlUnsupported('unterminated attribute');
      const raw = xml.slice(q + 1, close);
      // As SAX parsers do: literal tabs and line breaks in a value are spaces (references are kept).
      visit(key, decodeXml(WHITESPACE.test(raw) ? raw.replace(WHITESPACE_ALL, ' ') : raw));
      at = close + 1;
    }
  }

  #close(): typeof CLOSE {
    const open = this.#open.pop();
    if (open !== this.name) throw new XmlUnsupported(`</${this.name}> closes <${open ?? ''}>`);
    return CLOSE;
  }

  /** The '>' that ends the tag at `lt`; one inside a quoted attribute value does not count. */
  #tagEnd0(lt: number): number {
    const xml = this.#xml;
    let gt = xml.indexOf('>', lt + 1);
    let quotes = 0;
    let from = lt;
    while (gt >= 0) {
      // Counted within the tag only (an indexOf for a quote could run to the end of the part).
      for (let i = from; i < gt; i++) if (xml.charCodeAt(i) === QUOTE) quotes++;
      if (quotes % 2 === 0) return gt;
      from = gt;
      gt = xml.indexOf('>', gt + 1);
    }
    throw new XmlUnsupported('unterminated tag');
  }
}
