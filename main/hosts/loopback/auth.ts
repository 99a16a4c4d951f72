import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The cookies one loopback host sets. Browsers keep cookies per host name, not per port, so two
 * instances on 127.0.0.1 (`npm start` beside `hssk serve`, or two checkouts) would overwrite each
 * other's token and session under fixed names, and the first would fall back to a refused page or
 * the sign-in screen. Each instance's port is part of its cookie names: only one process can hold a
 * port at a time, and a later instance on the same port replaces a stale cookie at its launch.
 */
export interface CookieNames {
  token: string;
  session: string;
}

export function cookieNames(port: number): CookieNames {
  return { token: `hssk_token_${port}`, session: `hssk_sid_${port}` };
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    try {
      out.set(k, decodeURIComponent(v));
    } catch {
      // A malformed cookie is simply absent.
    }
  }
  return out;
}

export function sameSecret(a: string | undefined | null, b: string): boolean {
  if (typeof a !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The per-launch token from the Authorization header or the cookie this instance set at launch. */
export function requestToken(req: IncomingMessage, cookie: string): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return parseCookies(req.headers.cookie).get(cookie) ?? null;
}

/**
 * Defends against DNS rebinding: a page on evil.example that resolves to 127.0.0.1 still sends
 * Host: evil.example, so only our own loopback names and port are accepted.
 */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

/** Browsers send Origin on cross-site requests; when present it must be us. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}
