import { fold } from '#contract/text.ts';
import { HEADER_RULES, type HeaderTarget } from './fields.ts';

/**
 * Column headings → fields. Headings are compared folded ("Họ và tên (*)" → "ho va ten"), so
 * diacritics, case, punctuation and line breaks inside the heading cell do not matter.
 */

export interface HeadingMatch {
  target: HeaderTarget;
  /** 1 for a heading that is exactly a known phrase; less for a heading that only contains one. */
  confidence: number;
}

export function normalizeHeading(s: string): string {
  const words = fold(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  // "1. Họ và tên", "(2) Ngày sinh": the numbering is not part of the name.
  if (words.length > 1 && /^\d{1,2}$/.test(words[0])) words.shift();
  return words.join(' ');
}

interface Phrase {
  target: HeaderTarget;
  text: string;
  words: number;
  weak: boolean;
  /** Single short words ("ho", "to", "me", "nam") only count when they are the whole heading. */
  exactOnly: boolean;
}

const SHORT_WORDS_THAT_MAY_BE_CONTAINED = new Set(['sdt', 'tdp', 'stt']);

const PHRASES: Phrase[] = HEADER_RULES.flatMap((rule) =>
  [
    ...rule.phrases.map((p) => ({ p, weak: false })),
    ...(rule.weak ?? []).map((p) => ({ p, weak: true })),
  ].map(({ p, weak }) => {
    const words = p.split(' ').length;
    return {
      target: rule.target,
      text: p,
      words,
      weak,
      exactOnly: weak || (words === 1 && p.length < 4 && !SHORT_WORDS_THAT_MAY_BE_CONTAINED.has(p)),
    };
  }),
);

const EXACT = new Map<string, Phrase>();
for (const p of PHRASES) if (!EXACT.has(p.text)) EXACT.set(p.text, p);

export function matchHeading(heading: string): HeadingMatch | null {
  const h = normalizeHeading(heading);
  if (h === '') return null;
  const exact = EXACT.get(h);
  if (exact) return { target: exact.target, confidence: exact.weak ? 0.7 : 1 };
  const padded = ` ${h} `;
  const headingWords = h.split(' ').length;
  let best: Phrase | null = null;
  for (const p of PHRASES) {
    if (p.exactOnly || p.words >= headingWords) continue;
    if (!padded.includes(` ${p.text} `)) continue;
    if (!best || p.words > best.words || (p.words === best.words && p.text.length > best.text.length))
      best = p;
  }
  if (!best) return null;
  return { target: best.target, confidence: Math.min(0.9, 0.5 + (0.4 * best.words) / headingWords) };
}
