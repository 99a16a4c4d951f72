/**
 * The audit repository: the one writer of `audit_log`, append only (the table's triggers refuse
 * UPDATE and DELETE), and of `audit_anchor`, the chain's MAC'd head. The hash chain and the MACs
 * are computed in audit.ts; this file only reads the chain's tail and appends. An audit entry is
 * never part of what is uploaded: nothing is marked.
 */
import type { AuditRow, Database } from '../../db/schema.ts';
import type { Store } from '../../db/store.ts';
import type { Selectable } from 'kysely';

export type NewAuditRow = Omit<AuditRow, 'seq'>;
export type AnchorRow = Selectable<Database['audit_anchor']>;

/** The last entry's seq and hash, or undefined on an empty trail. */
export function lastEntry(store: Store): { seq: number; hash: string } | undefined {
  return store.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
}

/** How many entries the trail holds. */
export function entryCount(store: Store): number {
  return store.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
}

/**
 * Whether the schema has the MACs and the anchor (0013). Only the migration tests run this code on
 * an older schema (the app migrates before anything is audited); there the chain alone is kept.
 */
export function hasAnchor(store: Store): boolean {
  return store.prepare(`SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'mac'`).get() !== undefined;
}

/** An appender with its statement prepared once (a long job appends thousands of entries). */
export function auditAppender(store: Store): (row: NewAuditRow) => number {
  const columns: (keyof NewAuditRow)[] = [
    'at',
    'user_id',
    'username',
    'action',
    'entity',
    'entity_id',
    'details',
    'prev_hash',
    'hash',
    ...(hasAnchor(store) ? (['mac'] as const) : []),
  ];
  const insert = store.prepare(
    `INSERT INTO audit_log (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  return (r) => Number(insert.run(...columns.map((c) => r[c])).lastInsertRowid);
}

export function readAnchor(store: Store): AnchorRow | undefined {
  if (!hasAnchor(store)) return undefined;
  return store.prepare('SELECT * FROM audit_anchor WHERE id = 1').get() as AnchorRow | undefined;
}

/** Moves the anchor to the chain's new head (in the transaction that appended). */
export function writeAnchor(store: Store, a: Omit<AnchorRow, 'id'>): void {
  store
    .prepare(
      `INSERT INTO audit_anchor (id, entries, head_seq, head_hash, mac, updated_at) VALUES (1, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET entries = excluded.entries, head_seq = excluded.head_seq,
         head_hash = excluded.head_hash, mac = excluded.mac, updated_at = excluded.updated_at`,
    )
    .run(a.entries, a.head_seq, a.head_hash, a.mac, a.updated_at);
}
