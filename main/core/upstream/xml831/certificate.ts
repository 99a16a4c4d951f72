import forge from 'node-forge';
import { xmlDate } from './format.ts';
import type { SigningKey } from './sign.ts';

export type Pkcs12Result =
  | {
      ok: true;
      key: SigningKey;
      subject: string;
      notBefore: string;
      notAfter: string;
      /** SHA-256 of the certificate (DER), hex: shown to the admin so they can compare with the CA's. */
      fingerprint: string;
    }
  | {
      ok: false;
      code: 'NOT_PKCS12' | 'WRONG_PASSWORD' | 'NO_KEY' | 'NOT_RSA' | 'EXPIRED' | 'NOT_YET_VALID';
      messageVi: string;
    };

const MAX_P12_BYTES = 64 * 1024;

const fail = (code: Extract<Pkcs12Result, { ok: false }>['code'], messageVi: string): Pkcs12Result => ({
  ok: false,
  code,
  messageVi,
});

/**
 * Opens the station's signing certificate (PKCS#12, .p12/.pfx) and says, in Vietnamese, why it
 * cannot be used: not a PKCS#12 file, the wrong password, no private key, not RSA, expired or not
 * yet valid on `now`. Called when the settings are saved (so a bad file is refused then, not at
 * closing time) and when a run starts.
 */
export function readPkcs12(p12: Uint8Array, password: string, now: Date): Pkcs12Result {
  if (p12.byteLength === 0 || p12.byteLength > MAX_P12_BYTES)
    return fail('NOT_PKCS12', 'Tệp này không phải chứng thư số dạng PKCS#12 (.p12 hoặc .pfx).');
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString('binary')));
  } catch {
    return fail('NOT_PKCS12', 'Tệp này không phải chứng thư số dạng PKCS#12 (.p12 hoặc .pfx).');
  }
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(asn1, true, password);
  } catch (e) {
    const wrong = e instanceof Error && /password|MAC|decrypt/i.test(e.message);
    return wrong
      ? fail('WRONG_PASSWORD', 'Mật khẩu của tệp chứng thư số không đúng.')
      : fail(
          'NOT_PKCS12',
          'Tệp này không phải chứng thư số dạng PKCS#12 (.p12 hoặc .pfx), hoặc tệp bị hỏng.',
        );
  }
  const keyBags = [
    ...(pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ??
      []),
    ...(pfx.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const certBags = pfx.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const keyBag = keyBags.find((b) => b.key);
  if (!keyBag?.key)
    return fail(
      'NO_KEY',
      keyBags.length > 0
        ? 'Chứng thư số phải dùng khóa RSA để ký (RSA-SHA256).'
        : 'Tệp chứng thư số không chứa khóa bí mật để ký.',
    );
  const privateKey = keyBag.key as forge.pki.rsa.PrivateKey;
  if (typeof privateKey.n === 'undefined')
    return fail('NOT_RSA', 'Chứng thư số phải dùng khóa RSA để ký (RSA-SHA256).');
  // The certificate is the one whose public key matches the private key (a .pfx may carry the CA chain too).
  const cert = certBags
    .map((b) => b.cert)
    .find(
      (c): c is forge.pki.Certificate =>
        !!c && (c.publicKey as forge.pki.rsa.PublicKey).n?.equals(privateKey.n),
    );
  if (!cert) return fail('NO_KEY', 'Tệp chứng thư số không có chứng thư khớp với khóa bí mật.');
  if (now < cert.validity.notBefore)
    return fail(
      'NOT_YET_VALID',
      `Chứng thư số chưa có hiệu lực (từ ngày ${xmlDate(cert.validity.notBefore.toISOString())}).`,
    );
  if (now > cert.validity.notAfter)
    return fail(
      'EXPIRED',
      `Chứng thư số đã hết hạn ngày ${xmlDate(cert.validity.notAfter.toISOString())}. Hãy xin cấp chứng thư mới.`,
    );
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  return {
    ok: true,
    key: {
      privateKeyPem: forge.pki.privateKeyToPem(privateKey),
      certificatePem: forge.pki.certificateToPem(cert),
    },
    subject: cert.subject.attributes.map((a) => `${a.shortName ?? a.name}=${String(a.value)}`).join(', '),
    notBefore: cert.validity.notBefore.toISOString(),
    notAfter: cert.validity.notAfter.toISOString(),
    fingerprint: forge.md.sha256.create().update(der).digest().toHex(),
  };
}
