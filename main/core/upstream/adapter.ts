import type { BuildSpec, PreparedRecord } from './payload.ts';
import type { RecordSnapshot } from './snapshot.ts';

/**
 * One upstream repository (the provincial 831 XML endpoint, a FHIR R4 server) behind one shape.
 * Adapters turn snapshots into what their upstream takes and report, per record, what the upstream
 * answered. They never touch the database: the engine (engine.ts) owns the outbox state, so a
 * crash between "sent" and "recorded" only ever leads to a re-send, which every adapter makes
 * idempotent (REQUEST_ID for the XML, PUT to our UUIDs for FHIR).
 */
export type UpstreamKind = 'xml831' | 'fhir';

export type RecordOutcome = 'acknowledged' | 'retry' | 'failed';

export interface RecordResult {
  personId: string;
  /**
   * acknowledged: the upstream holds this version. retry: a transient failure (network, 5xx, 429,
   * expired token): try again after the back-off. failed: the upstream refused this record's
   * content; it stays failed (no automatic retry) until the record changes or a user retries it.
   */
  outcome: RecordOutcome;
  /** Stable, machine-readable (HTTP_503, NETWORK, ORG_MISMATCH, FHIR_INVALID, …). */
  code?: string;
  /** Plain Vietnamese for the "Đồng bộ" screen; never contains secrets. */
  messageVi?: string;
  /** The upstream asked to wait (Retry-After): the engine waits at least this long. */
  retryAfterMs?: number;
  /** The upstream's id for the record (Patient id, the 831 receipt number). */
  remoteId?: string;
}

export interface CheckResult {
  ok: boolean;
  /** Vietnamese: "Kết nối tốt (120 ms)", or what is wrong and what to check. */
  messageVi: string;
  latencyMs: number | null;
}

export interface SendOptions {
  signal: AbortSignal;
}

export interface UpstreamAdapter {
  readonly kind: UpstreamKind;
  /** Statutory upstreams receive every record; sharing ones only records whose resident consented. */
  readonly statutory: boolean;
  /** Returns exactly one result per record given, in any order. Never throws for a record's failure. */
  send(records: RecordSnapshot[], opts: SendOptions): Promise<RecordResult[]>;
  /**
   * How this upstream's payloads are built (plain data, so a worker thread can build them), and the
   * sending of payloads built that way, with send's promises. The engine uses these when both are
   * there (the real adapters); an adapter without them is given snapshots (send).
   */
  readonly build?: BuildSpec;
  deliver?(prepared: PreparedRecord[], opts: SendOptions): Promise<RecordResult[]>;
  check(): Promise<CheckResult>;
}
