import { createHash } from 'node:crypto';
import type { Store } from '../db/store.ts';
import { auditAppender, lastHash } from './repo/audit-log.ts';

export interface Actor {
  userId: string;
  username: string;
}

export interface AuditInput {
  /** dotted verb, e.g. 'person.read', 'visit.sign', 'auth.login.failed' */
  action: string;
  entity?: string | null;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

export const AUDIT_GENESIS = '0'.repeat(64);

interface Canonical {
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  details: string;
}

export function auditHash(prevHash: string, e: Canonical): string {
  const canonical = JSON.stringify([e.at, e.userId, e.username, e.action, e.entity, e.entityId, e.details]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/**
 * Appends one entry to the hash-chained audit trail. Call it inside the transaction that does the
 * audited thing, so the trail and the data never disagree.
 */
export function appendAudit(store: Store, actor: Actor | null, entry: AuditInput, at: string): void {
  auditWriter(store)(actor, entry, at);
}

/** Walks the whole chain; the first entry whose hash does not follow from its predecessor is reported. */
export function verifyAuditChain(store: Store): {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
} {
  let prev = AUDIT_GENESIS;
  let checked = 0;
  const rows = store.raw
    .prepare(
      'SELECT seq, at, user_id, username, action, entity, entity_id, details, prev_hash, hash FROM audit_log ORDER BY seq',
    )
    .iterate() as IterableIterator<{
    seq: number;
    at: string;
    user_id: string | null;
    username: string | null;
    action: string;
    entity: string | null;
    entity_id: string | null;
    details: string;
    prev_hash: string;
    hash: string;
  }>;
  for (const r of rows) {
    const expected = auditHash(prev, {
      at: r.at,
      userId: r.user_id,
      username: r.username,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      details: r.details,
    });
    if (r.prev_hash !== prev || r.hash !== expected) return { ok: false, checked, firstBrokenSeq: r.seq };
    prev = r.hash;
    checked += 1;
  }
  return { ok: true, checked, firstBrokenSeq: null };
}

/**
 * For a long job that writes thousands of audited rows inside its own exclusive transaction (an
 * import): keeps the chain's last hash in memory and reuses one prepared statement, instead of
 * reading the tail of the trail for every entry. Only valid while the job holds the database.
 */
export function auditWriter(store: Store): (actor: Actor | null, entry: AuditInput, at: string) => void {
  let prevHash = lastHash(store) ?? AUDIT_GENESIS;
  const append = auditAppender(store);
  return (actor, entry, at) => {
    const row: Canonical = {
      at,
      userId: actor?.userId ?? null,
      username: actor?.username ?? null,
      action: entry.action,
      entity: entry.entity ?? null,
      entityId: entry.entityId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    };
    const hash = auditHash(prevHash, row);
    append({
      at: row.at,
      user_id: row.userId,
      username: row.username,
      action: row.action,
      entity: row.entity,
      entity_id: row.entityId,
      details: row.details,
      prev_hash: prevHash,
      hash,
    });
    prevHash = hash;
  };
}
