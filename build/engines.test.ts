/**
 * npm runs on the system Node (20 on the CI machine) and judges every package's "engines" against
 * it, which under Node 20 printed a wall of EBADENGINE warnings about packages that only ever run
 * on the project's pinned Node 24. `.npmrc` hides npm's warnings for that reason; this test puts the
 * check back where it means something: every installed package's "engines.node" must accept the
 * Node that runs the project's code (the one running this test, through npm/npx).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceRoot } from '../main/core/paths.ts';

type Version = [number, number, number];
type Partial = [number, number | null, number | null];

function parsePartial(text: string): Partial | null {
  const core = text.replace(/^v/, '').split(/[-+]/)[0];
  if (core === '' || core === '*' || /^[xX]$/.test(core)) return null;
  const [a, b, c] = core
    .split('.')
    .map((p) => (p === undefined || p === '*' || /^[xX]$/.test(p) ? null : Number(p)));
  if (a === null || a === undefined || Number.isNaN(a)) return null;
  return [a, b ?? null, c ?? null];
}

const compare = (x: Version, y: Version): number => x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
const floor = (p: Partial): Version => [p[0], p[1] ?? 0, p[2] ?? 0];
/** The first version above a partial one: 18 → 19.0.0, 18.2 → 18.3.0, 18.2.1 → 18.2.2. */
const next = (p: Partial): Version =>
  p[1] === null ? [p[0] + 1, 0, 0] : p[2] === null ? [p[0], p[1] + 1, 0] : [p[0], p[1], p[2] + 1];

/** One comparator of an npm range (`>=22.12.0`, `^20.19`, `~14.17`, `18`, `10.*`), as npm reads it. */
function comparatorAccepts(comparator: string, v: Version): boolean {
  const m = /^(>=|<=|>|<|=|\^|~)?(.*)$/.exec(comparator) as RegExpExecArray;
  const op = m[1] ?? '';
  const p = parsePartial(m[2]);
  if (p === null) return op !== '<' && op !== '>';
  const lo = floor(p);
  switch (op) {
    case '>=':
      return compare(v, lo) >= 0;
    case '<':
      return compare(v, lo) < 0;
    case '>':
      return p[2] === null ? compare(v, next(p)) >= 0 : compare(v, lo) > 0;
    case '<=':
      return p[2] === null ? compare(v, next(p)) < 0 : compare(v, lo) <= 0;
    case '^': {
      const hi: Version =
        p[0] > 0 ? [p[0] + 1, 0, 0] : (p[1] ?? 0) > 0 ? [0, (p[1] ?? 0) + 1, 0] : [0, 0, (p[2] ?? 0) + 1];
      return compare(v, lo) >= 0 && compare(v, hi) < 0;
    }
    case '~':
      return compare(v, lo) >= 0 && compare(v, p[1] === null ? [p[0] + 1, 0, 0] : [p[0], p[1] + 1, 0]) < 0;
    default:
      return compare(v, lo) >= 0 && compare(v, next([p[0], p[1], p[2]])) < 0;
  }
}

function satisfies(version: string, range: string): boolean {
  const v = floor(parsePartial(version) ?? [0, 0, 0]);
  return range.split('||').some((set) => {
    const comparators = set
      .trim()
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean);
    return comparators.every((c) => comparatorAccepts(c, v));
  });
}

interface LockEntry {
  version?: string;
  optional?: boolean;
  engines?: { node?: string } | string[];
}

describe('the Node the project runs on', () => {
  it('reads npm ranges the way npm does', () => {
    expect(satisfies('24.21.0', '^20.19.0 || ^22.12.0 || >=24.0.0')).toBe(true);
    expect(satisfies('24.21.0', '^22.22.2 || ^24.15.0 || >=26.0.0')).toBe(true);
    expect(satisfies('24.14.0', '^22.22.2 || ^24.15.0 || >=26.0.0')).toBe(false);
    expect(satisfies('20.20.2', '>=22.12.0')).toBe(false);
    expect(satisfies('24.21.0', '>=24.0.0 <25')).toBe(true);
    expect(satisfies('25.0.0', '>=24.0.0 <25')).toBe(false);
    expect(satisfies('24.21.0', '6.* || 8.* || >= 10.*')).toBe(true);
    expect(satisfies('24.21.0', '>=16 || 14 >=14.17')).toBe(true);
    expect(satisfies('14.16.0', '>=16 || 14 >=14.17')).toBe(false);
    expect(satisfies('24.21.0', '>=v12.22.7')).toBe(true);
    expect(satisfies('24.21.0', '*')).toBe(true);
    expect(satisfies('24.21.0', '~24.20')).toBe(false);
  });

  it('is accepted by every installed package’s "engines", and by the project’s own', () => {
    const lock = JSON.parse(readFileSync(join(sourceRoot, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, LockEntry>;
    };
    const refused: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      // Optional packages for other platforms are not installed; npm skips them quietly anyway.
      if (!range || (path !== '' && !existsSync(join(sourceRoot, path)))) continue;
      if (!satisfies(process.version, range))
        refused.push(`${path || 'hssk-tram'}@${entry.version ?? ''} needs node ${range}`);
    }
    expect(refused, `Node ${process.version} runs the project`).toEqual([]);
  });
});
