/**
 * IPC and HTTP input is untrusted: every string an operation accepts has a length limit, and the
 * limit is checked before any transform (trim, case, regex) runs on it, so a 70 MB field is refused
 * at the cost of reading its length (issue 12, defect 5).
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { operations } from './operations.ts';
import { Username, StationCode, StationUpdateInput } from './ops/station.ts';
import { IdentifierInput } from './ops/persons.ts';
import { LongText, RequiredText } from './schemas/common.ts';

interface Def {
  type: string;
  [k: string]: unknown;
}
type Node = { _zod: { def: Def }; maxLength?: number | null; format?: string | null };

/**
 * Paths of strings with no length limit, found by walking the schema: a string that feeds a
 * transform needs one; elsewhere an anchored format (uuid, date, a code's pattern) fails a huge
 * value within its first characters, so only free text needs one.
 */
function unlimitedStrings(
  schema: Node,
  path: string,
  feedsTransform = false,
  seen = new Set<Node>(),
): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = schema._zod.def;
  const walk = (s: unknown, p: string, t = feedsTransform) => unlimitedStrings(s as Node, p, t, seen);
  switch (def.type) {
    case 'string': {
      if (typeof schema.maxLength === 'number') return [];
      const shaped = typeof schema.format === 'string';
      return shaped && !feedsTransform ? [] : [path];
    }
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([k, v]) =>
        walk(v, `${path}.${k}`),
      );
    case 'array':
      return walk(def.element, `${path}[]`);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return walk(def.innerType, path);
    case 'pipe':
      // What comes out of a transform was already limited on the way in.
      return walk(def.in, path, true);
    case 'union':
      return (def.options as unknown[]).flatMap((o, i) => walk(o, `${path}|${i}`));
    case 'intersection':
      return [...walk(def.left, path), ...walk(def.right, path)];
    case 'record':
      return [...walk(def.keyType, `${path}{key}`), ...walk(def.valueType, `${path}{}`)];
    case 'tuple':
      return (def.items as unknown[]).flatMap((o, i) => walk(o, `${path}[${i}]`));
    case 'lazy':
      return walk((def.getter as () => unknown)(), path);
    default:
      return [];
  }
}

describe('input length limits', () => {
  it('every string of every operation’s input is limited before any transform', () => {
    const found = Object.entries(operations).flatMap(([name, spec]) =>
      unlimitedStrings(spec.input as unknown as Node, name),
    );
    expect(found).toEqual([]);
  });

  it('a huge value is refused without the transform running on it', () => {
    const huge = ' a'.repeat(5_000_000);
    for (const schema of [Username, StationCode, RequiredText(200), LongText(4000)] as z.ZodType[]) {
      expect(schema.safeParse(huge).success).toBe(false);
    }
    expect(IdentifierInput.safeParse({ kind: 'cccd', value: huge }).success).toBe(false);
    expect(StationUpdateInput.safeParse({ updateUrl: `https://x/${'a'.repeat(20_000_000)}` }).success).toBe(
      false,
    );
  });
});
