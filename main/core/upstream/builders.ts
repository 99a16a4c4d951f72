import { buildFhirPayload } from './fhir/payload.ts';
import type { Builder, BuildSpec } from './payload.ts';

/**
 * The payload builder of an upstream, on whichever thread builds (`now`: when the run started; the
 * signing certificate is checked against it). The 831 XML builder (XML-DSig, PKCS#12) is loaded
 * only when an 831 upstream is on.
 */
export async function createBuilder(spec: BuildSpec, now: Date): Promise<Builder> {
  if (spec.kind === 'fhir') return (s, sentRefs) => buildFhirPayload(s, sentRefs, spec.maxEntries);
  const { xml831Builder } = await import('./xml831/payload.ts');
  return xml831Builder(spec, now);
}

/** sync_deliveries.sent_refs (one ref a line) as a list; null stays null (not known). */
export function splitRefs(stored: string | null): string[] | null {
  return stored === null ? null : stored.split('\n').filter(Boolean);
}

/** Whether two specs build the same payloads (the worker keeps its builder while they do). */
export function sameSpec(a: BuildSpec, b: BuildSpec): boolean {
  if (a.kind === 'fhir' || b.kind === 'fhir')
    return a.kind === b.kind && JSON.stringify(a) === JSON.stringify(b);
  return (
    a.senderCode === b.senderCode &&
    a.senderName === b.senderName &&
    a.pkcs12Password === b.pkcs12Password &&
    a.resourcesDir === b.resourcesDir &&
    Buffer.from(a.pkcs12).equals(Buffer.from(b.pkcs12))
  );
}
