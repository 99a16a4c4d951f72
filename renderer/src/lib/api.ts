import type { ApiError, HsskApi, Result } from '#contract';
import { vi as t } from './i18n/vi.ts';

declare global {
  interface Window {
    /** Provided by the Electron preload or the loopback bridge; the only way out of this page. */
    readonly hssk: HsskApi;
  }
}

export const api: HsskApi = window.hssk;

export class ApiFailure extends Error {
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(error.message);
    this.error = error;
  }
}

type Listener = (error: ApiError) => void;
const listeners = new Set<Listener>();

/** The shell listens here to react to a lost or locked session wherever it happens. */
export function onApiError(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Resolves to the value, or throws ApiFailure (after telling the shell) when the call failed. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const r = await call;
  if (!r.ok) {
    for (const l of listeners) l(r.error);
    throw new ApiFailure(r.error);
  }
  return r.value;
}

/** Field messages from an INVALID_INPUT error, keyed by the dotted input path. */
export function fieldErrors(e: unknown): Record<string, string> {
  if (!(e instanceof ApiFailure) || e.error.code !== 'INVALID_INPUT') return {};
  const issues =
    (e.error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path] ??= i.message;
  return out;
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiFailure) return e.error.message;
  return t.ui.unexpected;
}
