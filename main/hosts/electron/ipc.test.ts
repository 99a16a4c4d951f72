import { afterEach, describe, expect, it } from 'vitest';
import { operationNames } from '#contract/operations.ts';
import { silentLogger } from '../../core/log.ts';
import { makeSignedInCore, TEST_ADMIN, type TestCore } from '../../../test/helpers/core.ts';
import {
  EVENT_CHANNEL,
  forwardEvents,
  handleInvoke,
  isTrustedSender,
  registerIpc,
  WindowSessions,
} from './ipc.ts';

let t: TestCore;
afterEach(() => t?.close());

const appFrame = { url: 'app://hssk/index.html', parent: null };
const event = (frame: { url: string; parent: unknown } | null, id = 1) => ({
  senderFrame: frame as never,
  sender: { id },
});

describe('isTrustedSender', () => {
  it('trusts only the app page’s top frame', () => {
    expect(isTrustedSender(appFrame)).toBe(true);
    expect(isTrustedSender({ url: 'app://hssk/index.html', parent: appFrame as never })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://hssk.evil/', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('the IPC wrapper', () => {
  it('registers exactly the contract’s operations', () => {
    const channels: string[] = [];
    registerIpc(
      { handle: (ch: string) => void channels.push(ch) } as never,
      {} as never,
      new WindowSessions(),
      silentLogger,
    );
    expect(channels.sort()).toEqual([...operationNames].sort());
  });

  it('rejects a foreign sender before anything runs', async () => {
    t = await makeSignedInCore();
    const sessions = new WindowSessions();
    const iframe = { url: 'app://hssk/index.html', parent: appFrame };
    for (const frame of [iframe, { url: 'https://evil.example/', parent: null }, null]) {
      const r = await handleInvoke(t.core, sessions, silentLogger, event(frame), 'users.list', {});
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
  });

  it('validates input and enforces permissions per window', async () => {
    t = await makeSignedInCore();
    const sessions = new WindowSessions();
    // Window 1 signs in as the administrator through IPC.
    const login = await handleInvoke(t.core, sessions, silentLogger, event(appFrame, 1), 'auth.login', {
      username: TEST_ADMIN.username,
      password: TEST_ADMIN.password,
    });
    expect(login.ok).toBe(true);
    expect(
      (await handleInvoke(t.core, sessions, silentLogger, event(appFrame, 1), 'users.list', {})).ok,
    ).toBe(true);

    // Malformed input never reaches the handler.
    const bad = await handleInvoke(t.core, sessions, silentLogger, event(appFrame, 1), 'users.create', {
      username: 1,
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    // Window 2 has no session: the same call is refused.
    const other = await handleInvoke(t.core, sessions, silentLogger, event(appFrame, 2), 'users.list', {});
    expect(other).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    // A viewer signed in on window 2 lacks the permission.
    await t.ok('users.create', {
      username: 'xem',
      fullName: 'Người Xem',
      role: 'viewer',
      password: 'xem-12345',
    });
    await handleInvoke(t.core, sessions, silentLogger, event(appFrame, 2), 'auth.login', {
      username: 'xem',
      password: 'xem-12345',
    });
    const denied = await handleInvoke(t.core, sessions, silentLogger, event(appFrame, 2), 'users.list', {});
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // Closing window 1 releases its session.
    const released = sessions.release(1);
    expect(released).toBeTruthy();
  });
});

describe('event forwarding', () => {
  it('sends a scanned card only to a signed-in, unlocked window allowed to use devices; status events to all', async () => {
    t = await makeSignedInCore();
    const sessions = new WindowSessions();
    await handleInvoke(t.core, sessions, silentLogger, event(appFrame, 1), 'auth.login', {
      username: TEST_ADMIN.username,
      password: TEST_ADMIN.password,
    });
    await t.ok('users.create', {
      username: 'xem',
      fullName: 'Người Xem',
      role: 'viewer',
      password: 'xem-12345',
    });
    await handleInvoke(t.core, sessions, silentLogger, event(appFrame, 3), 'auth.login', {
      username: 'xem',
      password: 'xem-12345',
    });
    const got = new Map<number, string[]>([
      [1, []],
      [2, []],
      [3, []],
    ]);
    const windows = [1, 2, 3].map((id) => ({
      id,
      send: (channel: string, m: unknown) =>
        channel === EVENT_CHANNEL && got.get(id)!.push((m as { event: string }).event),
    }));
    const stop = forwardEvents(t.core, sessions, () => windows);
    const scan = {
      kind: 'cccd' as const,
      personId: null,
      card: null,
      warnings: [],
      differences: [],
      device: 'Máy quét',
    };
    t.core.events.emit('device.scan', scan);
    t.core.events.emit('system.changed', { reason: 'devices' });
    // Window 1 (administrator) hears both; window 2 (sign-in page) and 3 (viewer) only the status.
    expect(got.get(1)).toEqual(['device.scan', 'system.changed']);
    expect(got.get(2)).toEqual(['system.changed']);
    expect(got.get(3)).toEqual(['system.changed']);
    // Locked: the card no longer reaches the window.
    await handleInvoke(t.core, sessions, silentLogger, event(appFrame, 1), 'auth.lock', {});
    t.core.events.emit('device.scan', scan);
    expect(got.get(1)).toEqual(['device.scan', 'system.changed']);
    stop();
  });
});
