/**
 * Test certificates for the 831 XML signature: a CA, the station's certificate issued by it, and the
 * PKCS#12 files an admin would pick (good, expired, not yet valid). Keys come from node:crypto (fast);
 * node-forge builds the certificates and the .p12 like a CA's tool would.
 */
import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

export interface TestPki {
  caCertPem: string;
  stationCertPem: string;
  stationKeyPem: string;
  /** The station's PKCS#12 (key + certificate + CA), password `password`. */
  p12: Uint8Array;
  password: string;
  expiredP12: Uint8Array;
}

function rsaKey(): forge.pki.rsa.KeyPair {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const priv = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  return { privateKey: priv, publicKey: forge.pki.setRsaPublicKey(priv.n, priv.e) };
}

function certificate(opts: {
  subject: string;
  keys: forge.pki.rsa.KeyPair;
  issuer?: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey };
  notBefore: Date;
  notAfter: Date;
  ca?: boolean;
  serial: string;
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = opts.keys.publicKey;
  cert.serialNumber = opts.serial;
  cert.validity.notBefore = opts.notBefore;
  cert.validity.notAfter = opts.notAfter;
  const attrs = [
    { shortName: 'C', value: 'VN' },
    { shortName: 'O', value: 'HSSK test' },
    { shortName: 'CN', value: opts.subject },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(opts.issuer ? opts.issuer.cert.subject.attributes : attrs);
  cert.setExtensions(
    opts.ca
      ? [
          { name: 'basicConstraints', cA: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true },
        ]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
        ],
  );
  cert.sign(opts.issuer?.key ?? opts.keys.privateKey, forge.md.sha256.create());
  return cert;
}

const p12Of = (key: forge.pki.rsa.PrivateKey, certs: forge.pki.Certificate[], password: string) =>
  Uint8Array.from(
    Buffer.from(
      forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, certs, password, { algorithm: '3des' })).getBytes(),
      'binary',
    ),
  );

export function makeTestPki(now = new Date()): TestPki {
  const day = 86_400_000;
  const caKeys = rsaKey();
  const ca = certificate({
    subject: 'HSSK Test CA',
    keys: caKeys,
    notBefore: new Date(now.getTime() - 365 * day),
    notAfter: new Date(now.getTime() + 3650 * day),
    ca: true,
    serial: '01',
  });
  const issuer = { cert: ca, key: caKeys.privateKey };
  const stationKeys = rsaKey();
  const station = certificate({
    subject: 'Tram Y te Xa Test',
    keys: stationKeys,
    issuer,
    notBefore: new Date(now.getTime() - day),
    notAfter: new Date(now.getTime() + 365 * day),
    serial: '02',
  });
  const old = certificate({
    subject: 'Tram Y te Xa Test (cu)',
    keys: stationKeys,
    issuer,
    notBefore: new Date(now.getTime() - 400 * day),
    notAfter: new Date(now.getTime() - 35 * day),
    serial: '03',
  });
  const password = 'password';
  return {
    caCertPem: forge.pki.certificateToPem(ca),
    stationCertPem: forge.pki.certificateToPem(station),
    stationKeyPem: forge.pki.privateKeyToPem(stationKeys.privateKey),
    p12: p12Of(stationKeys.privateKey, [station, ca], password),
    password,
    expiredP12: p12Of(stationKeys.privateKey, [old, ca], password),
  };
}
