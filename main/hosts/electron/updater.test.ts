import { describe, expect, it, vi } from 'vitest';
import { createLogger, type LogRecord } from '../../core/log.ts';
import { startUpdater, type UpdaterLike } from './updater.ts';

function fakeUpdater() {
  const listeners: Record<string, (arg: never) => void> = {};
  const u = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => null),
    quitAndInstall: vi.fn(),
    on: vi.fn((event: string, l: (arg: never) => void) => {
      listeners[event] = l;
      return u;
    }),
    emit: (event: string, arg: unknown) => listeners[event]?.(arg as never),
  };
  return u as typeof u & UpdaterLike;
}

describe('the updater', () => {
  it('does nothing until the station has an update address', () => {
    const u = fakeUpdater();
    const stop = startUpdater({
      updater: u,
      feedUrl: () => '',
      askToRestart: async () => false,
      log: createLogger(),
    });
    expect(u.setFeedURL).not.toHaveBeenCalled();
    expect(u.checkForUpdates).not.toHaveBeenCalled();
    stop();
  });

  it('checks the station’s generic feed and asks before restarting', async () => {
    const u = fakeUpdater();
    const ask = vi.fn(async () => true);
    const stop = startUpdater({
      updater: u,
      feedUrl: () => 'https://ttyt.example/hssk/',
      askToRestart: ask,
      log: createLogger(),
    });
    expect(u.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://ttyt.example/hssk/' });
    expect(u.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(u.autoInstallOnAppQuit).toBe(true);
    u.emit('update-downloaded', { version: '0.2.0' });
    await vi.waitFor(() => expect(u.quitAndInstall).toHaveBeenCalled());
    expect(ask).toHaveBeenCalledWith('0.2.0');
    stop();
  });

  it('never restarts when the user says later, and never throws on a broken server', async () => {
    vi.useFakeTimers();
    const logs: LogRecord[] = [];
    const u = fakeUpdater();
    u.checkForUpdates.mockRejectedValue(new Error('getaddrinfo ENOTFOUND'));
    let url = 'https://a.example/';
    const stop = startUpdater({
      updater: u,
      feedUrl: () => url,
      askToRestart: async () => false,
      log: createLogger({ sink: (r) => logs.push(r) }),
      intervalMs: 1000,
    });
    u.emit('update-downloaded', { version: '0.2.0' });
    u.emit('error', new Error('signature mismatch'));
    url = 'https://b.example/';
    await vi.advanceTimersByTimeAsync(1000);
    expect(u.setFeedURL).toHaveBeenLastCalledWith({ provider: 'generic', url: 'https://b.example/' });
    expect(u.quitAndInstall).not.toHaveBeenCalled();
    expect(logs.filter((l) => l.msg === 'update check failed').length).toBeGreaterThanOrEqual(2);
    stop();
    vi.useRealTimers();
  });
});
