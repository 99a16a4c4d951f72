import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { fieldText } from './field-labels.ts';
import { operations } from './operations.ts';

interface Def {
  type: string;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
  options?: z.core.$ZodType[];
}
const defOf = (s: z.core.$ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every field (leaf) of an input schema, as a path with `*` for list positions and free keys. */
function leaves(s: z.core.$ZodType, path: string[] = [], out = new Set<string>()): Set<string> {
  const def = defOf(s);
  if (
    ['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional'].includes(def.type) &&
    def.innerType
  )
    leaves(def.innerType, path, out);
  else if (def.type === 'pipe' && def.in) leaves(def.in, path, out);
  else if (def.type === 'object')
    for (const [k, v] of Object.entries(def.shape ?? {})) leaves(v, [...path, k], out);
  else if (def.type === 'array' && def.element) leaves(def.element, [...path, '*'], out);
  else if (def.type === 'record' && def.valueType) leaves(def.valueType, [...path, '*'], out);
  else if (def.type === 'union') for (const o of def.options ?? []) leaves(o, path, out);
  else if (path.length) out.add(path.join('.'));
  return out;
}

describe('every field an operation takes has a Vietnamese name', () => {
  it('so no refused input is reported by its schema path', () => {
    const unnamed: string[] = [];
    for (const [name, op] of Object.entries(operations)) {
      for (const path of leaves(op.input)) if (!fieldText(path.split('.'))) unnamed.push(`${name}: ${path}`);
    }
    expect(unnamed).toEqual([]);
  });

  it('finds a field by its full path, inside a list, by a free record key, or by its tail', () => {
    expect(fieldText(['visit', 'vitals', 'weightKg'])).toEqual({ label: 'Cân nặng', unit: 'kg' });
    expect(fieldText(['doses', 3, 'givenOn'])).toEqual({ label: 'Ngày tiêm' });
    expect(fieldText(['visit', 'exam', 'cardio'])).toEqual({ label: 'Tim mạch' });
    expect(fieldText(['birth', 'birthWeightG'])).toEqual({ label: 'Cân nặng lúc đẻ', unit: 'g' });
    expect(fieldText(['nothing', 'like', 'this'])).toBeNull();
  });
});
