import type { UpstreamAdapter } from './adapter.ts';
import type { PlainSettings, Secrets } from './settings-types.ts';
import type { StationRef } from './snapshot.ts';

/**
 * Where the provincial 831 XML adapter (main/core/upstream/xml831/, built separately) plugs in:
 * its module registers here when imported (adapters.ts imports it), so the engine and the settings
 * need not know its files.
 */
export interface CertificateCheck {
  (
    p12: Uint8Array,
    password: string,
    now: Date,
  ):
    | { ok: true; subject: string; notAfter: string; notBefore?: string; fingerprint?: string }
    | { ok: false; messageVi: string };
}

export interface AdapterDeps {
  station: StationRef;
  /** Where the code lists are (resources/codes), for adapters that send codes. */
  resourcesDir: string;
  fetch?: typeof fetch;
  now?: () => Date;
}

export interface Xml831Hooks {
  createAdapter?: (
    settings: PlainSettings['xml831'],
    secrets: Secrets['xml831'],
    deps: AdapterDeps,
  ) => UpstreamAdapter;
  checkCertificate?: CertificateCheck;
}

export const xml831Hooks: Xml831Hooks = {};

export function registerXml831(hooks: Xml831Hooks): void {
  Object.assign(xml831Hooks, hooks);
}
