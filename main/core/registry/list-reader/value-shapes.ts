import type { ImportField } from './fields.ts';

/**
 * Guesses a column's field from its values, for columns whose heading says nothing (or files with
 * no header at all). Only shapes that are unmistakable count, and most values must share them.
 */

const compact = (s: string): string => s.replace(/[\s.-]/g, '');

const SHAPES: ReadonlyArray<{ field: ImportField; test: (v: string) => boolean; headerless?: boolean }> = [
  { field: 'cccd', test: (v) => /^\d{12}$/.test(compact(v)) },
  { field: 'cmnd', test: (v) => /^\d{9}$/.test(compact(v)) },
  { field: 'bhyt', test: (v) => /^[A-Z]{2}[1-5]\d{2}[0-9A-Z]{10}$/i.test(compact(v)) },
  { field: 'phone', test: (v) => /^(\+?84|0)[35789]\d{8}$/.test(compact(v)) },
  { field: 'sex', test: (v) => /^(nam|nữ|nu|male|female)$/i.test(v.normalize('NFC')) },
  {
    field: 'birthDate',
    test: (v) => /^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2})$/.test(v),
  },
  {
    // A person's name: two to seven words of letters, no digits. Only trusted without a header.
    field: 'fullName',
    test: (v) => /^\p{L}+(?:[ '’-]\p{L}+){1,6}$/u.test(v.normalize('NFC')),
    headerless: true,
  },
];

export function guessFieldFromValues(values: string[], noHeader: boolean): ImportField | null {
  if (values.length < 2) return null;
  for (const shape of SHAPES) {
    if (shape.headerless && !noHeader) continue;
    const hits = values.filter(shape.test).length;
    if (hits >= values.length * 0.8) return shape.field;
  }
  return null;
}
