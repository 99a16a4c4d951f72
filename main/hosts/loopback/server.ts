import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { bodyLimit } from '#contract/define.ts';
import { fail } from '#contract/errors.ts';
import { isOperationName, operations } from '#contract/operations.ts';
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
  /** How long a client may take to send its headers, and its whole request (tests shorten them). */
  timeouts?: { headersMs?: number; requestMs?: number };
}

/**
 * A browser on this machine sends its headers at once and a 67 MB list in about a second; a client
 * that dribbles (slowloris) holds a socket and memory, so it is cut off long before Node's defaults
 * (60 s for headers, 5 min for the request).
 */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 120_000;

export interface LoopbackServer {
  readonly port: number;
  readonly token: string;
  /**
   * The address to open: carries a one-time code the server swaps for the token cookie. Each read
   * mints a new code (tests open many browsers), and each code works once.
   */
  readonly launchUrl: string;
  readonly origin: string;
  /** This instance's cookie names (they carry the port: see cookieNames). */
  readonly cookies: CookieNames;
  /**
   * Serves another core from now on (after a restore, the same database file opened again): its
   * events, its sessions — every browser signs in again — and its calls.
   */
  replaceCore(next: Core): void;
  close(): Promise<void>;
}

const BRIDGE_PATH = '/__hssk/bridge.js';
const CALL_PREFIX = '/api/call/';
const EVENTS_PATH = '/api/events';
const MAX_PENDING_LAUNCH_CODES = 32;
/** Set on a call's reply when it changed the caller's session: the bridge reopens its event socket. */
export const SESSION_CHANGED_HEADER = 'X-Hssk-Session-Changed';

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

  // Each event socket belongs to the session its upgrade request carried (its cookie), and every
  // event is judged for each socket on its own: a viewer's socket, a signed-out one or a locked
  // one never gets a scanned card or a reading because someone else signed in on another tab.
  // The bridge reconnects its socket after a call that changed its session (SESSION_CHANGED_HEADER).
  const sockets = new Map<WebSocket, string | null>();
  let core = options.core;
  const forward = (from: Core) =>
    from.events.subscribe((event, payload) => {
      const msg = JSON.stringify({ event, payload });
      for (const [s, sid] of sockets) {
        if (s.readyState === s.OPEN && mayReceive(from.ctx, sid, event)) s.send(msg);
      }
    });
  let unsubscribe = forward(core);
  // One-time launch codes: the printed address trades its code for the token cookie once.
  const launchCodes = new Set<string>();
  const mintLaunchCode = () => {
    const code = randomBytes(24).toString('base64url');
    launchCodes.add(code);
    // Unused codes (an address read but never opened) do not pile up.
    if (launchCodes.size > MAX_PENDING_LAUNCH_CODES) launchCodes.delete(launchCodes.values().next().value!);
    return code;
  };

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
    const url = parseRequestUrl(req.url, port);
    if (!url) return send(res, 400, '', 'text/plain');
    if (!isAllowedHost(req.headers.host, port)) return refuse(res, 421, 'host header');
    if (!isAllowedOrigin(req.headers.origin, port)) return refuse(res, 403, 'origin header');

    // Launch URL: trade the token in the query for an HttpOnly cookie, and drop it from the address bar.
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null && req.method === 'GET') {
      // Works once: a code from a browser history, a screenshot or a shared link is spent.
      if (!launchCodes.delete(queryToken)) return refuse(res, 401, 'bad or spent launch code');
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
    let opName: string;
    try {
      opName = decodeURIComponent(name);
    } catch {
      return send(
        res,
        400,
        JSON.stringify(fail('UNKNOWN_OPERATION', 'Tên thao tác không hợp lệ.')),
        'application/json',
      );
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
      return send(res, 415, '', 'text/plain');
    // The limit is the operation's own (small for a public one), checked against the declared
    // length before reading a byte and again while reading: a 70 MB body to station.setup is
    // refused at once and never held in memory.
    const limit = Math.min(maxBody, bodyLimit(isOperationName(opName) ? operations[opName] : undefined));
    const declared = Number(req.headers['content-length'] ?? 0);
    const body = declared > limit ? null : await readBody(req, limit);
    // The client went away (or was cut off for sending nothing): no one to answer.
    if (body === 'aborted') return;
    if (body === null) {
      log.warn('request body too large', { op: opName.slice(0, 80), limit });
      discardRest(req);
      return send(
        res,
        413,
        JSON.stringify(fail('INVALID_INPUT', 'Dữ liệu gửi lên quá lớn.')),
        'application/json',
        { Connection: 'close' },
      );
    }
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
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
    // The request is read: an operation that takes a while (an import's dry run) leaves the socket
    // quiet, which is not a stalled client; Node's keep-alive timer takes over after the reply.
    req.socket.setTimeout(0);
    const result = await core.call(binding, opName, input);
    send(
      res,
      200,
      JSON.stringify(result),
      'application/json; charset=utf-8',
      setCookies.length ? { 'Set-Cookie': setCookies, [SESSION_CHANGED_HEADER]: '1' } : {},
    );
  };

  const headersTimeout = options.timeouts?.headersMs ?? HEADERS_TIMEOUT_MS;
  const requestTimeout = Math.max(headersTimeout, options.timeouts?.requestMs ?? REQUEST_TIMEOUT_MS);
  const server = createServer(
    {
      headersTimeout,
      requestTimeout,
      // How often Node looks for connections past those limits (its default is 30 s).
      connectionsCheckingInterval: Math.min(1_000, headersTimeout),
    },
    (req, res) => {
      handle(req, res).catch((e: unknown) => {
        log.error('loopback request failed', { error: String(e) });
        if (!res.headersSent) send(res, 500, JSON.stringify(fail('INTERNAL')), 'application/json');
      });
    },
  );

  // A connection that goes quiet before its request is read (connected and silent, a chunked body
  // that stops) is closed: Node's headers and request timeouts do not catch those.
  server.on('connection', (socket) => socket.setTimeout(headersTimeout));

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (req, socket, head) => {
    const url = parseRequestUrl(req.url, port);
    const okRequest =
      url?.pathname === EVENTS_PATH &&
      isAllowedHost(req.headers.host, port) &&
      req.headers.origin !== undefined &&
      isAllowedOrigin(req.headers.origin, port) &&
      sameSecret(requestToken(req, names.token), token);
    if (!okRequest) {
      log.warn('websocket refused', { path: url?.pathname.slice(0, 80) ?? 'unparsable' });
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    const sid = parseCookies(req.headers.cookie).get(names.session) ?? null;
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.set(ws, sid);
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
    get launchUrl() {
      return `${origin}/?token=${mintLaunchCode()}`;
    },
    cookies: names,
    replaceCore: (next) => {
      unsubscribe();
      core = next;
      unsubscribe = forward(next);
      // Their sessions were the old core's: each page reconnects and finds itself signed out.
      for (const s of sockets.keys()) s.close(1012, 'restarted');
      log.info('loopback host now serves a reopened core');
    },
    close: async () => {
      unsubscribe();
      for (const s of sockets.keys()) s.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The request's address, or null when it does not parse ("//", "//host:99999/…": a raw client, not
 * a browser), so it gets a 400 rather than an exception.
 */
function parseRequestUrl(raw: string | undefined, port: number): URL | null {
  try {
    return new URL(raw ?? '/', `http://127.0.0.1:${port}`);
  } catch {
    return null;
  }
}

/**
 * The body; null once it passes `limit` (what came so far is dropped, not kept); 'aborted' when the
 * connection closed before the end.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null | 'aborted'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('close', () => resolve('aborted'));
    req.once('error', (e) => (req.destroyed ? resolve('aborted') : reject(e)));
  });
}

/**
 * Lets the rest of a refused body drain without keeping it, so the client reads the 413 rather
 * than a reset connection; one that keeps sending for long is cut off.
 */
function discardRest(req: IncomingMessage): void {
  req.resume();
  const cutOff = setTimeout(() => req.destroy(), 10_000);
  cutOff.unref();
  req.once('end', () => clearTimeout(cutOff));
  req.once('close', () => clearTimeout(cutOff));
}
