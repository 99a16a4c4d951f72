import type { z } from 'zod';
import type { OperationName, OperationParsedInput, Operations } from '#contract/operations.ts';
import type { CoreContext } from './context.ts';
import type { Actor } from './audit/audit.ts';
import type { Session } from './security/sessions.ts';

/**
 * How a host remembers which session a caller holds: per window (Electron), per browser cookie
 * (loopback), per process (CLI). The core only reads and sets it.
 */
export interface SessionBinding {
  get(): string | null;
  set(sessionId: string | null): void;
}

export interface CallInfo {
  readonly ctx: CoreContext;
  readonly session: Session | null;
  /** The signed-in user as recorded in the audit trail; null for public calls. */
  readonly actor: Actor | null;
  readonly binding: SessionBinding;
}

/** What a handler returns: the output schema's input side (the dispatcher parses it on the way out). */
export type HandlerResult<N extends OperationName> = z.input<Operations[N]['output']>;

export type Handler<N extends OperationName> = (
  input: OperationParsedInput<N>,
  call: CallInfo,
) => HandlerResult<N> | Promise<HandlerResult<N>>;

export type Handlers = { [N in OperationName]: Handler<N> };

/** The handlers of one namespace, e.g. HandlersOf<'auth'> for auth.login, auth.logout, … */
export type HandlersOf<NS extends string> = {
  [N in OperationName as N extends `${NS}.${string}` ? N : never]: Handler<N>;
};

/** For handlers behind an access rule that guarantees a signed-in caller. */
export function requireActor(call: CallInfo): Actor {
  if (!call.actor) throw new Error('handler reached without a session; check its access rule');
  return call.actor;
}
