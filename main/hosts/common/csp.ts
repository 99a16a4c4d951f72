/**
 * The one Content-Security-Policy for the UI, whichever host serves it. No inline script, no eval,
 * no remote anything: the renderer talks only to its own origin (and its WebSocket on loopback).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  // Also the pdf.js worker of the print preview: with no worker-src, workers fall back to script-src,
  // and the worker is bundled as a same-origin file, so neither blob: nor eval is needed.
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every UI response carries, on both hosts. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), hid=(), serial=(), usb=()',
};
