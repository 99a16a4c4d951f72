/**
 * The integrity checks of one database: the quick check on every start, the full check when the
 * last one is a week old (or when asked), each in a worker thread (integrity-worker.ts) so the
 * window stays responsive. When the last full check ran is kept beside the database
 * (`<db>.integrity.json`), since it must survive restarts and it is about that file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { StartupCheck } from '#contract/ops/system.ts';
import type { Clock } from '../../clock.ts';
import type { Logger } from '../../log.ts';
import type { IntegrityWorkerAnswer, IntegrityWorkerStart } from './integrity-protocol.ts';
import { ok, TEXT, timeInWords } from './messages.ts';

/** From source Node runs the .ts worker; in the Electron bundle it is the entry built beside main.js. */
export const INTEGRITY_WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./integrity-worker.ts', import.meta.url)
  : new URL('./integrity-worker.js', import.meta.url);

export const FULL_CHECK_EVERY_MS = 7 * 24 * 3_600_000;

export interface IntegritySource {
  readonly file: string;
  readonly key: Buffer | null;
}

interface LastFull {
  at: string;
  ok: boolean;
}

export const lastFullFileFor = (dbFile: string): string => `${dbFile}.integrity.json`;

function readLastFull(dbFile: string): LastFull | null {
  const file = lastFullFileFor(dbFile);
  if (!existsSync(file)) return null;
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<LastFull>;
    return typeof v.at === 'string' && typeof v.ok === 'boolean' ? { at: v.at, ok: v.ok } : null;
  } catch {
    return null; // unreadable: the full check is simply due again
  }
}

function runWorker(start: IntegrityWorkerStart): Promise<IntegrityWorkerAnswer> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'HSSK_DB_KEY') env[k] = v;
  return new Promise((resolve) => {
    const worker = new Worker(INTEGRITY_WORKER_URL, {
      workerData: start,
      argv: [],
      env,
      name: 'hssk-integrity',
    });
    let answered = false;
    worker.once('message', (m: IntegrityWorkerAnswer) => {
      answered = true;
      resolve(m);
    });
    worker.once('error', (e) => resolve({ ok: false, mode: start.mode, error: e.message }));
    worker.once('exit', (code) => {
      if (!answered)
        resolve({ ok: false, mode: start.mode, error: `integrity worker exited with code ${code}` });
    });
  });
}

export class IntegrityChecks {
  readonly #source: IntegritySource;
  readonly #clock: Clock;
  readonly #log: Logger;
  #quick: IntegrityWorkerAnswer | null = null;
  #full: IntegrityWorkerAnswer | null = null;
  #lastFull: LastFull | null;
  #running: Promise<void> | null = null;

  constructor(source: IntegritySource, clock: Clock, log: Logger) {
    this.#source = source;
    this.#clock = clock;
    this.#log = log;
    this.#lastFull = readLastFull(source.file);
  }

  get lastFullAt(): string | null {
    return this.#lastFull?.at ?? null;
  }

  /** Due when it never ran or ran more than a week ago (by this PC's clock). */
  fullDue(): boolean {
    const at = this.#lastFull ? Date.parse(this.#lastFull.at) : NaN;
    return Number.isNaN(at) || this.#clock().getTime() - at > FULL_CHECK_EVERY_MS;
  }

  /**
   * Starts the checks once (the first report asks, i.e. once the window shows): the quick one,
   * then the full one if due or asked for. Resolves when they are done.
   */
  start(forceFull = false): Promise<void> {
    if (this.#running && !(forceFull && this.#full === null)) return this.#running;
    const previous = this.#running ?? Promise.resolve();
    this.#running = previous.then(async () => {
      if (!this.#quick) this.#quick = await this.#check('quick');
      if ((forceFull || this.fullDue()) && !this.#full) {
        this.#full = await this.#check('full');
        if (this.#full.ok) {
          this.#lastFull = { at: this.#clock().toISOString(), ok: this.#full.problems.length === 0 };
          try {
            writeFileSync(lastFullFileFor(this.#source.file), JSON.stringify(this.#lastFull), {
              mode: 0o600,
            });
          } catch (e) {
            this.#log.warn('cannot record the full integrity check', { error: String(e) });
          }
        }
      }
    });
    return this.#running;
  }

  async #check(mode: 'quick' | 'full'): Promise<IntegrityWorkerAnswer> {
    const key = this.#source.key ? new Uint8Array(this.#source.key) : null;
    const answer = await runWorker({ file: this.#source.file, key, mode });
    if (!answer.ok) this.#log.error('integrity check could not run', { mode, error: answer.error });
    else if (answer.problems.length)
      this.#log.error('integrity check found damage', { mode, problems: answer.problems, ms: answer.ms });
    else this.#log.info('integrity check passed', { mode, ms: answer.ms });
    return answer;
  }

  /** The check as the window shows it now. */
  report(): StartupCheck {
    const path = this.#source.file;
    const done = [this.#quick, this.#full].filter((a): a is IntegrityWorkerAnswer => a !== null);
    const damaged = done.find(
      (a): a is Extract<IntegrityWorkerAnswer, { ok: true }> => a.ok && a.problems.length > 0,
    );
    if (damaged)
      return {
        id: 'integrity',
        level: 'warning',
        ...TEXT.integrityFailed,
        message: `${TEXT.integrityFailed.message} (kiểm tra ${damaged.mode === 'quick' ? 'nhanh' : 'đầy đủ'}: ${damaged.problems.length} lỗi)`,
        path,
      };
    // The last full check found damage (an index out of step, which the quick check does not see).
    if (!this.#full && this.#lastFull && !this.#lastFull.ok)
      return {
        id: 'integrity',
        level: 'warning',
        ...TEXT.integrityFailed,
        message: `${TEXT.integrityFailed.message} (kiểm tra đầy đủ lúc ${timeInWords(this.#lastFull.at)})`,
        path,
      };
    const failed = done.find((a) => !a.ok);
    if (failed) return { id: 'integrity', level: 'warning', ...TEXT.integrityError, path };
    if (this.#running === null || !this.#quick || (this.fullDue() && !this.#full))
      return { id: 'integrity', level: 'running', ...TEXT.integrityRunning, path };
    const full = this.#lastFull ? `; kiểm tra đầy đủ lần cuối ${timeInWords(this.#lastFull.at)}` : '';
    return ok('integrity', `Dữ liệu toàn vẹn (kiểm tra nhanh khi mở ứng dụng${full})`, path);
  }
}
