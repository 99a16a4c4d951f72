/** Benchmarks print one JSON object per figure, one per line, on stdout; everything else goes to stderr. */
export interface Figure {
  bench: string;
  n: number;
  p50_ms: number;
  p95_ms: number;
  runs: number;
  ratio?: number;
  [extra: string]: unknown;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Times `fn` `runs` times after `warmup` untimed calls. */
export async function measure(
  bench: string,
  n: number,
  fn: (i: number) => unknown,
  options: { runs?: number; warmup?: number; extra?: Record<string, unknown> } = {},
): Promise<Figure> {
  const runs = options.runs ?? 50;
  for (let i = 0; i < (options.warmup ?? 3); i++) await fn(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    bench,
    n,
    p50_ms: round(percentile(times, 50)),
    p95_ms: round(percentile(times, 95)),
    runs,
    ...options.extra,
  };
}

export function withRatio(figure: Figure, baseline: Figure): Figure {
  return { ...figure, ratio: round(figure.p95_ms / baseline.p95_ms), baseline: baseline.bench };
}

export function emit(figure: Figure): void {
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

export const note = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/**
 * Longest gap between ticks of a 5 ms timer while `fn` runs: how long the loop was held at most.
 * The time from the last tick to the end counts too: a call whose last step blocks (a transaction's
 * COMMIT) resolves in the same turn, before the timer could fire again.
 */
export async function withLoopWatch<T>(fn: () => Promise<T>): Promise<{ value: T; maxGapMs: number }> {
  let last = performance.now();
  let maxGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 5);
  try {
    const value = await fn();
    maxGap = Math.max(maxGap, performance.now() - last);
    return { value, maxGapMs: Math.round(maxGap) };
  } finally {
    clearInterval(timer);
  }
}
