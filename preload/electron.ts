/**
 * The Electron preload (sandboxed): exposes `window.hssk` built from the contract. Named functions
 * only; the raw ipcRenderer and its event objects never reach the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from './contract/client.ts';
import type { Result } from './contract/errors.ts';
import type { EventName } from './contract/events.ts';

const EVENT_CHANNEL = 'hssk:event';
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

ipcRenderer.on(EVENT_CHANNEL, (_event, message: { event: EventName; payload: unknown }) => {
  for (const handler of listeners.get(message.event) ?? []) handler(message.payload);
});

contextBridge.exposeInMainWorld(
  'hssk',
  buildApi({
    invoke: (name, input) => ipcRenderer.invoke(name, input) as Promise<Result<unknown>>,
    subscribe: (event, handler) => {
      const set = listeners.get(event) ?? new Set();
      set.add(handler);
      listeners.set(event, set);
      return () => set.delete(handler);
    },
  }),
);
