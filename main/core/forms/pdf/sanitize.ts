/**
 * Every string that reaches the PDF passes here: NFC (a name typed or scanned decomposed prints
 * composed), control characters removed (they have no glyph and can break pdfkit's text runs),
 * characters the font cannot draw (emoji, rare symbols) replaced by "?" so no box or
 * missing-glyph mark is printed, and a word longer than a column can hold given break
 * opportunities (a zero-width space every few characters) so it wraps instead of running off the page.
 */
export type GlyphCheck = (codePoint: number) => boolean;

/** A word longer than this gets a break opportunity every BREAK_EVERY characters. */
const LONG_WORD = 24;
const BREAK_EVERY = 12;
const ZWSP = '\u200b';

// C0/C1 controls except tab and line breaks, plus bidi overrides and other format characters
// that would reorder or hide printed text.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function cleanPrintText(text: string, covers: GlyphCheck): string {
  const nfc = text.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROLS, '');
  let out = '';
  for (const ch of nfc) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\n' || ch === '\t' || covers(cp)) out += ch;
    // A variation selector or joiner left from an emoji sequence: drop it with the emoji.
    else if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
    else out += '?';
  }
  return breakLongWords(out);
}

function breakLongWords(text: string): string {
  return text.replace(/[^\s\u200b]{25,}/gu, (word) => {
    const chars = [...word];
    if (chars.length <= LONG_WORD) return word;
    let out = '';
    chars.forEach((c, i) => {
      out += (i > 0 && i % BREAK_EVERY === 0 ? ZWSP : '') + c;
    });
    return out;
  });
}

/** A copy of the definition with every `text` string (and plain string content) cleaned. */
export function sanitizeDefinition<T>(def: T, covers: GlyphCheck): T {
  const seen = new WeakMap<object, unknown>();
  const walk = (v: unknown, key: string | null): unknown => {
    if (typeof v === 'string')
      return key === null || key === 'text' || key === 'stack' || key === 'ul' || key === 'ol'
        ? cleanPrintText(v, covers)
        : v;
    if (typeof v === 'function' && (key === 'header' || key === 'footer')) {
      // Headers and footers are made at layout time (they know the page number): clean what they return.
      const fn = v as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => sanitizeDefinition(fn(...args), covers);
    }
    if (typeof v !== 'object' || v === null) return v;
    if (Buffer.isBuffer(v)) return v;
    const done = seen.get(v);
    if (done) return done;
    if (Array.isArray(v)) {
      // Strings inside content arrays (a stack, a table row, a column list) are printed text.
      const out: unknown[] = [];
      seen.set(v, out);
      for (const item of v) out.push(walk(item, key === null || isTextArrayKey(key) ? null : key));
      return out;
    }
    const out: Record<string, unknown> = {};
    seen.set(v, out);
    for (const [k, item] of Object.entries(v)) out[k] = walk(item, k === 'content' ? null : k);
    return out;
  };
  return walk(def, typeof def === 'object' && def !== null && !Array.isArray(def) ? 'root' : null) as T;
}

const TEXT_ARRAYS = new Set(['text', 'stack', 'columns', 'body', 'ul', 'ol', 'content']);
const isTextArrayKey = (k: string) => TEXT_ARRAYS.has(k);
