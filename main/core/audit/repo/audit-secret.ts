/**
 * The one writer of `audit_secret` (migration 0023): the audit trail's MAC secret, one row, written
 * once when a database first opens with the table and never changed — re-keying the database
 * (db/rekey.ts) leaves it as it is, which is why it lives here and not beside the database key.
 */
import type { Store } from '../../db/store.ts';

/** Whether the schema has the table (0023). Only migration tests open an older schema. */
export function hasSecretTable(store: Store): boolean {
  return (
    store.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_secret'`).get() !==
    undefined
  );
}

export function readAuditSecret(store: Store): Buffer | undefined {
  const row = store.prepare('SELECT mac_key FROM audit_secret WHERE id = 1').get() as
    { mac_key: Buffer } | undefined;
  return row ? Buffer.from(row.mac_key) : undefined;
}

/** Keeps the secret; a row already there wins (another connection wrote it first). */
export function writeAuditSecret(store: Store, macKey: Buffer, at: string): void {
  store
    .prepare(
      'INSERT INTO audit_secret (id, mac_key, created_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING',
    )
    .run(macKey, at);
}
