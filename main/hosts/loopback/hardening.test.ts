/**
 * The loopback host as an attacker on this machine would try it (issue 12, defects 4, 5 and 11):
 * event sockets judged per session, bodies capped per operation before parsing, a malformed
 * operation name, and a launch address that works once.
 */
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/log.ts';
import { makeTestCore, TEST_ADMIN, TEST_STATION, type TestCore } from '../../../test/helpers/core.ts';
import { startLoopbackServer, type LoopbackServer } from './server.ts';

let t: TestCore;
let server: LoopbackServer;
const ui = mkdtempSync(join(tmpdir(), 'hssk-ui-'));

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const host = () => `127.0.0.1:${server.port}`;
const tokenCookie = () => `${server.cookies.token}=${server.token}`;
const call = (name: string, input: unknown, cookie = '') =>
  raw(
    'POST',
    `/api/call/${name}`,
    {
      host: host(),
      'content-type': 'application/json',
      cookie: [tokenCookie(), cookie].filter(Boolean).join('; '),
    },
    JSON.stringify(input),
  );
async function signIn(username: string, password: string): Promise<string> {
  const r = await call('auth.login', { username, password });
  expect(JSON.parse(r.body)).toMatchObject({ ok: true });
  return String(r.headers['set-cookie']).split(';')[0];
}

/** An event socket as the bridge opens it, with the given session cookie, recording what it hears. */
async function listen(sessionCookie: string): Promise<{ heard: string[]; ws: WebSocket }> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, {
    headers: { origin: server.origin, cookie: [tokenCookie(), sessionCookie].filter(Boolean).join('; ') },
  });
  const heard: string[] = [];
  ws.on('message', (m) => heard.push((JSON.parse(String(m)) as { event: string }).event));
  await new Promise((resolve) => ws.on('open', resolve));
  return { heard, ws };
}

beforeAll(async () => {
  mkdirSync(join(ui, 'assets'));
  writeFileSync(join(ui, 'index.html'), '<html><head></head><body></body></html>');
  writeFileSync(join(ui, 'bridge.js'), 'window.x=1');
  t = makeTestCore();
  server = await startLoopbackServer({
    core: t.core,
    rendererDir: ui,
    bridgeFile: join(ui, 'bridge.js'),
    log: silentLogger,
  });
  await t.ok('station.setup', { station: TEST_STATION, admin: TEST_ADMIN });
  await t.ok('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
  await t.ok('users.create', {
    username: 'xem',
    fullName: 'Người Xem',
    role: 'viewer',
    password: 'Chi-xem-thoi-1',
  });
});
afterAll(async () => {
  await server.close();
  t.close();
});

const SCAN = {
  kind: 'cccd' as const,
  personId: null,
  card: null,
  warnings: [],
  differences: [],
  device: 'Máy quét',
};

describe('event sockets', () => {
  it('judge each event for each socket’s own session: a viewer, a stranger or a locked screen hears no card', async () => {
    const admin = await signIn(TEST_ADMIN.username, TEST_ADMIN.password);
    const viewer = await signIn('xem', 'Chi-xem-thoi-1');
    const a = await listen(admin);
    const v = await listen(viewer);
    const none = await listen('');
    // The viewer calls last: on the old host the last session seen decided for every socket.
    await call('auth.session', {}, viewer);
    t.core.events.emit('device.scan', SCAN);
    t.core.events.emit('device.reading', {
      measurementId: 'm1',
      device: 'Máy đo',
      kind: 'bp',
      values: { sys: 120 },
      measuredAt: null,
      receivedAt: '2026-01-01T00:00:00Z',
      stale: false,
      arrivedDuringVisitId: null,
    });
    t.core.events.emit('system.changed', { reason: 'test' });
    await new Promise((r) => setTimeout(r, 100));
    expect(a.heard).toEqual(['device.scan', 'device.reading', 'system.changed']);
    expect(v.heard).toEqual(['system.changed']);
    expect(none.heard).toEqual(['system.changed']);

    // Locked, then signed out: the administrator's socket hears no card either.
    await call('auth.lock', {}, admin);
    t.core.events.emit('device.scan', SCAN);
    await call('auth.unlock', { password: TEST_ADMIN.password }, admin);
    await call('auth.logout', {}, admin);
    t.core.events.emit('device.scan', SCAN);
    await new Promise((r) => setTimeout(r, 100));
    expect(a.heard).toEqual(['device.scan', 'device.reading', 'system.changed']);
    for (const s of [a, v, none]) s.ws.close();
  });

  it('tells the bridge when a call changed its session, so it reopens its socket', async () => {
    const r = await call('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
    expect(r.headers['x-hssk-session-changed']).toBe('1');
    const plain = await call('auth.session', {}, String(r.headers['set-cookie']).split(';')[0]);
    expect(plain.headers['x-hssk-session-changed']).toBeUndefined();
  });
});

describe('request bodies', () => {
  it('a 70 MB body to the public station.setup is refused with 413 before it is read', async () => {
    const total = 70 * 1024 * 1024;
    const heapBefore = process.memoryUsage().heapUsed;
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const result = await new Promise<{ status: number; sentWhenAnswered: number }>((resolve, reject) => {
      let sent = 0;
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/call/station.setup',
          headers: {
            host: host(),
            cookie: tokenCookie(),
            'content-type': 'application/json',
            'content-length': String(total),
          },
        },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, sentWhenAnswered: sent });
          req.destroy();
        },
      );
      req.on('error', (e) => (sent < total ? undefined : reject(e)));
      const pump = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(result.status).toBe(413);
    // Answered long before the body was all sent: it was never read, let alone parsed.
    expect(result.sentWhenAnswered).toBeLessThan(total);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(32 * 1024 * 1024);
    // The host still serves.
    expect(JSON.parse((await call('system.status', {})).body)).toMatchObject({ ok: true });
  });

  it('a body without a declared length is cut at the operation’s limit while it arrives', async () => {
    const r = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/call/auth.login',
          headers: { host: host(), cookie: tokenCookie(), 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(`{"username":"${'x'.repeat(200 * 1024)}`);
      req.end('","password":"x"}');
    });
    expect(r).toBe(413);
  });
});

describe('addresses', () => {
  it('a malformed percent-encoding in an operation name is a 400, not a 500', async () => {
    const r = await raw(
      'POST',
      '/api/call/auth.%E0%A4%A',
      {
        host: host(),
        cookie: tokenCookie(),
        'content-type': 'application/json',
      },
      '{}',
    );
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false });
  });

  it('the launch address works once', async () => {
    const launch = new URL(server.launchUrl);
    const path = launch.pathname + launch.search;
    expect((await raw('GET', path, { host: host() })).status).toBe(303);
    expect((await raw('GET', path, { host: host() })).status).toBe(401);
    // Nor does the long-lived token itself open the app from an address.
    expect((await raw('GET', `/?token=${server.token}`, { host: host() })).status).toBe(401);
  });
});
