import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { fail, type Result } from '#contract/errors.ts';
import { operationNames } from '#contract/operations.ts';
import { mayReceive } from '../../core/api/event-access.ts';
import type { Core } from '../../core/app.ts';
import type { SessionBinding } from '../../core/handler-types.ts';
import type { Logger } from '../../core/log.ts';
import { isAppUrl } from './trusted-url.ts';

/** The one channel events travel on, main → renderer. */
export const EVENT_CHANNEL = 'hssk:event';

/** Only our own page's top frame may call: not an iframe, not another origin, not a detached frame. */
export function isTrustedSender(frame: Pick<WebFrameMain, 'url' | 'parent'> | null | undefined): boolean {
  return Boolean(frame) && frame?.parent === null && isAppUrl(frame.url);
}

/** Which session each window holds. A closed window's session ends with it. */
export class WindowSessions {
  readonly #ids = new Map<number, string | null>();

  binding(webContentsId: number): SessionBinding {
    return {
      get: () => this.#ids.get(webContentsId) ?? null,
      set: (id) => this.#ids.set(webContentsId, id),
    };
  }

  release(webContentsId: number): string | null {
    const id = this.#ids.get(webContentsId) ?? null;
    this.#ids.delete(webContentsId);
    return id;
  }
}

export async function handleInvoke(
  core: Core,
  sessions: WindowSessions,
  log: Logger,
  event: Pick<IpcMainInvokeEvent, 'senderFrame'> & { sender: { id: number } },
  name: string,
  input: unknown,
): Promise<Result<unknown>> {
  if (!isTrustedSender(event.senderFrame)) {
    log.warn('IPC call from an untrusted frame refused', {
      op: name,
      url: event.senderFrame?.url?.slice(0, 200) ?? null,
    });
    return fail('FORBIDDEN_SENDER');
  }
  return core.call(sessions.binding(event.sender.id), name, input);
}

/** One ipcMain.handle per contract operation, each through the same checks. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  core: Core,
  sessions: WindowSessions,
  log: Logger,
): void {
  for (const name of operationNames) {
    ipcMain.handle(name, (event, input: unknown) => handleInvoke(core, sessions, log, event, name, input));
  }
}

/**
 * Core events → windows. An event that carries health or identity data goes only to windows whose
 * session may see it (see mayReceive); the others go to every window.
 */
export function forwardEvents(
  core: Core,
  sessions: WindowSessions,
  windows: () => { id: number; send(channel: string, message: unknown): void }[],
): () => void {
  return core.events.subscribe((event, payload) => {
    for (const w of windows()) {
      if (mayReceive(core.ctx, sessions.binding(w.id).get(), event))
        w.send(EVENT_CHANNEL, { event, payload });
    }
  });
}
