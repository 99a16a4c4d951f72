import type { RecordSnapshot } from './snapshot.ts';

/**
 * A record's payload, built from its snapshot where the snapshot was read (a worker thread, so a
 * long record never holds the window's event loop), then handed to the adapter to send. Plain data:
 * it crosses threads by structured clone, its bodies as transferred bytes.
 */
export interface PreparedRecord {
  personId: string;
  /** The outbox version the snapshot was read at. */
  version: number;
  /** What goes on the wire, in order, UTF-8: FHIR transaction bundles, or the one signed 831 document. */
  bodies: Uint8Array<ArrayBuffer>[];
  /** FHIR: per body, the request url of each entry (a refusal names what was refused). */
  entryUrls: string[][];
  /** FHIR: resources sent before that the record no longer has ("Immunization/<id>"): deleted upstream. */
  deletes: string[];
  /**
   * FHIR: every resource this payload puts upstream; stored with the acknowledgement, so the next
   * send knows what to delete. Undefined: keep what is stored (a retirement, an adapter that
   * replaces the whole record).
   */
  refs?: string[];
  /** 831: the document's REQUEST_ID (the receipt when the answer has none). */
  requestId?: string;
  /**
   * The record's answer is known without sending (it cannot be built, or there is nothing to
   * send): a RecordResult without its personId (adapter.ts; spelled out here so the two files do
   * not import each other).
   */
  answer?: {
    outcome: 'acknowledged' | 'retry' | 'failed';
    code?: string;
    messageVi?: string;
    retryAfterMs?: number;
    remoteId?: string;
  };
}

/** What a thread needs to build an upstream's payloads (plain data: it is handed to the worker). */
export type BuildSpec =
  | { kind: 'fhir'; maxEntries: number }
  | {
      kind: 'xml831';
      senderCode: string;
      senderName: string;
      pkcs12: Uint8Array;
      pkcs12Password: string;
      resourcesDir: string;
    };

/** One record's payload; `sentRefs` is what the upstream was last sent (null: not known). */
export type Builder = (
  snapshot: RecordSnapshot,
  sentRefs: readonly string[] | null,
  nowIso: string,
) => PreparedRecord;

const encoder = new TextEncoder();
export const utf8 = (s: string): Uint8Array<ArrayBuffer> => encoder.encode(s);
