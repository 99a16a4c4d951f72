import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Store } from '../db/store.ts';
import {
  auditAppender,
  entryCount,
  hasAnchor,
  lastEntry,
  readAnchor,
  writeAnchor,
} from './repo/audit-log.ts';
import { hasSecretTable, readAuditSecret, writeAuditSecret } from './repo/audit-secret.ts';

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

/**
 * The MAC secret a database had before it kept its own (migration 0023): derived from its SQLCipher
 * key. Still the value a database adopts when it first opens with the `audit_secret` table, so the
 * MACs written before keep verifying. An unencrypted database (development only) gets a fixed
 * value, which proves nothing against a deliberate edit.
 */
export function auditMacKey(databaseKey: Buffer | null): Buffer {
  return createHmac('sha256', databaseKey ?? Buffer.from('hssk-unencrypted-database'))
    .update('hssk audit chain v1')
    .digest();
}

const macKeys = new WeakMap<Store, Buffer>();

/** Says which MAC key a connection's audit entries carry (tests on an old schema). */
export function registerAuditKey(store: Store, macKey: Buffer): void {
  macKeys.set(store, macKey);
}

/**
 * The connection that opened and migrated the database (app.ts) takes the trail's MAC secret from
 * the database itself, and on the first open with the `audit_secret` table (0023) keeps there the
 * value derived from the key it was opened with — the same one every MAC so far was made with.
 * From then on the secret no longer depends on the key: a rekey leaves the trail verifiable, on
 * this PC, on a replacement PC opened with the recovery key, and in every backup (the row is
 * inside the encrypted file). Whoever holds the database key can read it, as they could derive it
 * before: the MACs catch an edit made without the key, not one made by its holder.
 */
export function adoptAuditSecret(store: Store, databaseKey: Buffer | null, at: string): Buffer {
  let secret = hasSecretTable(store) ? readAuditSecret(store) : undefined;
  if (!secret) {
    secret = auditMacKey(databaseKey);
    if (hasSecretTable(store)) {
      const derived = secret;
      store.tx(() => writeAuditSecret(store, derived, at));
      secret = readAuditSecret(store) ?? derived;
    }
  }
  macKeys.set(store, secret);
  return secret;
}

/** A second connection to an opened database (the import worker) reads the secret it keeps. */
export function loadAuditSecret(store: Store, databaseKey: Buffer | null): void {
  macKeys.set(
    store,
    (hasSecretTable(store) ? readAuditSecret(store) : undefined) ?? auditMacKey(databaseKey),
  );
}

function macKeyOf(store: Store): Buffer {
  const known = macKeys.get(store);
  if (known) return known;
  // A connection nobody registered (a check opened on a copy) reads the secret the database keeps.
  const kept = hasSecretTable(store) ? readAuditSecret(store) : undefined;
  if (kept) macKeys.set(store, kept);
  return kept ?? auditMacKey(null);
}

const mac = (key: Buffer, text: string): string => createHmac('sha256', key).update(text).digest('hex');
const anchorText = (entries: number, headSeq: number, headHash: string) =>
  `anchor\n${entries}\n${headSeq}\n${headHash}`;

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export type AuditProblem = 'altered' | 'missing' | 'anchor';

export interface AuditVerdict {
  ok: boolean;
  checked: number;
  /** The first entry changed, inserted or missing (a deleted entry is reported at its own seq). */
  firstBrokenSeq: number | null;
  problem: AuditProblem | null;
}

/**
 * Walks the whole chain and reports the first entry that is wrong: one whose hash does not follow
 * from its predecessor or whose MAC is not right (altered, or recomputed without the key), a seq
 * skipped (a deleted entry, at its own seq), or a tail shorter than the anchor says (the first
 * missing seq). An anchor whose own MAC is wrong, or missing while entries carry MACs, is reported
 * as the anchor.
 */
export function verifyAuditChain(store: Store): AuditVerdict {
  const key = macKeyOf(store);
  const anchor = readAnchor(store);
  let prev = AUDIT_GENESIS;
  let checked = 0;
  let expectedSeq = 1;
  let macSeen = false;
  const broken = (seq: number | null, problem: AuditProblem): AuditVerdict => ({
    ok: false,
    checked,
    firstBrokenSeq: seq,
    problem,
  });
  const rows = store.raw
    .prepare(
      `SELECT seq, at, user_id, username, action, entity, entity_id, details, prev_hash, hash, ${hasAnchor(store) ? 'mac' : 'NULL AS mac'} FROM audit_log ORDER BY seq`,
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
    mac: string | null;
  }>;
  for (const r of rows) {
    // Entries are appended one seq after another (AUTOINCREMENT, never deleted): a gap is a deletion.
    if (r.seq !== expectedSeq) return broken(expectedSeq, r.seq > expectedSeq ? 'missing' : 'altered');
    const expected = auditHash(prev, {
      at: r.at,
      userId: r.user_id,
      username: r.username,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      details: r.details,
    });
    if (r.prev_hash !== prev || r.hash !== expected) return broken(r.seq, 'altered');
    // A chain rebuilt from an entry on (MACs dropped with it) ends at another head than anchored.
    if (anchor && r.seq === anchor.head_seq && r.hash !== anchor.head_hash) return broken(r.seq, 'altered');
    if (r.mac === null) {
      // Entries from before 0013 have none; once one has, every later one must.
      if (macSeen) return broken(r.seq, 'altered');
    } else {
      macSeen = true;
      if (!sameHex(r.mac, mac(key, r.hash))) return broken(r.seq, 'altered');
    }
    prev = r.hash;
    checked += 1;
    expectedSeq += 1;
  }
  if (!anchor)
    return macSeen ? broken(null, 'anchor') : { ok: true, checked, firstBrokenSeq: null, problem: null };
  if (!sameHex(anchor.mac, mac(key, anchorText(anchor.entries, anchor.head_seq, anchor.head_hash))))
    return broken(null, 'anchor');
  // The tail the anchor knew of is gone (the last entry, the last thousand, all of them).
  if (checked < anchor.entries || anchor.head_seq >= expectedSeq) return broken(expectedSeq, 'missing');
  return { ok: true, checked, firstBrokenSeq: null, problem: null };
}

/**
 * For a long job that writes thousands of audited rows inside its own exclusive transaction (an
 * import): keeps the chain's last hash in memory and reuses one prepared statement, instead of
 * reading the tail of the trail for every entry. Only valid while the job holds the database.
 */
const auditChanges = new WeakMap<Store, number>();

/**
 * How many rows the audit trail's own writes (entries, anchor) changed on this connection: what
 * `total_changes()` counts that is not the station's data. The dashboard's kept figures ignore them,
 * so opening a work list (audited) does not make the next open of the dashboard compute again.
 */
export function auditChangeCount(store: Store): number {
  return auditChanges.get(store) ?? 0;
}

export function auditWriter(store: Store): (actor: Actor | null, entry: AuditInput, at: string) => void {
  const key = macKeyOf(store);
  const last = lastEntry(store);
  let prevHash = last?.hash ?? AUDIT_GENESIS;
  const anchor = readAnchor(store);
  // The anchor's count when it is at the head (the usual case): no count(*) per entry written.
  let entries = anchor && last && anchor.head_seq === last.seq ? anchor.entries : entryCount(store);
  const append = auditAppender(store);
  const anchored = hasAnchor(store);
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
    const changesBefore = store.prepare('SELECT total_changes()').pluck().get() as number;
    const seq = append({
      at: row.at,
      user_id: row.userId,
      username: row.username,
      action: row.action,
      entity: row.entity,
      entity_id: row.entityId,
      details: row.details,
      prev_hash: prevHash,
      hash,
      mac: mac(key, hash),
    });
    entries += 1;
    if (anchored)
      writeAnchor(store, {
        entries,
        head_seq: seq,
        head_hash: hash,
        mac: mac(key, anchorText(entries, seq, hash)),
        updated_at: at,
      });
    const changed = (store.prepare('SELECT total_changes()').pluck().get() as number) - changesBefore;
    auditChanges.set(store, auditChangeCount(store) + changed);
    prevHash = hash;
  };
}
