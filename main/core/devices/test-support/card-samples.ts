/** The card samples in test/fixtures/devices/card-samples.txt, by name (tests only). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FILE = fileURLToPath(new URL('../../../../test/fixtures/devices/card-samples.txt', import.meta.url));

export function cardSamples(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(FILE, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    out[line.slice(0, tab)] = line.slice(tab + 1);
  }
  return out;
}
