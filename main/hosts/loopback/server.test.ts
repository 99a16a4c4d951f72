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

/** Raw HTTP so tests can send the headers a browser or an attacker would. */
function raw(method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
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
const auth = () => ({ host: host(), authorization: `Bearer ${server.token}` });
const call = (name: string, input: unknown, extra: Record<string, string> = {}) =>
  raw(
    'POST',
    `/api/call/${name}`,
    { ...auth(), 'content-type': 'application/json', ...extra },
    JSON.stringify(input),
  );

beforeAll(async () => {
  mkdirSync(join(ui, 'assets'));
  writeFileSync(
    join(ui, 'index.html'),
    '<html><head><script type="module" src="/assets/a.js"></script></head><body></body></html>',
  );
  writeFileSync(join(ui, 'assets', 'a.js'), 'export {}');
  writeFileSync(join(ui, 'bridge.js'), 'window.x=1');
  t = makeTestCore();
  server = await startLoopbackServer({
    core: t.core,
    rendererDir: ui,
    bridgeFile: join(ui, 'bridge.js'),
    log: silentLogger,
  });
});
afterAll(async () => {
  await server.close();
  t.close();
});

describe('the loopback host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('trades the launch token for an HttpOnly cookie and strips it from the address', async () => {
    const r = await raw('GET', new URL(server.launchUrl).pathname + new URL(server.launchUrl).search, {
      host: host(),
    });
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/');
    expect(String(r.headers['set-cookie'])).toMatch(
      new RegExp(`^hssk_token_${server.port}=.*HttpOnly.*SameSite=Strict`),
    );
    const page = await raw('GET', '/', { host: host(), cookie: `${server.cookies.token}=${server.token}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('/__hssk/bridge.js');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('refuses requests without the token, with a wrong one, or for another host name (DNS rebinding)', async () => {
    expect((await raw('GET', '/', { host: host() })).status).toBe(401);
    expect((await raw('GET', '/assets/a.js', { host: host(), authorization: 'Bearer nope' })).status).toBe(
      401,
    );
    expect((await raw('GET', '/', { ...auth(), host: `evil.example:${server.port}` })).status).toBe(421);
    expect((await call('system.status', {}, { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('serves calls as JSON POSTs only, with sane limits', async () => {
    expect((await raw('GET', '/api/call/system.status', auth())).status).toBe(405);
    expect(
      (await raw('POST', '/api/call/system.status', { ...auth(), 'content-type': 'text/plain' }, '{}'))
        .status,
    ).toBe(415);
    const badJson = await raw(
      'POST',
      '/api/call/system.status',
      { ...auth(), 'content-type': 'application/json' },
      '{oops',
    );
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const unknown = await call('nothing.here', {});
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
  });

  it('keeps each browser’s session in its own HttpOnly cookie', async () => {
    await t.ok('station.setup', { station: TEST_STATION, admin: TEST_ADMIN });
    const login = await call('auth.login', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    expect(cookie).toMatch(new RegExp(`^hssk_sid_${server.port}=`));
    expect(String(login.headers['set-cookie'])).toContain('HttpOnly');
    const withSession = await call('users.list', {}, { cookie });
    expect(JSON.parse(withSession.body)).toMatchObject({ ok: true });
    const without = await call('users.list', {});
    expect(JSON.parse(without.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('names its cookies after its port, so a second instance on 127.0.0.1 cannot overwrite them', async () => {
    const other = makeTestCore();
    const second = await startLoopbackServer({
      core: other.core,
      rendererDir: ui,
      bridgeFile: join(ui, 'bridge.js'),
      log: silentLogger,
    });
    try {
      expect(second.cookies.token).not.toBe(server.cookies.token);
      expect(second.cookies.session).not.toBe(server.cookies.session);
      // One browser sends every 127.0.0.1 cookie to both ports: each instance reads only its own.
      const jar = `${server.cookies.token}=${server.token}; ${second.cookies.token}=${second.token}`;
      expect((await raw('GET', '/', { host: host(), cookie: jar })).status).toBe(200);
      const atSecond = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: second.port,
            path: '/',
            headers: { host: `127.0.0.1:${second.port}`, cookie: jar },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(atSecond).toBe(200);
      // The first instance's token under the second's name is refused.
      expect(
        (await raw('GET', '/', { host: host(), cookie: `${second.cookies.token}=${server.token}` })).status,
      ).toBe(401);
    } finally {
      await second.close();
      other.close();
    }
  });

  it('pushes events over a WebSocket that needs the token and our origin', async () => {
    const url = `ws://127.0.0.1:${server.port}/api/events`;
    const refused = new WebSocket(url, { headers: { origin: server.origin } });
    await expect(new Promise((_, reject) => refused.on('error', reject))).rejects.toThrow(/401/);

    const ws = new WebSocket(url, {
      headers: { origin: server.origin, cookie: `${server.cookies.token}=${server.token}` },
    });
    await new Promise((resolve) => ws.on('open', resolve));
    const got = new Promise<string>((resolve) => ws.on('message', (m) => resolve(String(m))));
    t.core.events.emit('system.changed', { reason: 'test' });
    expect(JSON.parse(await got)).toEqual({ event: 'system.changed', payload: { reason: 'test' } });
    ws.close();
  });
});
