import type { UpstreamSettings } from '#contract/ops/upstream.ts';

/** Secrets apart from the settings: they leave the core only towards an adapter. */
export interface Secrets {
  fhir: { secret?: string; privateKeyPem?: string };
  xml831: { password?: string; pkcs12Base64?: string; pkcs12Password?: string; caPem?: string };
}

/** The settings with every secret field left out (they are in Secrets). */
export type PlainSettings = {
  fhir: Omit<UpstreamSettings['fhir'], 'secret' | 'privateKeyPem'>;
  xml831: Omit<UpstreamSettings['xml831'], 'password' | 'pkcs12Base64' | 'pkcs12Password' | 'caPem'>;
  schedule: UpstreamSettings['schedule'];
};
