/** The station's signing certificate is checked when the administrator saves it (Đồng bộ → Cài đặt). */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeSignedInCore, type TestCore } from '../../../../test/helpers/core.ts';
import { makeTestPki, type TestPki } from '../../../../test/upstream/xml831-certs.ts';

let t: TestCore;
let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});
afterEach(() => t?.close());

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const save = (pkcs12Base64: string, pkcs12Password: string) =>
  t.call('upstream.saveSettings', {
    xml831: {
      enabled: true,
      url: 'https://kdlyt.example.vn',
      username: 'tram',
      pkcs12Base64,
      pkcs12Password,
    },
  });

describe('saving the 831 upstream settings', () => {
  it('refuses a file that is not PKCS#12, the wrong password and an expired certificate, in Vietnamese', async () => {
    t = await makeSignedInCore();
    const cases: [string, string, RegExp][] = [
      [b64(Buffer.from(pki.caCertPem)), pki.password, /không phải chứng thư số dạng PKCS#12/],
      [b64(pki.p12), 'sai', /Mật khẩu của tệp chứng thư số không đúng/],
      [b64(pki.expiredP12), pki.password, /Chứng thư số đã hết hạn ngày/],
    ];
    for (const [file, password, message] of cases) {
      const r = await save(file, password);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_INPUT');
        expect(r.error.message).toMatch(message);
      }
    }
    expect((await t.ok('upstream.getSettings', {})).xml831).toMatchObject({ hasCertificate: false });
  });

  it('keeps a good certificate and shows who it belongs to and until when, never the file', async () => {
    t = await makeSignedInCore();
    const view = await t.ok('upstream.saveSettings', {
      xml831: {
        enabled: true,
        url: 'https://kdlyt.example.vn',
        pkcs12Base64: b64(pki.p12),
        pkcs12Password: pki.password,
      },
    });
    expect(view.xml831).toMatchObject({
      hasCertificate: true,
      certificate: { subject: expect.stringContaining('Tram Y te Xa Test'), validTo: expect.any(String) },
    });
    expect(JSON.stringify(view)).not.toContain(b64(pki.p12).slice(0, 40));
  });
});
