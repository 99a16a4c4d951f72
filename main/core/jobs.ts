import type { EventBus } from './events.ts';

/**
 * Reports a job's progress to the UI (`job.progress`), at most every 200 ms — a loop that reports
 * every row must not flood the window — and always the last, finished report.
 */
export function progressReporter(
  events: EventBus,
  jobId: string,
  kind: string,
): (done: number, total: number, message: string, finished?: boolean) => void {
  let last = 0;
  return (done, total, message, finished = false) => {
    const now = Date.now();
    if (!finished && now - last < 200) return;
    last = now;
    events.emit('job.progress', { jobId, kind, done, total, message, finished });
  };
}

/**
 * Long jobs (importing a population list, batch printing, closing-time upload) write in one
 * transaction that spans many small chunks, yielding to the event loop between chunks so the
 * window stays responsive and progress events get out. While such a job holds the database,
 * every other call waits here — otherwise its statements would run inside the job's
 * transaction (one connection) and be committed or rolled back with it.
 */
export class JobGate {
  #running: { kind: string; startedAt: number } | null = null;
  #waiters: (() => void)[] = [];
  /** Calls being handled right now (the dispatcher counts them). */
  #inflight = 0;

  enter(): void {
    this.#inflight += 1;
  }

  leave(): void {
    this.#inflight -= 1;
  }

  get running(): { kind: string; startedAt: number } | null {
    return this.#running;
  }

  /** No job and no call being handled: a moment for housekeeping (a WAL checkpoint). */
  get idle(): boolean {
    return this.#running === null && this.#inflight === 0;
  }

  /** Resolves when no job holds the database. */
  async whenFree(): Promise<void> {
    while (this.#running) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  /**
   * Runs `fn` as the only job; a second job started meanwhile waits for the first to finish.
   * New calls wait from now on; calls already half-way (e.g. a login hashing its password) are
   * let finish first, so none of their writes lands inside the job's transaction. The call that
   * starts the job is itself in flight, hence "more than one".
   */
  async run<T>(kind: string, fn: () => Promise<T>): Promise<T> {
    await this.whenFree();
    this.#running = { kind, startedAt: Date.now() };
    while (this.#inflight > 1) await new Promise((r) => setTimeout(r, 5));
    try {
      return await fn();
    } finally {
      this.#running = null;
      const waiters = this.#waiters;
      this.#waiters = [];
      for (const w of waiters) w();
    }
  }
}
