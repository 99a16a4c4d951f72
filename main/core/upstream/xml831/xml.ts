/**
 * The provincial 831 XML is written by hand rather than through a DOM serialiser because its rules
 * are stricter than XML's (form-831-and-standards.md §1.5): every tag is present even when empty and
 * written `<TAG></TAG>`, never self-closed; no namespaces; UTF-8 without a byte-order mark.
 */

/** An element: its tag and either its text or its child elements (in the order the spec lists them). */
export interface XmlElement {
  readonly tag: string;
  readonly content: string | readonly XmlElement[];
}

/** A text element; null and undefined become an empty element, as the receiver expects every tag. */
export function leaf(tag: string, value: string | number | null | undefined): XmlElement {
  return { tag, content: value === null || value === undefined ? '' : String(value) };
}

export function node(tag: string, children: readonly XmlElement[]): XmlElement {
  return { tag, content: children };
}

// Characters XML 1.0 cannot carry at all (C0 controls except tab, LF, CR; lone surrogates; U+FFFE/F).
// A pasted control character would make the whole document unreadable upstream: it is dropped.
function dropNonXmlChars(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const allowed =
      c === 0x09 ||
      c === 0x0a ||
      c === 0x0d ||
      (c >= 0x20 && c < 0xd800) ||
      (c > 0xdfff && c !== 0xfffe && c !== 0xffff);
    if (allowed) out += ch;
  }
  return out;
}

export function escapeText(s: string): string {
  return dropNonXmlChars(s.normalize('NFC'))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

function write(el: XmlElement, out: string[]): void {
  out.push(`<${el.tag}>`);
  if (typeof el.content === 'string') out.push(escapeText(el.content));
  else for (const child of el.content) write(child, out);
  out.push(`</${el.tag}>`);
}

/** The document as text: declaration, then the root, without indentation (whitespace is not data). */
export function serialise(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, out);
  return out.join('');
}
