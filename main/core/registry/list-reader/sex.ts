import type { Sex } from '#contract/schemas/common.ts';
import { fold } from '#contract/text.ts';
import type { Parsed } from './parsed.ts';

/**
 * Sex as lists write it: Nam/Nữ in any case or without diacritics, male/female, M/F, and 1/2 (the
 * BHYT card and the XML exchange formats: 1 = Nam, 2 = Nữ). 0 is refused: some systems use
 * 0 = Nữ, others 0 = unknown.
 */
// prettier-ignore
const SEX_WORDS = new Map<string, Sex>([
  ['nam', 'M'], ['nam gioi', 'M'], ['trai', 'M'], ['be trai', 'M'], ['con trai', 'M'], ['male', 'M'], ['m', 'M'], ['1', 'M'],
  ['nu', 'F'], ['nu gioi', 'F'], ['gai', 'F'], ['be gai', 'F'], ['con gai', 'F'], ['female', 'F'], ['f', 'F'], ['2', 'F'],
]);

export function parseSex(raw: string): Parsed<Sex> | null {
  const s = raw.trim();
  if (s === '') return null;
  const sex = SEX_WORDS.get(
    fold(s)
      .replace(/[^a-z0-9 ]/g, '')
      .trim(),
  );
  if (sex) return { ok: true, value: sex };
  return { ok: false, error: `Giới tính «${s.slice(0, 20)}» không rõ: ghi Nam hoặc Nữ.` };
}

/** Marks in the "Nam" | "Nữ" columns when they hold a tick rather than the birth year. */
const MARKS = new Set(['x', 'v', '1', 'co', 'true', '✓', '✔', '√', '+', '*']);

export function isMark(raw: string): boolean {
  return MARKS.has(fold(raw).trim());
}
