/**
 * Plausible bodies for the demo commune (issue 14 point 8): an adult's weight drifts slowly around
 * their own baseline instead of being drawn afresh at each visit (a seeded 80-year-old went
 * 54.8 → 69.7 → 56.7 kg month to month), and a child grows along their own centile, with head
 * circumference and MUAC measured at growth checks.
 */
import type { Random } from './random.ts';

const DAY = 86_400_000;
const MONTH = 30.4375 * DAY;

/**
 * An adult's weight over the seeded years: a baseline for the person (by sex, lighter in old age),
 * then a monthly random walk of at most ±1,5 kg a month, pulled gently back towards the baseline so
 * ten years do not wander off. Visits read it at their day, so two registers' follow-ups of the
 * same person (interleaved in time) lie on one curve.
 */
export class AdultWeight {
  readonly #months: number[] = [];
  readonly #startT: number;

  constructor(rng: Random, sex: 'M' | 'F', age: number, startT: number, endT: number) {
    this.#startT = startT;
    const mean = (sex === 'M' ? 60 : 52) - (age >= 70 ? 4 : 0);
    const base = Math.min(95, Math.max(38, rng.normal(mean, 7)));
    let w = base;
    const n = Math.ceil((endT - startT) / MONTH) + 1;
    for (let i = 0; i < n; i++) {
      this.#months.push(w);
      const step = Math.max(-1.5, Math.min(1.5, rng.normal(0, 0.7)));
      w += step + 0.08 * (base - w);
    }
  }

  /** The weight on a day (ms), to 0,1 kg, with the scale's own small error added by the caller. */
  at(t: number): number {
    const i = Math.max(0, Math.min(this.#months.length - 1, Math.round((t - this.#startT) / MONTH)));
    return this.#months[i];
  }
}

/** WHO median head circumference (cm) by month, roughly (boys 34,5 at birth, 46 at 12, 48 at 24). */
export function medianHeadCm(months: number, sex: 'M' | 'F'): number {
  const boys = 34.5 + 11.5 * (1 - Math.exp(-months / 5.5)) + 0.08 * Math.min(months, 60);
  return sex === 'M' ? boys : boys - 0.9;
}

/** One child's place on the curves, kept for all their growth checks. */
export interface ChildBody {
  /** Multiplier of the median weight (about ±7 %). */
  weightFactor: number;
  /** Centimetres above or below the median length/height. */
  heightOffset: number;
  headOffset: number;
  /** The child's MUAC from 6 months (mm): a few per cent under 125 mm, rarely under 115. */
  muacMm: number;
}

export function childBody(rng: Random): ChildBody {
  return {
    weightFactor: Math.min(1.2, Math.max(0.82, rng.normal(1, 0.07))),
    heightOffset: Math.min(6, Math.max(-6, rng.normal(0, 2.2))),
    headOffset: Math.min(3, Math.max(-3, rng.normal(0, 1.1))),
    muacMm: Math.round(Math.min(185, Math.max(105, rng.normal(148, 11)))),
  };
}
