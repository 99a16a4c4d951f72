import { createPrivateKey } from 'node:crypto';
import {
  UpstreamSettingsInput,
  type UpstreamSettings,
  type UpstreamSettingsView,
} from '#contract/ops/upstream.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { xml831Hooks } from './hooks.ts';
import { writeSettings } from './repo/settings.ts';
import type { PlainSettings, Secrets } from './settings-types.ts';

export type { PlainSettings, Secrets } from './settings-types.ts';

/**
 * Upstream settings: which upstreams are on, where, how they sign in, the schedule. Secrets live in
 * their own column and leave this module only towards an adapter: the view has "is one set" flags.
 */
export interface LoadedSettings {
  settings: PlainSettings;
  secrets: Secrets;
}

function strip(s: UpstreamSettings): PlainSettings {
  const { secret: _s, privateKeyPem: _k, ...fhir } = s.fhir;
  const { password: _p, pkcs12Base64: _b, pkcs12Password: _q, caPem: _c, ...xml831 } = s.xml831;
  return { fhir, xml831, schedule: s.schedule };
}

export function loadSettings(ctx: Pick<CoreContext, 'store'>): LoadedSettings {
  const row = ctx.store.prepare('SELECT settings, secrets FROM upstream_settings WHERE id = 1').get() as
    { settings: string; secrets: string } | undefined;
  const parsed = UpstreamSettingsInput.parse(row ? JSON.parse(row.settings) : {});
  const secrets = (row ? JSON.parse(row.secrets) : { fhir: {}, xml831: {} }) as Secrets;
  return { settings: strip(parsed), secrets };
}

export function settingsView(ctx: Pick<CoreContext, 'store'>, now: Date): UpstreamSettingsView {
  const { settings, secrets } = loadSettings(ctx);
  let certificate: UpstreamSettingsView['xml831']['certificate'] = null;
  const check = xml831Hooks.checkCertificate;
  if (check && secrets.xml831.pkcs12Base64) {
    const c = check(
      Buffer.from(secrets.xml831.pkcs12Base64, 'base64'),
      secrets.xml831.pkcs12Password ?? '',
      now,
    );
    if (c.ok) certificate = { subject: c.subject, validFrom: c.notBefore ?? '', validTo: c.notAfter };
  }
  return {
    fhir: {
      ...settings.fhir,
      hasSecret: Boolean(secrets.fhir.secret),
      hasPrivateKey: Boolean(secrets.fhir.privateKeyPem),
    },
    xml831: {
      ...settings.xml831,
      hasPassword: Boolean(secrets.xml831.password),
      hasCertificate: Boolean(secrets.xml831.pkcs12Base64),
      certificate,
      hasCa: Boolean(secrets.xml831.caPem),
    },
    schedule: settings.schedule,
  };
}

/** A secret field: absent keeps the saved one, '' clears it, anything else replaces it. */
function keep(next: string | undefined, saved: string | undefined): string | undefined {
  if (next === undefined) return saved;
  return next === '' ? undefined : next;
}

function refuse(path: string, message: string): AppError {
  return new AppError('INVALID_INPUT', { message, details: { issues: [{ path, message }] } });
}

/** Saves, after refusing what cannot work (a key that is not a key, a certificate that does not open). */
export function saveSettings(ctx: CoreContext, actor: Actor, input: UpstreamSettings): UpstreamSettingsView {
  const saved = loadSettings(ctx).secrets;
  const secrets: Secrets = {
    fhir: {
      secret: keep(input.fhir.secret, saved.fhir.secret),
      privateKeyPem: keep(input.fhir.privateKeyPem, saved.fhir.privateKeyPem),
    },
    xml831: {
      password: keep(input.xml831.password, saved.xml831.password),
      pkcs12Base64: keep(input.xml831.pkcs12Base64, saved.xml831.pkcs12Base64),
      pkcs12Password: keep(input.xml831.pkcs12Password, saved.xml831.pkcs12Password),
      caPem: keep(input.xml831.caPem, saved.xml831.caPem),
    },
  };
  const plain = strip(input);
  if (plain.fhir.enabled && !plain.fhir.url) throw refuse('fhir.url', 'Chưa nhập địa chỉ máy chủ FHIR.');
  if (plain.xml831.enabled && !plain.xml831.url)
    throw refuse('xml831.url', 'Chưa nhập địa chỉ kho hồ sơ của tỉnh.');
  if (secrets.fhir.privateKeyPem && input.fhir.privateKeyPem !== undefined) {
    try {
      createPrivateKey(secrets.fhir.privateKeyPem);
    } catch {
      throw refuse('fhir.privateKeyPem', 'Khoá riêng không đọc được (cần tệp PEM của khoá RSA hoặc EC).');
    }
  }
  if (plain.fhir.auth === 'smart-backend' && plain.fhir.enabled && !secrets.fhir.privateKeyPem)
    throw refuse('fhir.privateKeyPem', 'Cách đăng nhập SMART Backend Services cần khoá riêng để ký.');
  const check = xml831Hooks.checkCertificate;
  if (
    check &&
    secrets.xml831.pkcs12Base64 &&
    (input.xml831.pkcs12Base64 !== undefined || input.xml831.pkcs12Password !== undefined)
  ) {
    const c = check(
      Buffer.from(secrets.xml831.pkcs12Base64, 'base64'),
      secrets.xml831.pkcs12Password ?? '',
      ctx.clock(),
    );
    if (!c.ok) throw refuse('xml831.pkcs12Base64', c.messageVi);
  }
  const now = isoNow(ctx.clock);
  ctx.store.tx(() => {
    writeSettings(ctx.store, JSON.stringify(plain), JSON.stringify(secrets), now);
    appendAudit(
      ctx.store,
      actor,
      {
        action: 'upstream.settings',
        details: {
          fhir: { enabled: plain.fhir.enabled, url: plain.fhir.url, auth: plain.fhir.auth },
          xml831: { enabled: plain.xml831.enabled, url: plain.xml831.url },
          // Which secrets changed, never what they are.
          secretsChanged: [
            ...Object.entries(input.fhir).filter(
              ([k, v]) => (k === 'secret' || k === 'privateKeyPem') && v !== undefined,
            ),
            ...Object.entries(input.xml831).filter(
              ([k, v]) =>
                ['password', 'pkcs12Base64', 'pkcs12Password', 'caPem'].includes(k) && v !== undefined,
            ),
          ].map(([k]) => k),
        },
      },
      now,
    );
  });
  return settingsView(ctx, ctx.clock());
}
