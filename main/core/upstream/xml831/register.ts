/**
 * Plugs the provincial 831 XML adapter and its certificate check into the upload engine
 * (hooks.ts): imported once by adapters.ts, so the engine and the settings never name these files.
 */
import { registerXml831 } from '../hooks.ts';
import { createXml831Adapter } from './adapter.ts';
import { readPkcs12 } from './certificate.ts';

registerXml831({
  createAdapter(settings, secrets, deps) {
    return createXml831Adapter(
      {
        url: settings.url,
        senderCode: settings.senderCode || deps.station.code,
        senderName: deps.station.name,
        username: settings.username,
        password: secrets.password ?? '',
        pkcs12: Buffer.from(secrets.pkcs12Base64 ?? '', 'base64'),
        pkcs12Password: secrets.pkcs12Password ?? '',
        ...(secrets.caPem ? { caPem: secrets.caPem } : {}),
        statutory: settings.statutory,
      },
      {
        resourcesDir: deps.resourcesDir,
        ...(deps.now ? { now: deps.now } : {}),
      },
    );
  },
  checkCertificate(p12, password, now) {
    const r = readPkcs12(p12, password, now);
    return r.ok
      ? {
          ok: true,
          subject: r.subject,
          notBefore: r.notBefore,
          notAfter: r.notAfter,
          fingerprint: r.fingerprint,
        }
      : { ok: false, messageVi: r.messageVi };
  },
});
