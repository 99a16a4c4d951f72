/**
 * URL trust decisions, made by parsing (never by substring tests: "app://hssk.evil" and
 * "https://evil.example/?next=app://hssk" must not pass).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'hssk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

function parse(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length > 4096) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for our own renderer: app://hssk/…, no credentials, no port. */
export function isAppUrl(url: unknown): boolean {
  const u = parse(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.host === APP_HOST &&
    u.username === '' &&
    u.password === ''
  );
}

/** A link we would hand to the system browser: plain http(s), no embedded credentials. */
export function isSafeExternalUrl(url: unknown): boolean {
  const u = parse(url);
  return (
    u !== null &&
    (u.protocol === 'https:' || u.protocol === 'http:') &&
    u.username === '' &&
    u.password === '' &&
    u.hostname !== ''
  );
}
