import type { EventName, EventPayload } from '#contract/events.ts';

type Listener = (name: EventName, payload: unknown) => void;

/** Core → hosts. Hosts forward every event to their UI clients (IPC, WebSocket). */
export class EventBus {
  #listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.#listeners) {
      try {
        l(name, payload);
      } catch {
        // One broken client must not stop the others from hearing the event.
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
