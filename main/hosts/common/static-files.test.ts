import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { injectBridge, resolveStaticPath } from './static-files.ts';

const root = mkdtempSync(join(tmpdir(), 'hssk-static-'));

describe('resolveStaticPath', () => {
  it('maps paths inside the root', () => {
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveStaticPath(root, '/')).toBe(root);
  });

  it.each([
    '/../etc/passwd',
    '/assets/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2fetc/passwd',
    '/assets/..%5c..%5cwindows',
    '/a%00.js',
    '/%E0%A4%A',
  ])('refuses %s', (p) => {
    expect(resolveStaticPath(root, p)).toBeNull();
  });

  it('does not let a sibling folder with the same prefix through', () => {
    // root "/tmp/x" must not serve "/tmp/x-evil/file"
    expect(resolveStaticPath(root, `/../${root.split('/').pop()}-evil/file`)).toBeNull();
  });
});

describe('injectBridge', () => {
  it('puts the bridge script in the head, before the app script', () => {
    const html = '<html><head><script type="module" src="/a.js"></script></head><body></body></html>';
    const out = injectBridge(html, '/__hssk/bridge.js');
    expect(out.indexOf('/__hssk/bridge.js')).toBeLessThan(out.indexOf('</head>'));
  });
});
