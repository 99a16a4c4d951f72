import { z } from 'zod';
import { event } from './define.ts';

/** Events pushed from the core to the UI. Payloads are JSON-safe; the UI never sends events. */
export const events = {
  /** Progress of a long job (import, batch print, sync). */
  'job.progress': event(
    z.object({
      jobId: z.string(),
      kind: z.string(),
      done: z.number(),
      total: z.number(),
      message: z.string(),
      finished: z.boolean(),
    }),
  ),
  /** The session was locked by the idle timer or signed out elsewhere. */
  'session.changed': event(z.object({ locked: z.boolean(), signedIn: z.boolean() })),
  /** Something the status bar shows changed (devices, sync queue); the UI re-reads system.status. */
  'system.changed': event(z.object({ reason: z.string() })),
};

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;
export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
