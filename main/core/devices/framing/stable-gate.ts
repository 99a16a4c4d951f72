/**
 * Decides when a stream of weight frames becomes one reading. A scale streaming at 5–10 frames a
 * second must fill the form once, not fifty times; a scale that prints on a key press must fill
 * it on every press. So: a stable value is emitted when it differs from the last one emitted, or
 * when frames stopped for `repeatAfterMs` (print mode). Flagless streams need `identicalFrames`
 * equal frames in a row before a value counts as settled. Values under `minKg` mean an empty
 * scale: nothing is emitted and the next person's weight counts as new even if it is equal.
 */
export interface StableGateOptions {
  /** Frames with the same value needed before emitting. 1 when the device sends its own stable flag. */
  identicalFrames?: number;
  minKg?: number;
  repeatAfterMs?: number;
}

export class StableGate {
  readonly #identicalFrames: number;
  readonly #minKg: number;
  readonly #repeatAfterMs: number;
  #streakValue: number | null = null;
  #streak = 0;
  #lastEmitted: number | null = null;
  #lastFrameAt = Number.NEGATIVE_INFINITY;

  constructor(options: StableGateOptions = {}) {
    this.#identicalFrames = Math.max(1, Math.floor(options.identicalFrames ?? 1));
    this.#minKg = options.minKg ?? 0.2;
    this.#repeatAfterMs = options.repeatAfterMs ?? 1500;
  }

  /** Offers one decoded frame; true when this frame should be emitted as a reading. */
  offer(kg: number, stable: boolean, at: number): boolean {
    const gap = at - this.#lastFrameAt;
    this.#lastFrameAt = at;
    if (!stable) {
      this.#streak = 0;
      this.#streakValue = null;
      return false;
    }
    if (kg < this.#minKg) {
      this.#streak = 0;
      this.#streakValue = null;
      this.#lastEmitted = null;
      return false;
    }
    if (this.#streakValue === kg && gap < this.#repeatAfterMs) this.#streak++;
    else {
      this.#streakValue = kg;
      this.#streak = 1;
    }
    if (this.#streak < this.#identicalFrames) return false;
    const repeatPress = gap >= this.#repeatAfterMs;
    if (this.#lastEmitted === kg && !repeatPress) return false;
    this.#lastEmitted = kg;
    return true;
  }

  reset(): void {
    this.#streak = 0;
    this.#streakValue = null;
    this.#lastEmitted = null;
    this.#lastFrameAt = Number.NEGATIVE_INFINITY;
  }
}
