import type { z } from 'zod';
import type { Permission } from './permissions.ts';

/**
 * Who may call an operation: anyone (first-run, login, code lists), any signed-in user, or only a
 * user whose role grants the permission.
 */
export type Access = 'public' | 'session' | Permission;

export interface OperationSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** A query never changes data; a command may. Hosts may treat them differently (e.g. retries). */
  readonly kind: 'query' | 'command';
  readonly input: I;
  readonly output: O;
  readonly access: Access;
  /** Allowed while the session is locked by the idle timer (only unlock/logout/status). */
  readonly allowWhenLocked?: boolean;
  /** Answered even while a long job holds the database (status, session: read-only, no record data). */
  readonly duringJob?: boolean;
  /**
   * Made by the UI on its own (status and session checks, an open exam renewing its claim), not by
   * the user: it does not count as someone at the screen, so it never holds off the idle lock.
   */
  readonly background?: boolean;
  /**
   * Largest request body a transport reads for this operation, refused before parsing (a file
   * upload says how large; see bodyLimit for the default).
   */
  readonly maxBodyBytes?: number;
}

/** A public operation (first run, sign-in) takes a few fields: a huge body is an attack. */
export const PUBLIC_BODY_LIMIT = 64 * 1024;
/** A form, a visit with its long texts, a mapping: far below this. */
export const SESSION_BODY_LIMIT = 1024 * 1024;

/** The body limit of an operation (an unknown one gets the public limit). */
export function bodyLimit(spec: Pick<OperationSpec, 'access' | 'maxBodyBytes'> | undefined): number {
  if (!spec) return PUBLIC_BODY_LIMIT;
  return spec.maxBodyBytes ?? (spec.access === 'public' ? PUBLIC_BODY_LIMIT : SESSION_BODY_LIMIT);
}

export function query<I extends z.ZodType, O extends z.ZodType>(spec: {
  input: I;
  output: O;
  access: Access;
  allowWhenLocked?: boolean;
  duringJob?: boolean;
  background?: boolean;
}): OperationSpec<I, O> {
  return { kind: 'query', ...spec };
}

export function command<I extends z.ZodType, O extends z.ZodType>(spec: {
  input: I;
  output: O;
  access: Access;
  allowWhenLocked?: boolean;
  maxBodyBytes?: number;
  background?: boolean;
}): OperationSpec<I, O> {
  return { kind: 'command', ...spec };
}

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
  /**
   * Events that carry health or identity data (a scanned card, a reading) go only to a window
   * whose session is signed in, unlocked and holds this permission; the others go to every window.
   */
  readonly access: Permission | null;
}

export function event<P extends z.ZodType>(payload: P, options: { access?: Permission } = {}): EventSpec<P> {
  return { payload, access: options.access ?? null };
}
