/**
 * What every value parser returns for a non-blank value: the normalised value (perhaps with a
 * Vietnamese warning about what was assumed), or a Vietnamese error saying what is wrong and how it
 * should be written. Parsers return null for a blank value.
 */
export type Parsed<T> = { ok: true; value: T; warning?: string } | { ok: false; error: string };
