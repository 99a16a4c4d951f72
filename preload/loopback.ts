/**
 * The browser-side bridge for the loopback host: gives the page the same `window.hssk` the Electron
 * preload gives, over fetch (operations) and a WebSocket (events). Bundled into one classic script
 * that the loopback host injects before the app's own script.
 */
import { buildApi, type Transport } from './contract/client.ts';
import { fail, type Result } from './contract/errors.ts';
import type { EventName } from './contract/events.ts';

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
let socket: WebSocket | null = null;
let retryMs = 500;

function connect(): void {
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`);
  socket = ws;
  ws.onopen = () => {
    retryMs = 500;
  };
  ws.onmessage = (e) => {
    try {
      const msg = JSON.parse(String(e.data)) as { event: EventName; payload: unknown };
      for (const h of listeners.get(msg.event) ?? []) h(msg.payload);
    } catch {
      // A malformed message is dropped; the next one may be fine.
    }
  };
  ws.onclose = () => {
    socket = null;
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 10_000);
  };
}

/**
 * The host judges each event socket by the session its connection carried, so after a call that
 * signed in, out or set the station up (the host says so in a header), the socket is reopened to
 * carry the new session.
 */
function reconnect(): void {
  const old = socket;
  if (!old) return;
  old.onclose = null;
  old.close();
  socket = null;
  connect();
}

const transport: Transport = {
  async invoke(name, input): Promise<Result<unknown>> {
    try {
      const res = await fetch(`/api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
        credentials: 'same-origin',
      });
      if (res.status === 401) {
        return fail(
          'UNAUTHENTICATED',
          'Địa chỉ truy cập đã hết hiệu lực. Hãy mở lại ứng dụng bằng địa chỉ mới nhất.',
        );
      }
      const result = (await res.json()) as Result<unknown>;
      if (res.headers.get('x-hssk-session-changed')) reconnect();
      return result;
    } catch {
      return fail(
        'INTERNAL',
        'Mất kết nối tới chương trình HSSK Trạm trên máy này. Kiểm tra chương trình còn đang chạy.',
      );
    }
  },
  subscribe(event, handler) {
    if (!socket) connect();
    const set = listeners.get(event) ?? new Set();
    set.add(handler);
    listeners.set(event, set);
    return () => set.delete(handler);
  },
};

Object.defineProperty(window, 'hssk', {
  value: Object.freeze(buildApi(transport)),
  writable: false,
  configurable: false,
});
