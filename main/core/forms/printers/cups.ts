/**
 * Printing through CUPS (Linux, and the loopback host on any Unix): `lpstat` lists the queues and
 * their state, `lp` submits. Run with execFile (no shell: a printer name is never interpreted).
 * Before submitting, the queue's state is read so an offline, disabled or paper-less printer gets
 * its own message instead of a job that waits silently in the spooler.
 */
import { execFile } from 'node:child_process';
import type { PrinterInfo } from '#contract/ops/forms.ts';
import { PRINT_MESSAGES, PrintError, type PrinterDriver, type PrintRequest } from './types.ts';

interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

export type Exec = (cmd: string, args: string[]) => Promise<Run>;

const realExec: Exec = (cmd, args) =>
  new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { timeout: 30_000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 127) : 0;
        resolve({
          stdout: String(stdout),
          stderr: String(stderr) || (err && code === 127 ? err.message : ''),
          code,
        });
      },
    );
  });

/** `lpstat -p` says why a queue does not print: paused, offline, out of paper. */
export function queueProblem(lpstatP: string): 'offline' | 'paper' | null {
  const text = lpstatP.toLowerCase();
  if (/media-empty|media-needed|out of paper|media-jam|paper jam/.test(text)) return 'paper';
  if (/\bdisabled\b|offline|not connected|unable to connect|paused/.test(text)) return 'offline';
  return null;
}

export class CupsDriver implements PrinterDriver {
  readonly name = 'cups';
  readonly #exec: Exec;
  /** `-h host:port` for a private cupsd (tests); the system's otherwise. */
  readonly #server: string[];

  constructor(options: { exec?: Exec; server?: string } = {}) {
    this.#exec = options.exec ?? realExec;
    this.#server = options.server ? ['-h', options.server] : [];
  }

  async list(): Promise<PrinterInfo[]> {
    // No CUPS installed or running is "no printers": the print itself then says so in Vietnamese.
    const names = await this.#exec('lpstat', [...this.#server, '-e']);
    if (names.code !== 0) return [];
    const def = await this.#exec('lpstat', [...this.#server, '-d']);
    const defaultName = /destination:\s*(\S+)/.exec(def.stdout)?.[1] ?? null;
    return names.stdout
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((name) => ({ name, isDefault: name === defaultName }));
  }

  async print(req: PrintRequest): Promise<{ printer: string; spoolId: string }> {
    const printers = await this.list();
    const printer = req.printer ?? printers.find((p) => p.isDefault)?.name ?? printers[0]?.name ?? null;
    if (!printer) throw new PrintError('no-printer', PRINT_MESSAGES['no-printer'](''), 'no CUPS queue');
    if (!printers.some((p) => p.name === printer))
      throw new PrintError('missing', PRINT_MESSAGES.missing(printer), `no queue ${printer}`);
    const state = await this.#exec('lpstat', [...this.#server, '-l', '-p', printer]);
    const problem = queueProblem(`${state.stdout}\n${state.stderr}`);
    if (problem) throw new PrintError(problem, PRINT_MESSAGES[problem](printer), state.stdout.trim());
    const sent = await this.#exec('lp', [
      ...this.#server,
      '-d',
      printer,
      '-n',
      String(req.copies),
      '-o',
      'media=A4',
      '-t',
      'HSSK',
      '--',
      req.file,
    ]);
    if (sent.code !== 0) {
      const why = `${sent.stderr}${sent.stdout}`;
      const reason = /does not exist|not found|unknown/i.test(why)
        ? 'missing'
        : /accepting|disabled/i.test(why)
          ? 'offline'
          : 'failed';
      throw new PrintError(reason, PRINT_MESSAGES[reason](printer), why.trim());
    }
    return { printer, spoolId: /request id is (\S+)/.exec(sent.stdout)?.[1] ?? '' };
  }
}
