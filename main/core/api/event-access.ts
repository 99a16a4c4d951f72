import { events, type EventName } from '#contract/events.ts';
import type { CoreContext } from '../context.ts';

/**
 * Whether the window holding session `sessionId` may hear `event`. A scanned card or a reading is
 * health and identity data: only a signed-in, unlocked session with the event's permission gets it,
 * so a locked screen or the sign-in page never receives a resident's name.
 */
export function mayReceive(
  ctx: Pick<CoreContext, 'sessions'>,
  sessionId: string | null,
  event: EventName,
): boolean {
  const access = events[event].access;
  if (access === null) return true;
  const session = ctx.sessions.get(sessionId);
  return session !== undefined && !session.locked && session.permissions.has(access);
}
