import { describe, expect, it } from 'vitest';
import { isAppUrl, isSafeExternalUrl } from './trusted-url.ts';

describe('isAppUrl', () => {
  it('accepts our renderer', () => {
    expect(isAppUrl('app://hssk/index.html')).toBe(true);
    expect(isAppUrl('app://hssk/#/residents')).toBe(true);
  });

  it.each([
    'app://hssk.evil/index.html',
    'app://evil/hssk',
    'app://hssk@evil/index.html',
    'app://user:pw@hssk/index.html',
    'app://hssk:8080/index.html',
    'https://evil.example/?next=app://hssk/',
    'https://evil.example/#app://hssk',
    'javascript:alert(1)//app://hssk',
    'file:///C:/Users/app/hssk/index.html',
    'http://127.0.0.1/app://hssk',
    'APP://HSSK.example/',
    ' app://hssk.evil',
    '',
    'not a url',
  ])('rejects the deceptive %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('rejects anything that is not a string', () => {
    for (const v of [null, undefined, 42, {}, ['app://hssk/']]) expect(isAppUrl(v)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it('allows plain web links', () => {
    expect(isSafeExternalUrl('https://kcb.vn/')).toBe(true);
  });
  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'https://user:pw@evil.example/',
    'ms-msdt:/id',
    'app://hssk/',
  ])('refuses %s', (url) => expect(isSafeExternalUrl(url)).toBe(false));
});
