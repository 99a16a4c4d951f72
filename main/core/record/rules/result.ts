/**
 * The rules never throw on bad input: a value that cannot be judged comes back as a `Problem`
 * saying why, in a stable machine code (`reason`) and a Vietnamese sentence for the screen.
 */
export interface Problem {
  readonly ok: false;
  readonly reason: string;
  readonly message: string;
}

export const problem = (reason: string, message: string): Problem => ({ ok: false, reason, message });

/** A finite number, not NaN or ±Infinity (inputs may come straight from a form or a device). */
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Rounds half away from zero to `digits` decimals, like WHO's `rounde` (Math.round rounds -2.5 to -2). */
export function roundHalfAway(x: number, digits = 0): number {
  const f = 10 ** digits;
  const y = Math.abs(x) * f;
  // The epsilon absorbs binary noise such as 1.005 * 100 = 100.49999999999999.
  // `|| 0` turns −0 (a tiny negative rounded away) into 0, which is what a reader expects to see.
  return (Math.sign(x) * Math.floor(y + 0.5 + 1e-9)) / f || 0;
}
