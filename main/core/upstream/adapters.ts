import './xml831/register.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { UpstreamAdapter, UpstreamKind } from './adapter.ts';
import type { FhirAuthConfig } from './fhir/auth.ts';
import { FhirAdapter } from './fhir/adapter.ts';
import { xml831Hooks } from './hooks.ts';
import { loadSettings, type LoadedSettings } from './settings.ts';
import { loadStationRef } from './snapshot.ts';

/** The adapter of an upstream from the saved settings (`url` overrides the saved endpoint, as `hssk sync run --url`). */
export function createAdapter(
  ctx: CoreContext,
  kind: UpstreamKind,
  options: { url?: string; loaded?: LoadedSettings } = {},
): UpstreamAdapter {
  const { settings, secrets } = options.loaded ?? loadSettings(ctx);
  if (kind === 'fhir') {
    const s = settings.fhir;
    const baseUrl = options.url ?? s.url;
    if (!baseUrl)
      throw new AppError('NOT_SET_UP', { message: 'Chưa cài đặt địa chỉ máy chủ FHIR (Đồng bộ → Cài đặt).' });
    const auth: FhirAuthConfig =
      s.auth === 'bearer'
        ? { kind: 'bearer', token: secrets.fhir.secret ?? '' }
        : s.auth === 'client-credentials'
          ? {
              kind: 'client-credentials',
              tokenUrl: s.tokenUrl,
              clientId: s.clientId,
              clientSecret: secrets.fhir.secret ?? '',
              scope: s.scope,
            }
          : s.auth === 'smart-backend'
            ? {
                kind: 'smart-backend',
                tokenUrl: s.tokenUrl,
                clientId: s.clientId,
                privateKeyPem: secrets.fhir.privateKeyPem ?? '',
                keyId: s.keyId,
                scope: s.scope,
              }
            : { kind: 'none' };
    return new FhirAdapter({ baseUrl, statutory: s.statutory, auth });
  }
  const create = xml831Hooks.createAdapter;
  if (!create)
    throw new AppError('NOT_SET_UP', { message: 'Bộ gửi XML 831 của tỉnh chưa có trong bản cài đặt này.' });
  const xml = { ...settings.xml831, ...(options.url ? { url: options.url } : {}) };
  if (!xml.url)
    throw new AppError('NOT_SET_UP', {
      message: 'Chưa cài đặt địa chỉ kho hồ sơ của tỉnh (Đồng bộ → Cài đặt).',
    });
  return create(xml, secrets.xml831, { station: loadStationRef(ctx), resourcesDir: ctx.resourcesDir });
}

/** The upstreams switched on, in the order they are sent to (the statutory provincial one first). */
export function enabledKinds(loaded: LoadedSettings): UpstreamKind[] {
  return [
    ...(loaded.settings.xml831.enabled ? (['xml831'] as const) : []),
    ...(loaded.settings.fhir.enabled ? (['fhir'] as const) : []),
  ];
}
