import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fold } from '#contract/text.ts';

/**
 * The codes the 831 XML needs for what the app keeps as text (religion, occupation), read from
 * resources/codes (each file says where its list comes from). Matching is on folded text, so
 * "Thiên Chúa giáo" and "thien chua giao" get the same code; what matches nothing is sent without a
 * code rather than guessed.
 */
export interface Xml831Codes {
  religion(text: string): string;
  occupation(text: string): string;
}

interface ReligionFile {
  items: { code: string; name: string; aliases: string[] }[];
  none: string[];
}
interface OccupationFile {
  items: { code: string; name: string; keywords: string[] }[];
}

const words = (s: string) =>
  ` ${fold(s)
    .replace(/[^a-z0-9']+/g, ' ')
    .trim()} `;

export function loadXml831Codes(resourcesDir: string): Xml831Codes {
  const read = <T>(file: string) => JSON.parse(readFileSync(join(resourcesDir, 'codes', file), 'utf8')) as T;
  const religions = read<ReligionFile>('religion-831.json');
  const occupations = read<OccupationFile>('occupation-vsco.json');
  const religionByName = new Map<string, string>();
  for (const r of religions.items)
    for (const n of [r.name, ...r.aliases]) religionByName.set(words(n), r.code);
  // Longest keyword first, so "ke toan truong" wins over "ke toan".
  const keywords = occupations.items
    .flatMap((o) => o.keywords.map((k) => ({ k: words(k), code: o.code })))
    .sort((a, b) => b.k.length - a.k.length);
  return {
    religion(text) {
      return religionByName.get(words(text)) ?? '';
    },
    occupation(text) {
      const w = words(text);
      return w.trim() === '' ? '' : (keywords.find(({ k }) => w.includes(k))?.code ?? '');
    },
  };
}
