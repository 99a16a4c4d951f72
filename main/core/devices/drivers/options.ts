/**
 * Driver options arrive as JSON (the devices table, the CLI). These pickers keep what is valid and
 * fall back to the driver's default otherwise, so a stale or hand-edited option never crashes a driver.
 */
export type RawOptions = Readonly<Record<string, unknown>>;

export function pickNumber(o: RawOptions, key: string, min: number, max: number): number | undefined {
  const v = o[key];
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : undefined;
}

export function pickEnum<T extends string>(o: RawOptions, key: string, allowed: readonly T[]): T | undefined {
  const v = o[key];
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}

export function pickBoolean(o: RawOptions, key: string): boolean | undefined {
  const v = o[key];
  return typeof v === 'boolean' ? v : undefined;
}

export function pickIntegers(o: RawOptions, key: string, min: number, max: number): number[] | undefined {
  const v = o[key];
  if (!Array.isArray(v) || !v.length || !v.every((x) => Number.isInteger(x) && x >= min && x <= max))
    return undefined;
  return v as number[];
}

/** Drops undefined values so `{ ...defaults, ...picked }` keeps the defaults. */
export function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
