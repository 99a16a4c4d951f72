import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../common/csp.ts';
import { serveAppRequest } from './protocol.ts';

const dir = mkdtempSync(join(tmpdir(), 'hssk-proto-'));
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>HSSK</title>');
writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
const get = (url: string) => serveAppRequest({ url, method: 'GET' }, dir);

describe('app:// protocol', () => {
  it('serves the built renderer with the CSP header', async () => {
    const r = get('app://hssk/index.html');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(await r.text()).toContain('<title>HSSK</title>');
    expect(get('app://hssk/assets/app.js').headers.get('content-type')).toContain('javascript');
  });

  it('answers screens of the single-page app with index.html', async () => {
    expect(await get('app://hssk/residents').text()).toContain('<title>HSSK</title>');
  });

  it('refuses other hosts, traversal, missing files and non-GET', () => {
    expect(get('app://other/index.html').status).toBe(404);
    expect(get('app://hssk/../../etc/passwd.txt').status).toBe(404);
    expect(get('app://hssk/%2e%2e/%2e%2e/etc/passwd.txt').status).toBe(404);
    expect(get('app://hssk/assets/missing.js').status).toBe(404);
    expect(serveAppRequest({ url: 'app://hssk/index.html', method: 'POST' }, dir).status).toBe(405);
  });
});
