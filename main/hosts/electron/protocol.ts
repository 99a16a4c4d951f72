import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { SECURITY_HEADERS } from '../common/csp.ts';
import { contentTypeFor, resolveStaticPath } from '../common/static-files.ts';
import { APP_HOST, APP_SCHEME } from './trusted-url.ts';

/**
 * Answers app://hssk/… from the built renderer folder, with the CSP as a real header. Pages are
 * never loaded from file:// (which would give the page the whole disk).
 */
export function serveAppRequest(request: { url: string; method: string }, rendererDir: string): Response {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return new Response('Bad request', { status: 400 });
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST)
    return new Response('Not found', { status: 404 });
  if (request.method !== 'GET') return new Response('Method not allowed', { status: 405 });
  let file = resolveStaticPath(rendererDir, url.pathname);
  if (file === null) return new Response('Not found', { status: 404 });
  // Paths without an extension are screens of the single-page app.
  if (!extname(file) || (existsSync(file) && statSync(file).isDirectory()))
    file = join(rendererDir, 'index.html');
  if (!existsSync(file) || !statSync(file).isFile()) return new Response('Not found', { status: 404 });
  return new Response(readFileSync(file), {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(file), 'Cache-Control': 'no-cache' },
  });
}
