import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long loops written as generators that `yield` now and then, so the same code can run to the end
 * at once (tests, the CLI) or in slices across event-loop turns (the app: the core shares
 * Electron's main process, where no call may hold the loop for more than ~50 ms).
 */
export type Steps<T> = Generator<void, T, void>;

export function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export async function runInTurns<T>(steps: Steps<T>, signal?: AbortSignal): Promise<T> {
  signal?.throwIfAborted();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await nextTurn();
    signal?.throwIfAborted();
  }
}

/**
 * Says when a loop has run long enough to yield: checks the clock every `checkEvery` calls only. Slices are
 * kept well under the 50 ms budget because a garbage collection may land inside one.
 */
export function sliceTimer(budgetMs = 10, checkEvery = 256): () => boolean {
  let calls = 0;
  let since = performance.now();
  return () => {
    // Loops whose steps cost more than a few microseconds (a row written with its index entries and
    // audit line) ask for a smaller `checkEvery`, so a slice never overruns by hundreds of steps.
    if (++calls % checkEvery) return false;
    const now = performance.now();
    if (now - since < budgetMs) return false;
    since = now;
    return true;
  };
}
