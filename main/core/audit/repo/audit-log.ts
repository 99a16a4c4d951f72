/**
 * The audit repository: the one writer of `audit_log`, append only (the table's triggers refuse
 * UPDATE and DELETE). The hash chain itself is computed in audit.ts; this file only reads the
 * chain's tail and appends. An audit entry is never part of what is uploaded: nothing is marked.
 */
import type { AuditRow } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';

export type NewAuditRow = Omit<AuditRow, 'seq'>;

/** The last entry's hash, or undefined on an empty trail. */
export function lastHash(store: Store): string | undefined {
  return (
    store.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { hash: string } | undefined
  )?.hash;
}

/** An appender with its statement prepared once (a long job appends thousands of entries). */
export function auditAppender(store: Store): (row: NewAuditRow) => void {
  const insert = store.prepare(
    'INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  return (r) =>
    insert.run(r.at, r.user_id, r.username, r.action, r.entity, r.entity_id, r.details, r.prev_hash, r.hash);
}
