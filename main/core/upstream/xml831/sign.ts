import { SignedXml } from 'xml-crypto';

export interface SigningKey {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
}

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const PLACEHOLDER = '<SIGNATURE></SIGNATURE>';

/** `<X a="b"/>` → `<X a="b"></X>`: the receiver's rule for every tag; canonical form is the same. */
const expandSelfClosed = (xml: string) =>
  xml.replace(/<([A-Za-z][\w:.-]*)((?:\s[^<>]*?)?)\/>/g, '<$1$2></$1>');

/**
 * Signs the whole document (reference URI "", enveloped) with RSA-SHA256 after exclusive c14n, and
 * puts the Signature (with the station's certificate in KeyInfo) into SECURITY/SIGNATURE. The
 * document's own text is kept byte for byte: only the signature is inserted, so the "never
 * self-closed" rule holds for everything we wrote.
 */
export function signXml831(xml: string, key: SigningKey): string {
  if (!xml.includes(PLACEHOLDER)) throw new Error('831 XML has no empty SECURITY/SIGNATURE to sign into');
  const sig = new SignedXml({
    privateKey: key.privateKeyPem,
    publicCert: key.certificatePem,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
  });
  sig.addReference({
    xpath: '/*',
    transforms: [ENVELOPED, EXC_C14N],
    digestAlgorithm: SHA256,
    isEmptyUri: true,
  });
  sig.computeSignature(xml, { location: { reference: '/DATA/SECURITY/SIGNATURE', action: 'append' } });
  return xml.replace(PLACEHOLDER, `<SIGNATURE>${expandSelfClosed(sig.getSignatureXml())}</SIGNATURE>`);
}

/** Checks a signed document the way the receiver does (with the certificate it carries or a given one). */
export function verifyXml831(signed: string, certificatePem?: string): boolean {
  const start = signed.indexOf('<Signature');
  const end = signed.indexOf('</Signature>');
  if (start < 0 || end < 0) return false;
  const signature = signed.slice(start, end + '</Signature>'.length);
  const sig = new SignedXml({
    ...(certificatePem
      ? { publicCert: certificatePem }
      : { getCertFromKeyInfo: SignedXml.getCertFromKeyInfo }),
  });
  sig.loadSignature(signature);
  try {
    return sig.checkSignature(signed);
  } catch {
    return false;
  }
}
