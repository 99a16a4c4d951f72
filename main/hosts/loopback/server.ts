import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { fail } from '#contract/errors.ts';
import { mayReceive } from '../../core/api/event-access.ts';
import type { Core } from '../../core/app.ts';
import type { SessionBinding } from '../../core/handler-types.ts';
import type { Logger } from '../../core/log.ts';
import { SECURITY_HEADERS } from '../common/csp.ts';
import { contentTypeFor, injectBridge, resolveStaticPath } from '../common/static-files.ts';
import {
  cookieNames,
  isAllowedHost,
  isAllowedOrigin,
  parseCookies,
  requestToken,
  sameSecret,
  type CookieNames,
} from './auth.ts';

export interface LoopbackOptions {
  core: Core;
  /** dist/renderer (index.html and assets). */
  rendererDir: string;
  /** dist/preload/loopback.js: gives the page the same window.hssk the Electron preload gives. */
  bridgeFile: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  log: Logger;
  maxBodyBytes?: number;
}

export interface LoopbackServer {
  readonly port: number;
  readonly token: string;
  /** The address to open: carries the token once, which the server swaps for a cookie. */
  readonly launchUrl: string;
  readonly origin: string;
  /** This instance's cookie names (they carry the port: see cookieNames). */
  readonly cookies: CookieNames;
  close(): Promise<void>;
}

const BRIDGE_PATH = '/__hssk/bridge.js';
const CALL_PREFIX = '/api/call/';
const EVENTS_PATH = '/api/events';

/**
 * The same operations as the Electron IPC, over HTTP on 127.0.0.1 only, for a browser on this
 * machine. Every request needs the per-launch token (cookie or bearer); the Host and Origin
 * headers must be ours; calls are JSON-only POSTs (a cross-site form cannot send them).
 */
export async function startLoopbackServer(options: LoopbackOptions): Promise<LoopbackServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = options.log.child('loopback');
  // A 50 MB population list arrives base64-encoded (about 67 MB).
  const maxBody = options.maxBodyBytes ?? 72 * 1024 * 1024;
  let port = options.port ?? 0;
  // Named once the port is known (listen below); no request arrives before that.
  let names: CookieNames = cookieNames(port);
  const indexFile = join(options.rendererDir, 'index.html');
  if (!existsSync(indexFile))
    throw new Error(`renderer is not built (${indexFile} missing): run npm run build`);

  const sockets = new Set<WebSocket>();
  // One browser profile talks to this host (the token is its key); its tabs share the session
  // cookie, so the session last seen on a call is the one its event sockets belong to.
  let browserSid: string | null = null;
  const unsubscribe = options.core.events.subscribe((event, payload) => {
    if (!mayReceive(options.core.ctx, browserSid, event)) return;
    const msg = JSON.stringify({ event, payload });
    for (const s of sockets) if (s.readyState === s.OPEN) s.send(msg);
  });

  const send = (
    res: ServerResponse,
    status: number,
    body: string | Buffer,
    type: string,
    extra: Record<string, string | string[]> = {},
  ) => {
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'Content-Type': type,
      'Cache-Control': 'no-store',
      ...extra,
    });
    res.end(body);
  };
  const refuse = (res: ServerResponse, status: number, why: string) => {
    log.warn('request refused', { status, why });
    send(
      res,
      status,
      `<!doctype html><meta charset="utf-8"><title>HSSK Trạm</title><p>Không mở được ứng dụng: hãy dùng đúng địa chỉ mà lệnh <code>npm start</code> hoặc <code>hssk serve</code> đã in ra.</p>`,
      'text/html; charset=utf-8',
    );
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!isAllowedHost(req.headers.host, port)) return refuse(res, 421, 'host header');
    if (!isAllowedOrigin(req.headers.origin, port)) return refuse(res, 403, 'origin header');

    // Launch URL: trade the token in the query for an HttpOnly cookie, and drop it from the address bar.
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null && req.method === 'GET') {
      if (!sameSecret(queryToken, token)) return refuse(res, 401, 'bad launch token');
      url.searchParams.delete('token');
      return send(res, 303, '', 'text/plain', {
        Location: url.pathname + (url.search === '?' ? '' : url.search),
        'Set-Cookie': `${names.token}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
    }
    if (!sameSecret(requestToken(req, names.token), token)) return refuse(res, 401, 'missing or wrong token');

    if (url.pathname.startsWith(CALL_PREFIX))
      return handleCall(req, res, url.pathname.slice(CALL_PREFIX.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '', 'text/plain');
    if (url.pathname === BRIDGE_PATH) return sendFile(res, options.bridgeFile);
    const file = resolveStaticPath(options.rendererDir, url.pathname);
    if (file && file !== indexFile && existsSync(file) && statSync(file).isFile()) return sendFile(res, file);
    // Any other path is a screen of the single-page app.
    return send(
      res,
      200,
      injectBridge(readFileSync(indexFile, 'utf8'), BRIDGE_PATH),
      'text/html; charset=utf-8',
    );
  };

  const sendFile = (res: ServerResponse, file: string) => {
    if (!existsSync(file)) return send(res, 404, 'not found', 'text/plain');
    send(res, 200, readFileSync(file), contentTypeFor(file));
  };

  const handleCall = async (req: IncomingMessage, res: ServerResponse, name: string) => {
    if (req.method !== 'POST') return send(res, 405, '', 'text/plain');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
      return send(res, 415, '', 'text/plain');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBody) {
        return send(
          res,
          413,
          JSON.stringify(fail('INVALID_INPUT', 'Dữ liệu gửi lên quá lớn.')),
          'application/json',
        );
      }
      chunks.push(chunk as Buffer);
    }
    let input: unknown;
    try {
      input = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      return send(
        res,
        400,
        JSON.stringify(fail('INVALID_INPUT', 'Dữ liệu gửi lên không phải JSON hợp lệ.')),
        'application/json',
      );
    }
    const setCookies: string[] = [];
    let sid: string | null = parseCookies(req.headers.cookie).get(names.session) ?? null;
    const binding: SessionBinding = {
      get: () => sid,
      set: (v) => {
        sid = v;
        setCookies.push(
          v
            ? `${names.session}=${v}; HttpOnly; SameSite=Strict; Path=/`
            : `${names.session}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`,
        );
      },
    };
    const result = await options.core.call(binding, decodeURIComponent(name), input);
    browserSid = sid;
    send(
      res,
      200,
      JSON.stringify(result),
      'application/json; charset=utf-8',
      setCookies.length ? { 'Set-Cookie': setCookies } : {},
    );
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log.error('loopback request failed', { error: String(e) });
      if (!res.headersSent) send(res, 500, JSON.stringify(fail('INTERNAL')), 'application/json');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const okRequest =
      url.pathname === EVENTS_PATH &&
      isAllowedHost(req.headers.host, port) &&
      req.headers.origin !== undefined &&
      isAllowedOrigin(req.headers.origin, port) &&
      sameSecret(requestToken(req, names.token), token);
    if (!okRequest) {
      log.warn('websocket refused', { path: url.pathname });
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      // The UI never sends events; anything it sends is ignored.
      ws.on('message', () => undefined);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  names = cookieNames(port);
  const origin = `http://127.0.0.1:${port}`;
  log.info('loopback host listening', { origin });

  return {
    port,
    token,
    origin,
    launchUrl: `${origin}/?token=${token}`,
    cookies: names,
    close: async () => {
      unsubscribe();
      for (const s of sockets) s.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
