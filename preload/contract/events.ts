import { z } from 'zod';
import { event } from './define.ts';
import { CardDifference, ParsedCardInput } from './ops/persons.ts';

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
  /** A device reading arrived (it is in the tray until applied to a visit). */
  'device.reading': event(
    z.object({
      measurementId: z.string(),
      device: z.string(),
      kind: z.string(),
      values: z.record(z.string(), z.number().nullable()),
      measuredAt: z.string().nullable(),
      receivedAt: z.string(),
      stale: z.boolean(),
      /** The exam open on screen when it arrived (null: none): only that exam is offered it. */
      arrivedDuringVisitId: z.string().nullable(),
    }),
    { access: 'devices.use' },
  ),
  /** A card was scanned: the resident it found, or the card to register from. */
  'device.scan': event(
    z.object({
      kind: z.enum(['cccd', 'bhyt', 'unknown']),
      personId: z.string().nullable(),
      card: ParsedCardInput.nullable(),
      warnings: z.array(z.string()),
      differences: z.array(CardDifference).default([]),
      device: z.string(),
    }),
    { access: 'devices.use' },
  ),
  /** A device connected, disconnected or failed; also raw frames for the live monitor. */
  'device.status': event(z.object({ id: z.string(), status: z.string(), message: z.string() })),
  /** Live monitor: one chunk as it came off the wire (hex), and what the driver made of it. */
  'device.frame': event(z.object({ id: z.string(), hex: z.string(), decoded: z.string(), at: z.string() }), {
    access: 'devices.use',
  }),
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
