/**
 * The loopback host fuzzed at the HTTP level (issue 12, point 7): forged tokens and cookies, Host
 * and Origin variants (DNS-rebinding names, IPv6 and numeric forms, other ports), malformed and
 * oversized bodies, malformed paths and percent-encodings, raw request lines, slow clients and many
 * connections at once. Whatever arrives: never a 500, never a crash, never a page or data without
 * the token and our own Host/Origin, and a good request is still answered.
 */
import fc from 'fast-check';
import { connect, type Socket } from 'node:net';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/log.ts';
import { makeTestCore, TEST_ADMIN, TEST_STATION, type TestCore } from '../../../test/helpers/core.ts';
import { startLoopbackServer, type LoopbackServer } from './server.ts';

const SEED = 1207;
let t: TestCore;
let server: LoopbackServer;
const ui = mkdtempSync(join(tmpdir(), 'hssk-ui-'));
/** What the test page says, to tell the app's page from a refusal. */
const PAGE_MARK = 'hssk-fuzz-page';
const tally = { requests: 0 };

interface Reply {
  status: number;
  body: string;
}

/** One HTTP request with exactly these headers (Node adds none but Content-Length). */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<Reply> {
  tally.requests++;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method, path, headers, setHost: false, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Raw bytes on a socket; resolves with whatever came back when the server closed or `ms` passed. */
function rawExchange(bytes: string | Buffer, ms = 2_000): Promise<string> {
  tally.requests++;
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1');
    let got = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(got);
    };
    const timer = setTimeout(done, ms);
    socket.on('data', (d) => {
      got += d.toString('latin1');
      // One response is enough: a keep-alive connection would otherwise wait for the timer.
      if (/\r\n\r\n/.test(got) && /content-length: (\d+)/i.test(got)) {
        const len = Number(/content-length: (\d+)/i.exec(got)![1]);
        if (got.length - got.indexOf('\r\n\r\n') - 4 >= len) done();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', done);
    socket.write(bytes);
  });
}

const host = () => `127.0.0.1:${server.port}`;
const tokenCookie = () => `${server.cookies.token}=${server.token}`;
const good = (extra: Record<string, string> = {}) => ({
  host: host(),
  cookie: tokenCookie(),
  'content-type': 'application/json',
  ...extra,
});

/** The host still answers a good call. */
async function stillServes(): Promise<void> {
  const r = await send('POST', '/api/call/system.status', good(), '{}');
  expect(r.status).toBe(200);
  expect(JSON.parse(r.body)).toMatchObject({ ok: true });
}

beforeAll(async () => {
  mkdirSync(join(ui, 'assets'));
  writeFileSync(join(ui, 'index.html'), `<html><head></head><body>${PAGE_MARK}</body></html>`);
  writeFileSync(join(ui, 'assets', 'app.js'), 'window.app=1');
  writeFileSync(join(ui, 'bridge.js'), 'window.x=1');
  t = makeTestCore();
  server = await startLoopbackServer({
    core: t.core,
    rendererDir: ui,
    bridgeFile: join(ui, 'bridge.js'),
    log: silentLogger,
    // Short, so the slow-client tests finish quickly; the defaults are 10 s and 2 min.
    timeouts: { headersMs: 1_500, requestMs: 3_000 },
  });
  await t.ok('station.setup', { station: TEST_STATION, admin: TEST_ADMIN });
});
afterAll(async () => {
  process.stdout.write(`loopback http fuzz: ${tally.requests} requests\n`);
  await server.close();
  t.close();
});

describe('who may call', () => {
  it('forged tokens, cookies, Host and Origin headers: refused unless all three are ours, never a 500', async () => {
    const port = () => server.port;
    const tokenArb = fc.oneof(
      fc.constant<string | null>(null),
      fc.constant(server.token),
      fc.constantFrom(
        server.token.slice(0, -1),
        `${server.token}x`,
        server.token.toUpperCase(),
        ` ${server.token}`,
        '',
        '%',
        'x'.repeat(8_000),
        '\u00ff'.repeat(20),
      ),
      fc.string({ maxLength: 40 }),
    );
    const cookieName = fc.constantFrom(
      () => server.cookies.token,
      () => `hssk_token_${port() + 1}`,
      () => 'hssk_token',
      () => server.cookies.session,
    );
    const via = fc.constantFrom('cookie', 'bearer', 'both-wrong-cookie', 'query');
    const hostArb = fc.constantFrom(
      () => `127.0.0.1:${port()}`,
      () => `localhost:${port()}`,
      () => `evil.example:${port()}`,
      () => `127.0.0.1.nip.io:${port()}`,
      () => `localhost.:${port()}`,
      () => `LOCALHOST:${port()}`,
      () => `[::1]:${port()}`,
      () => `[::ffff:127.0.0.1]:${port()}`,
      () => `0x7f000001:${port()}`,
      () => `127.1:${port()}`,
      () => `2130706433:${port()}`,
      () => '127.0.0.1',
      () => `127.0.0.1:${port() + 1}`,
      () => `127.0.0.1:${port()}@evil.example`,
      () => '',
      () => null,
    );
    const originArb = fc.constantFrom(
      () => null,
      () => `http://127.0.0.1:${port()}`,
      () => `http://localhost:${port()}`,
      () => 'null',
      () => 'http://evil.example',
      () => `http://evil.example:${port()}`,
      () => `https://127.0.0.1:${port()}`,
      () => `http://127.0.0.1:${port()}.evil.example`,
      () => `http://[::1]:${port()}`,
      () => `http://127.0.0.1:${port() + 1}`,
      () => 'file://',
    );
    const target = fc.constantFrom(
      ['GET', '/'],
      ['GET', '/assets/app.js'],
      ['GET', '/__hssk/bridge.js'],
      ['POST', '/api/call/system.status'],
      ['POST', '/api/call/station.get'],
    );
    await fc.assert(
      fc.asyncProperty(
        tokenArb,
        cookieName,
        via,
        hostArb,
        originArb,
        target,
        async (token, name, how, hostOf, originOf, [method, path]) => {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          const h = hostOf();
          if (h !== null) headers.host = h;
          const o = originOf();
          if (o !== null) headers.origin = o;
          let p: string = path;
          if (token !== null) {
            if (how === 'cookie') headers.cookie = `${name()}=${encodeURIComponent(token)}`;
            else if (how === 'bearer') headers.authorization = `Bearer ${token}`;
            else if (how === 'query') p = `${path}?token=${encodeURIComponent(token)}`;
            else headers.cookie = `${name()}=wrong; ${server.cookies.token}x=${encodeURIComponent(token)}`;
          }
          const r = await send(method, p, headers, method === 'POST' ? '{}' : undefined);
          expect(r.status).not.toBe(500);
          const hostOk = h === `127.0.0.1:${port()}` || h === `localhost:${port()}`;
          const originOk =
            o === null || o === `http://127.0.0.1:${port()}` || o === `http://localhost:${port()}`;
          // The long-lived token in an address is never accepted (only one-time launch codes are).
          const tokenOk =
            token === server.token &&
            (how === 'bearer' || (how === 'cookie' && name() === server.cookies.token));
          if (hostOk && originOk && tokenOk) {
            expect(r.status).toBe(200);
          } else {
            // 400: no Host header at all (Node refuses it before our code runs).
            expect([400, 401, 403, 421]).toContain(r.status);
            expect(r.body).not.toContain(PAGE_MARK);
            expect(r.body).not.toContain('"ok":true');
            expect(r.body).not.toContain('window.');
          }
        },
      ),
      { seed: SEED, numRuns: 250 },
    );
    await stillServes();
  });
});

describe('what is sent', () => {
  it('malformed, truncated, mistyped and oversized bodies: a refusal, never a 500 or INTERNAL', async () => {
    const json = fc.json({ maxDepth: 4 });
    const body = fc.oneof(
      json,
      json.map((s) => s.slice(0, Math.max(0, s.length - 1 - (s.length >> 1)))), // truncated
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      fc.constantFrom<string | Buffer>(
        '',
        'null',
        '[]',
        '"x"',
        '1e400',
        '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}',
        '{"username":"quantri","password":"x","password":"y"}',
        '['.repeat(100_000),
        `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
        `{"a":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_001)}`,
        '\uFEFF{}',
        '{"username":"\uD800"}',
        Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x00, 0x7d]),
        `{"q":"${'x'.repeat(300 * 1024)}"}`,
      ),
    );
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/json; charset=latin1',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      '',
      'APPLICATION/JSON',
    );
    const op = fc.constantFrom(
      'auth.login',
      'station.setup',
      'persons.search',
      'system.status',
      'imports.open',
      'nope.nothing',
      '__proto__',
      'constructor',
      'toString',
    );
    await fc.assert(
      fc.asyncProperty(op, contentType, body, async (name, type, payload) => {
        const headers: Record<string, string> = { host: host(), cookie: tokenCookie() };
        if (type) headers['content-type'] = type;
        const r = await send('POST', `/api/call/${name}`, headers, payload);
        expect([200, 400, 413, 415]).toContain(r.status);
        if (r.status === 200 || r.status === 400 || r.status === 413) {
          const reply = JSON.parse(r.body) as { ok: boolean; error?: { code: string } };
          expect(reply.error?.code).not.toBe('INTERNAL');
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
    await stillServes();
  });

  it('malformed paths, percent-encodings and request lines: never a 500, never a file outside the app', async () => {
    const segment = fc.oneof(
      fc.constantFrom(
        '..',
        '%2e%2e',
        '%2E%2E%2F',
        '..%2f..%2f..%2fetc%2fpasswd',
        '%252e%252e',
        '%00',
        '%',
        '%E0%A4%A',
        '%C0%AF',
        '%FF',
        '\\..\\..\\windows\\win.ini',
        '.%00.',
        'api',
        'call',
        'assets',
        '__hssk',
        '',
        '~',
        'x'.repeat(3_000),
      ),
      fc.webSegment(),
    );
    const path = fc.array(segment, { minLength: 1, maxLength: 6 }).map((s) => `/${s.join('/')}`);
    const method = fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'PATCH');
    await fc.assert(
      fc.asyncProperty(
        method,
        fc.oneof(
          path,
          path.map((p) => `/api/call${p}`),
        ),
        async (m, p) => {
          const r = await send(m, p, good(), m === 'GET' || m === 'HEAD' ? undefined : '{}');
          expect(r.status).not.toBe(500);
          expect(r.body).not.toMatch(/root:x:0:0|\[fonts\]|for 16-bit app support/);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
    // Request lines a browser never sends, straight on the socket.
    const lines = [
      `GET //evil.example:99999/x HTTP/1.1`,
      `GET http://evil.example/ HTTP/1.1`,
      `GET * HTTP/1.1`,
      `CONNECT 127.0.0.1:22 HTTP/1.1`,
      `GET /api/events HTTP/1.1`,
      `GET //:/ HTTP/1.1`,
      `GET /\u0000 HTTP/1.1`,
      `GET ${'/a'.repeat(20_000)} HTTP/1.1`,
      `GET / HTTP/9.9`,
      `GARBAGE`,
    ];
    for (const line of lines) {
      const answer = await rawExchange(
        `${line}\r\nHost: ${host()}\r\nCookie: ${tokenCookie()}\r\nConnection: close\r\n\r\n`,
      );
      expect(answer).not.toMatch(/^HTTP\/1\.1 500/);
    }
    // A WebSocket upgrade on a path that does not parse must not take the process down.
    for (const line of [`GET //evil.example:99999/api/events HTTP/1.1`, `GET //:/ HTTP/1.1`]) {
      const answer = await rawExchange(
        `${line}\r\nHost: ${host()}\r\nOrigin: ${server.origin}\r\nCookie: ${tokenCookie()}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
      );
      expect(answer).not.toMatch(/^HTTP\/1\.1 (101|500)/);
    }
    // Headers a browser never sends: duplicate Host, a huge cookie, a header without a value.
    for (const headers of [
      `Host: ${host()}\r\nHost: evil.example\r\n`,
      `Host: ${host()}\r\nCookie: ${tokenCookie()}; ${'a=b; '.repeat(5_000)}\r\n`,
      `Host: ${host()}\r\nCookie\r\n`,
      `Host: ${host()}\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n`,
    ]) {
      const answer = await rawExchange(
        `POST /api/call/system.status HTTP/1.1\r\n${headers}Connection: close\r\n\r\n{}`,
      );
      expect(answer).not.toMatch(/^HTTP\/1\.1 500/);
    }
    await stillServes();
  });
});

describe('how it is sent', () => {
  it('slow clients (headers dribbled, a body that never ends, chunked without its end) are cut off while others are served', async () => {
    const slow: Socket[] = [];
    const closed: Promise<void>[] = [];
    const open = (first: string, drip: string | null) => {
      const s = connect(server.port, '127.0.0.1');
      s.on('error', () => undefined);
      closed.push(new Promise((resolve) => s.on('close', () => resolve())));
      s.write(first);
      if (drip !== null) {
        const timer = setInterval(() => (s.writable ? s.write(drip) : clearInterval(timer)), 200);
        s.on('close', () => clearInterval(timer));
      }
      slow.push(s);
    };
    const auth = `Host: ${host()}\r\nCookie: ${tokenCookie()}\r\nContent-Type: application/json\r\n`;
    for (let i = 0; i < 10; i++) {
      // Slowloris: a header line a byte at a time, never the blank line.
      open(`GET / HTTP/1.1\r\nHost: ${host()}\r\nX-a: `, 'a');
      // A body far shorter than its Content-Length, a byte at a time.
      open(`POST /api/call/system.status HTTP/1.1\r\n${auth}Content-Length: 100000\r\n\r\n{`, ' ');
      // Chunked, one chunk, and never the last chunk.
      open(
        `POST /api/call/system.status HTTP/1.1\r\n${auth}Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n`,
        null,
      );
      // Connected, nothing sent.
      open('', null);
    }
    // Meanwhile the host answers a good request.
    await stillServes();
    // And cuts every slow one off (headers after 1.5 s, a request after 3 s in this test).
    await Promise.all(closed);
    expect(slow.every((s) => s.destroyed)).toBe(true);
    await stillServes();
  });

  it('300 connections at once: every good request answered, none refused for load', async () => {
    const idle = Array.from({ length: 100 }, () => {
      const s = connect(server.port, '127.0.0.1');
      s.on('error', () => undefined);
      return s;
    });
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        i % 2 ? send('POST', '/api/call/system.status', good(), '{}') : send('GET', '/', good()),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    for (const s of idle) s.destroy();
    await stillServes();
  });
});
