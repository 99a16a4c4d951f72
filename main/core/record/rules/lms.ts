/**
 * The LMS method (Cole & Green 1992) as WHO applies it to its growth standards and reference:
 * z = ((X/M)^L − 1) / (L·S), or ln(X/M)/S when L = 0; the curve at z is M·(1 + L·S·z)^(1/L).
 *
 * For the weight-based indicators WHO does not trust the LMS tails: beyond ±3 SD the z-score is
 * linearised using the distance between the 2 SD and 3 SD curves ("restricted application of the
 * LMS method", WHO Child Growth Standards: Methods and development, 2006, ch. 7; the igrowup and
 * who2007 R macros, calc.zwei / calc.zwfl / calc.zbmi).
 */
export interface Lms {
  readonly l: number;
  readonly m: number;
  readonly s: number;
}

/** Plain LMS z-score (no restriction). */
export function lmsZ(x: number, { l, m, s }: Lms): number {
  return l === 0 ? Math.log(x / m) / s : ((x / m) ** l - 1) / (l * s);
}

/** The measurement at z-score `z` (a point on the SD curve). NaN where the curve is undefined. */
export function lmsValue(z: number, { l, m, s }: Lms): number {
  if (l === 0) return m * Math.exp(s * z);
  const base = 1 + l * s * z;
  return base > 0 ? m * base ** (1 / l) : Number.NaN;
}

/**
 * WHO's restricted z-score: inside ±3 it is the LMS z; beyond, each further SD is as wide as the gap
 * between the 2 SD and 3 SD curves on that side:
 *   z > 3:  3 + (x − SD3pos) / (SD3pos − SD2pos)
 *   z < −3: −3 + (x − SD3neg) / (SD2neg − SD3neg)
 */
export function restrictedLmsZ(x: number, lms: Lms): { z: number; restricted: boolean } {
  const z = lmsZ(x, lms);
  if (z > 3) {
    const sd3 = lmsValue(3, lms);
    return { z: 3 + (x - sd3) / (sd3 - lmsValue(2, lms)), restricted: true };
  }
  if (z < -3) {
    const sd3 = lmsValue(-3, lms);
    return { z: -3 + (x - sd3) / (lmsValue(-2, lms) - sd3), restricted: true };
  }
  return { z, restricted: false };
}

/** Linear interpolation of L, M and S, as WHO does between table rows (0.1 cm, or 1 month). */
export function interpolateLms(a: Lms, b: Lms, fraction: number): Lms {
  return {
    l: a.l + fraction * (b.l - a.l),
    m: a.m + fraction * (b.m - a.m),
    s: a.s + fraction * (b.s - a.s),
  };
}
