/**
 * What every value parser returns for a non-blank value: the normalised value (perhaps with a
 * Vietnamese warning about what was assumed), or a Vietnamese error saying what is wrong and how it
 * should be written. Parsers return null for a blank value.
 *
 * `impossible` marks a value that was read correctly but cannot be true (a birth date after today
 * or more than 125 years ago): the row is wrong about the person, so no other cell may stand in for
 * it (person-identity.ts).
 */
export type Parsed<T> =
  { ok: true; value: T; warning?: string } | { ok: false; error: string; impossible?: true };
