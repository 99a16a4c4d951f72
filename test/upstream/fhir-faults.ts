/**
 * Fault injection for the test upstreams, from a SPEC such as
 * `latency=200,503=2,retry-after=1,429=1,reset=1,drip=1,dup=1,expire=1,html=1,ok-error=1`:
 * latency=MS delays every answer; each other key NAME=N makes the next N transaction requests fail
 * that way (in the order listed below), after which the server behaves.
 *   503 / 500 / 502: that status, with Retry-After when retry-after=S is given; 429 likewise.
 *   reset: the request is processed, then the connection is cut mid-answer.
 *   drip: the answer is sent a few bytes at a time over about a second.
 *   dup: the request is processed twice (a duplicated delivery), answered once.
 *   expire: the bearer token is treated as expired (401), as a token that ran out.
 *   html: a 200 with an HTML error page; ok-error: a 200 with an OperationOutcome inside.
 */
export const FAULT_KINDS = [
  'expire',
  '503',
  '500',
  '502',
  '429',
  'reset',
  'drip',
  'dup',
  'html',
  'ok-error',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Faults {
  latencyMs: number;
  retryAfterS: number | null;
  remaining: Map<FaultKind, number>;
}

export function parseFaults(spec: string | undefined): Faults {
  const f: Faults = { latencyMs: 0, retryAfterS: null, remaining: new Map() };
  for (const part of (spec ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [k, v = '1'] = part.split('=');
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`bad fault value: ${part}`);
    if (k === 'latency') f.latencyMs = n;
    else if (k === 'retry-after') f.retryAfterS = n;
    else if ((FAULT_KINDS as readonly string[]).includes(k)) f.remaining.set(k as FaultKind, n);
    else throw new Error(`unknown fault: ${k} (known: latency, retry-after, ${FAULT_KINDS.join(', ')})`);
  }
  return f;
}

/** The fault the next request gets, if any (consumed). */
export function nextFault(f: Faults): FaultKind | null {
  for (const k of FAULT_KINDS) {
    const n = f.remaining.get(k) ?? 0;
    if (n > 0) {
      f.remaining.set(k, n - 1);
      return k;
    }
  }
  return null;
}
