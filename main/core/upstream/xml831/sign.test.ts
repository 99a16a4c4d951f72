import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTestPki } from '../../../../test/upstream/xml831-certs.ts';
import { fullRecord } from '../../../../test/upstream/xml831-fixture.ts';
import { readPkcs12 } from './certificate.ts';
import { loadXml831Codes } from './code-lists.ts';
import { buildXml831 } from './document.ts';
import { signXml831, verifyXml831 } from './sign.ts';

const pki = makeTestPki();
const codes = loadXml831Codes(join(import.meta.dirname, '../../../../resources'));
const sender = { code: '38152', name: 'Trạm Y tế xã Nông Cống' };
const hasXmlsec = spawnSync('sh', ['-c', 'command -v xmlsec1'], { stdio: 'ignore' }).status === 0;

function signedFullRecord(): string {
  const opened = readPkcs12(pki.p12, pki.password, new Date());
  if (!opened.ok) throw new Error(opened.messageVi);
  return signXml831(
    buildXml831(fullRecord(), sender, codes, { now: new Date().toISOString() }).xml,
    opened.key,
  );
}

describe('831 XML signature (enveloped XML-DSig, RSA-SHA256, exclusive c14n)', () => {
  it('sits in SECURITY/SIGNATURE, keeps the document unchanged around it and still never self-closes', () => {
    const signed = signedFullRecord();
    expect(signed).toMatch(
      /<SECURITY><SIGNATURE><Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">.*<\/Signature><\/SIGNATURE><\/SECURITY><\/DATA>$/s,
    );
    expect(signed).toContain('Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"');
    expect(signed).toContain('Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"');
    expect(signed).toContain('<Reference URI="">');
    expect(signed).toContain('<X509Certificate>');
    expect(signed).not.toContain('/>');
  });

  it('verifies with the station certificate; a changed value or another key fails', () => {
    const signed = signedFullRecord();
    expect(verifyXml831(signed, pki.stationCertPem)).toBe(true);
    expect(verifyXml831(signed.replace('<MACH>82</MACH>', '<MACH>92</MACH>'), pki.stationCertPem)).toBe(
      false,
    );
    expect(verifyXml831(signed, pki.caCertPem)).toBe(false);
  });

  it.skipIf(!hasXmlsec)(
    hasXmlsec
      ? 'a full record passes xmlsec1 --verify against the CA (independent verifier)'
      : 'SKIPPED: xmlsec1 is not installed (apt-get install xmlsec1) — the independent XML-DSig check did not run',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'hssk-xmldsig-'));
      const signed = signedFullRecord();
      writeFileSync(join(dir, 'signed.xml'), signed);
      writeFileSync(join(dir, 'ca.pem'), pki.caCertPem);
      writeFileSync(
        join(dir, 'tampered.xml'),
        signed.replace('<HUYETAPTT>150</HUYETAPTT>', '<HUYETAPTT>120</HUYETAPTT>'),
      );
      const verify = (file: string) =>
        spawnSync('xmlsec1', ['--verify', '--trusted-pem', join(dir, 'ca.pem'), join(dir, file)], {
          encoding: 'utf8',
        });
      const ok = verify('signed.xml');
      expect(ok.stderr).toContain('OK');
      expect(ok.status).toBe(0);
      const bad = verify('tampered.xml');
      expect(bad.status).not.toBe(0);
    },
  );
});

describe('the station certificate (PKCS#12) is checked when it is chosen', () => {
  it('a good file opens and tells who it belongs to and until when', () => {
    const r = readPkcs12(pki.p12, pki.password, new Date());
    expect(r).toMatchObject({ ok: true, subject: expect.stringContaining('CN=Tram Y te Xa Test') });
    if (r.ok) expect(r.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
  it('the wrong password, a file that is not PKCS#12, an expired certificate are refused in Vietnamese', () => {
    expect(readPkcs12(pki.p12, 'sai-mat-khau', new Date())).toEqual({
      ok: false,
      code: 'WRONG_PASSWORD',
      messageVi: 'Mật khẩu của tệp chứng thư số không đúng.',
    });
    expect(readPkcs12(Buffer.from(pki.caCertPem), pki.password, new Date())).toMatchObject({
      ok: false,
      code: 'NOT_PKCS12',
    });
    expect(readPkcs12(Buffer.from('<html>not a certificate</html>'), '', new Date())).toMatchObject({
      ok: false,
      code: 'NOT_PKCS12',
    });
    expect(readPkcs12(pki.expiredP12, pki.password, new Date())).toMatchObject({
      ok: false,
      code: 'EXPIRED',
      messageVi: expect.stringMatching(
        /^Chứng thư số đã hết hạn ngày \d{2}\/\d{2}\/\d{4}\. Hãy xin cấp chứng thư mới\.$/,
      ),
    });
  });
  it('reads a .p12 made by OpenSSL 3 with its modern defaults (AES-256, PBKDF2, SHA-256 MAC)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hssk-p12-'));
    writeFileSync(join(dir, 'key.pem'), pki.stationKeyPem);
    writeFileSync(join(dir, 'cert.pem'), pki.stationCertPem);
    const made = spawnSync(
      'openssl',
      [
        'pkcs12',
        '-export',
        '-inkey',
        join(dir, 'key.pem'),
        '-in',
        join(dir, 'cert.pem'),
        '-out',
        join(dir, 's.p12'),
        '-passout',
        'pass:mk-123',
      ],
      { encoding: 'utf8' },
    );
    expect(made.status, made.stderr).toBe(0);
    const bytes = spawnSync('cat', [join(dir, 's.p12')]).stdout;
    expect(readPkcs12(bytes, 'mk-123', new Date())).toMatchObject({ ok: true });
    expect(readPkcs12(bytes, 'mk-124', new Date())).toMatchObject({ ok: false, code: 'WRONG_PASSWORD' });
  });
});
