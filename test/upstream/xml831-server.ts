/**
 * The provincial 831 XML test receiver as a stand-alone server for demos and training
 * (`hssk upstream serve --kind xml831 [--port P] [--faults SPEC]`). Without accounts any user name
 * signs in as the unit of that code, and the unit's first valid signature pins its certificate.
 * SPEC is the test upstreams' shared syntax (fhir-faults.ts), e.g. `latency=200,503=2,retry-after=1,reset=1`.
 */
import { nextFault, parseFaults, type FaultKind } from './fhir-faults.ts';
import { startXml831Receiver, type Xml831Fault, type Xml831Receiver } from './xml831-receiver.ts';

export type { Xml831Fault };

/** A fault SPEC as the ordered list of faults the next submissions get. */
export function xml831FaultsFromSpec(spec: string | undefined): { faults: Xml831Fault[]; latencyMs: number } {
  const parsed = parseFaults(spec);
  const retryAfter = parsed.retryAfterS ?? undefined;
  const status = (s: number): Xml831Fault =>
    retryAfter === undefined
      ? { kind: 'status', status: s }
      : { kind: 'status', status: s, retryAfterSec: retryAfter };
  const map: Record<FaultKind, Xml831Fault> = {
    expire: { kind: 'expire-token' },
    '503': status(503),
    '500': status(500),
    '502': status(502),
    '429': status(429),
    reset: { kind: 'reset' },
    drip: { kind: 'drip', ms: 120 },
    dup: { kind: 'duplicate' },
    html: { kind: 'html' },
    'ok-error': { kind: 'ok-with-error' },
  };
  const faults: Xml831Fault[] = [];
  for (let k = nextFault(parsed); k !== null; k = nextFault(parsed)) faults.push(map[k]);
  return { faults, latencyMs: parsed.latencyMs };
}

export async function startXml831Server(opts: {
  port?: number;
  host?: string;
  faults?: string | Xml831Fault[];
  tokenLifetimeSec?: number;
}): Promise<Xml831Receiver> {
  const spec =
    typeof opts.faults === 'string' || opts.faults === undefined
      ? xml831FaultsFromSpec(opts.faults)
      : { faults: opts.faults, latencyMs: 0 };
  return startXml831Receiver({
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.host ? { host: opts.host } : {}),
    faults: spec.faults,
    latencyMs: spec.latencyMs,
    ...(opts.tokenLifetimeSec !== undefined ? { tokenLifetimeSec: opts.tokenLifetimeSec } : {}),
  });
}
