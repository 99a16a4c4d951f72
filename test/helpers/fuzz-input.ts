/**
 * Input an attacker (or a broken window) could send to an operation, as fast-check arbitraries:
 * wrong types, huge strings, deep nesting, prototype-pollution keys, NaN/Infinity, invalid dates,
 * unicode edge cases; and "schema-shaped" input built from an operation's zod schema, so the fuzz
 * also reaches past the first type check into the handlers.
 */
import fc from 'fast-check';
import type { z } from 'zod';

/** Built once: generating megabytes per run would make the fuzz slow, not stronger. */
const HUGE = {
  k64: 'x'.repeat(64 * 1024),
  m2: 'Nguyễn '.repeat(300_000),
  digits: '9'.repeat(100_000),
};

function nested(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 'đáy';
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}
const DEEP = [nested(5_000, 'array'), nested(5_000, 'object'), nested(200, 'object')];

/** Strings that have broken parsers, normalisers and SQL before. */
export const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800', // a lone surrogate
  '\uDFFF\uD800',
  'Nguye\u0302\u0303n', // NFD Vietnamese
  '\u202Eevil', // right-to-left override
  '\u200B\u200C\u200D\uFEFF',
  'e\u0301'.repeat(5_000), // combining marks
  '𝕳𝖘𝖘𝖐 👩‍⚕️🇻🇳',
  "'; DROP TABLE persons; --",
  '" OR 1=1 --',
  'NEAR(a b) OR * AND "', // FTS5 query syntax
  '%_\\',
  '../../../../etc/passwd',
  'C:\\Windows\\system32\\config\\SAM',
  '=HYPERLINK("http://x","y")',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'NaN',
  '2023-02-30',
  '0000-00-00',
  '9999-99-99T99:99:99Z',
  '-0001-01-01',
  '1e309',
  HUGE.k64,
  HUGE.m2,
  HUGE.digits,
];

const hostileNumber = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_SAFE_INTEGER + 2, 1e308, -1, 2 ** 31),
  fc.double(),
  fc.integer(),
);

const protoKeys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty');

/** Any value, bent toward what breaks things. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  fc.constantFrom<unknown>(
    null,
    undefined,
    true,
    false,
    new Date(NaN),
    new Date(8.64e15 + 1),
    new Date(0),
    [],
    {},
    // What Electron's structured clone can carry besides JSON (functions and symbols it cannot).
    10n,
    new Map([['a', 1]]),
    new Uint8Array(4),
    ...DEEP,
  ),
  hostileNumber,
  fc.constantFrom(...EDGE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.anything({ maxDepth: 3, withNullPrototype: true, withBoxedValues: true, withDate: true }),
  // JSON.parse makes "__proto__" an own key; an object literal would set the prototype instead.
  fc
    .dictionary(protoKeys, fc.anything({ maxDepth: 1 }), { maxKeys: 3 })
    .map((o) => viaJson(JSON.parse((JSON.stringify(o) ?? '{}').replace('"prototype"', '"__proto__"')))),
);

/** An object with the schema's own field names (if it has any), each filled with a hostile value. */
export function hostileInput(schema: z.ZodType): fc.Arbitrary<unknown> {
  const keys = objectKeys(schema);
  const fields = keys.length
    ? fc.dictionary(fc.constantFrom(...keys, '__proto__', 'constructor'), hostileValue, {
        maxKeys: keys.length + 1,
      })
    : fc.constant({});
  return fc.oneof(hostileValue, fields, fields.map(viaJson));
}

/** What the value becomes over HTTP (own "__proto__" keys, no undefined); too deep stays as is. */
function viaJson(v: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(v) ?? 'null') as unknown;
  } catch {
    return v;
  }
}

function objectKeys(schema: z.ZodType): string[] {
  const def = defOf(schema);
  if (def.type === 'object') return Object.keys(def.shape ?? {});
  if (def.type === 'pipe') return objectKeys(def.in as z.ZodType);
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default')
    return objectKeys(def.innerType as z.ZodType);
  return [];
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  valueType?: z.ZodType;
  items?: z.ZodType[];
  checks?: { _zod: { def: { check: string; format?: string; maximum?: number } } }[];
  format?: string;
  getter?: () => z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
}
function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/**
 * Plausible input shaped like the schema: the right field names and types, values drawn from the
 * given pools (ids of real rows, Vietnamese names, codes) or from the edge strings. Much of it still
 * fails validation (a date in a name field); the rest reaches the handler.
 */
export function schemaShaped(
  schema: z.ZodType,
  pools: { ids: string[]; texts: string[] },
): fc.Arbitrary<unknown> {
  const walk = (s: z.ZodType, depth: number): fc.Arbitrary<unknown> => {
    const def = defOf(s);
    if (depth > 6) return fc.constant(undefined);
    switch (def.type) {
      case 'object': {
        const rec: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, v] of Object.entries(def.shape ?? {})) rec[k] = walk(v, depth + 1);
        return fc.record(rec, { requiredKeys: [] });
      }
      case 'string':
        return stringFor(def, pools);
      case 'number':
      case 'int':
        return fc.oneof(
          { weight: 8, arbitrary: fc.integer({ min: -2, max: 400 }) },
          fc.double({ min: 0, max: 300, noNaN: true }),
          hostileNumber,
        );
      case 'boolean':
        return fc.boolean();
      case 'enum':
        return fc.constantFrom(...Object.values(def.entries ?? { a: 'a' }));
      case 'literal':
        return fc.constantFrom(...(def.values ?? [null]));
      case 'null':
        return fc.constant(null);
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'catch':
      case 'readonly':
      case 'nonoptional':
        // Mostly left out (a default is valid), so the other fields' nonsense reaches the handler.
        return fc.oneof(
          { weight: 4, arbitrary: fc.constant(undefined) },
          { weight: 2, arbitrary: walk(def.innerType as z.ZodType, depth + 1) },
          fc.constant(null),
        );
      case 'pipe':
        return walk(def.in as z.ZodType, depth);
      case 'array':
        return fc.array(walk(def.element as z.ZodType, depth + 1), { maxLength: 3 });
      case 'tuple':
        return fc.tuple(...(def.items ?? []).map((i) => walk(i, depth + 1)));
      case 'union':
        return fc.oneof(...(def.options ?? []).map((o) => walk(o, depth + 1)));
      case 'intersection':
        return fc
          .tuple(walk(def.left as z.ZodType, depth + 1), walk(def.right as z.ZodType, depth + 1))
          .map(([a, b]) => (isPlain(a) && isPlain(b) ? { ...a, ...b } : a));
      case 'record':
        return fc.dictionary(
          fc.constantFrom('a', 'huyet_ap', '__proto__'),
          walk(def.valueType as z.ZodType, depth + 1),
          {
            maxKeys: 2,
          },
        );
      case 'lazy':
        return walk((def.getter as () => z.ZodType)(), depth + 1);
      default:
        return hostileValue;
    }
  };
  return walk(schema, 0);
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringFor(def: Def, pools: { ids: string[]; texts: string[] }): fc.Arbitrary<string> {
  const format = def.format ?? def.checks?.find((c) => c._zod.def.check === 'string_format')?._zod.def.format;
  const plain = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...pools.texts) },
    fc.constantFrom(...EDGE_STRINGS),
    fc.string({ maxLength: 30 }),
  );
  if (format === 'uuid' || format === 'guid')
    return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...pools.ids) }, fc.uuid(), plain);
  if (format === 'date')
    return fc.oneof(
      {
        weight: 8,
        arbitrary: fc
          .date({ min: new Date('1900-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
      },
      plain,
    );
  if (format === 'datetime')
    return fc.oneof(
      {
        weight: 8,
        arbitrary: fc
          .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString()),
      },
      plain,
    );
  return plain;
}

/**
 * A valid input with one or two of its values (at any depth) replaced by something else: a hostile
 * value, a pool text, a number, or nothing (the key removed). Input that is almost right goes
 * deepest into the handlers, where the surprises are.
 */
export function mutated(base: unknown, pools: { ids: string[]; texts: string[] }): fc.Arbitrary<unknown> {
  const paths = leafPaths(base);
  const replacement = fc.oneof(
    hostileValue,
    fc.constantFrom<unknown>(...pools.texts, ...pools.ids),
    fc.integer({ min: -5, max: 100_000 }),
    fc.constant(REMOVE),
  );
  const one = fc.tuple(fc.constantFrom(...paths), replacement);
  return fc.array(one, { minLength: 1, maxLength: 2 }).map((changes) => {
    const copy = structuredClone(base);
    for (const [path, value] of changes) setPath(copy, path, value);
    return copy;
  });
}

const REMOVE = Symbol('remove');

function leafPaths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = prefix.length ? [prefix] : [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...leafPaths(x, [...prefix, i])));
  else if (isPlain(v)) for (const [k, x] of Object.entries(v)) out.push(...leafPaths(x, [...prefix, k]));
  return out;
}

function setPath(root: unknown, path: (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    // An earlier change may have replaced or removed a parent of this path.
    if (typeof node[key] !== 'object' || node[key] === null) return;
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1] as string | number;
  if (value === REMOVE) delete node[last];
  else node[last] = value;
}
