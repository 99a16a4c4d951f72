import type { PreparedRecord } from '../payload.ts';
import { utf8 } from '../payload.ts';
import type { RecordSnapshot } from '../snapshot.ts';
import { transactionsFor } from './mapping.ts';

/**
 * A record's FHIR payload: its transactions (PUT to our ids), and the resources the server was
 * sent before that the record no longer has (a dose deleted, a diagnosis corrected away): a FHIR
 * server keeps what it was given until told to delete it.
 *
 * A retirement (the record merged away) deletes nothing: what it held under ids now the
 * survivor's is updated by the survivor's own send, and the rest stays with the retired Patient,
 * which points to the survivor.
 */
export function buildFhirPayload(
  s: RecordSnapshot,
  sentRefs: readonly string[] | null,
  maxEntries: number,
): PreparedRecord {
  const txs = transactionsFor(s, maxEntries);
  const entryUrls = txs.map((t) => t.entry.map((e) => e.request?.url ?? ''));
  const base = {
    personId: s.personId,
    version: s.version,
    bodies: txs.map((t) => utf8(JSON.stringify(t))),
    entryUrls,
  };
  if (s.op === 'retire') return { ...base, deletes: [] };
  const refs = entryUrls.flat();
  const now = new Set(refs);
  return { ...base, deletes: (sentRefs ?? []).filter((r) => r && !now.has(r)), refs };
}
