import { DEFAULT_ERROR_MESSAGES, type ErrorCode } from '#contract/errors.ts';

/**
 * An expected failure with a stable code. `message` is Vietnamese for the user; `logMessage` is the
 * English line for the log. Anything thrown that is not an AppError is a bug and is reported as INTERNAL.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly details: unknown;

  constructor(
    code: ErrorCode,
    options: { message?: string; logMessage?: string; details?: unknown; cause?: unknown } = {},
  ) {
    super(options.logMessage ?? `${code}${options.message ? `: ${options.message}` : ''}`, {
      cause: options.cause,
    });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = options.message ?? DEFAULT_ERROR_MESSAGES[code];
    this.details = options.details;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Formats any thrown value for a log line without leaking it to the UI. */
export function describeError(e: unknown): { name: string; message: string; stack?: string; code?: string } {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return {
      name: e.name,
      message: e.message,
      stack: e.stack,
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  return { name: 'NonError', message: String(e) };
}
