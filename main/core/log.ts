import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

export interface LoggerOptions {
  /** Directory for daily JSON-lines files (hssk-YYYY-MM-DD.log). Omit to log nowhere on disk. */
  dir?: string;
  level?: LogLevel;
  /** Also write human-readable lines to stderr (development, CLI --verbose). */
  stderr?: boolean;
  /** Collect records in memory (tests). */
  sink?: (record: LogRecord) => void;
}

export interface LogRecord {
  at: string;
  level: LogLevel;
  scope: string;
  msg: string;
  [field: string]: unknown;
}

/** Field names whose values never reach a log file: passwords, keys, tokens, health content. */
const SECRET = /pass(word)?|secret|token|key|hash|authorization|cookie/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

export function createLogger(options: LoggerOptions = {}, scope = 'app'): Logger {
  const min = ORDER[options.level ?? 'info'];
  // Owner-only (the data folder is too): a log names no resident, but says who did what when.
  if (options.dir) mkdirSync(options.dir, { recursive: true, mode: 0o700 });

  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    const at = new Date().toISOString();
    const record: LogRecord = {
      at,
      level,
      scope,
      msg,
      ...(fields ? (redact(fields) as Record<string, unknown>) : {}),
    };
    options.sink?.(record);
    if (options.dir) {
      try {
        appendFileSync(join(options.dir, `hssk-${at.slice(0, 10)}.log`), `${JSON.stringify(record)}\n`, {
          mode: 0o600,
        });
      } catch {
        // A full disk must not take the app down with it; the stderr copy below still shows the line.
      }
    }
    if (options.stderr)
      process.stderr.write(
        `${at} ${level.toUpperCase()} [${scope}] ${msg}${fields ? ` ${JSON.stringify(record, (k, v) => (['at', 'level', 'scope', 'msg'].includes(k) ? undefined : v))}` : ''}\n`,
      );
  };

  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (s) => createLogger(options, `${scope}.${s}`),
  };
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};
