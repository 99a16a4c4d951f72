import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../migrations/index.ts';
import { migrate } from '../db/migrate.ts';
import { openSqlite } from '../db/sqlite.ts';
import { Store } from '../db/store.ts';
import { markMerged, markRecord, queueUnmarked } from './outbox.ts';

let store: Store;
afterEach(() => store?.raw.close());

function fresh(): Store {
  const db = openSqlite({ file: ':memory:' });
  migrate(db, MIGRATIONS);
  return new Store(db);
}

const row = (id: string) =>
  store.raw
    .prepare(
      'SELECT entity, op, version, state, attempts, next_attempt_at, queued_at, updated_at FROM sync_outbox WHERE entity_id = ?',
    )
    .get(id);

describe('the outbox: one row per resident record', () => {
  it('starts a record pending at version 1 and counts each later mark', () => {
    store = fresh();
    store.tx(() => markRecord(store, 'p1', '2026-01-01T00:00:00.000Z'));
    expect(row('p1')).toEqual({
      entity: 'person',
      op: 'upsert',
      version: 1,
      state: 'pending',
      attempts: 0,
      next_attempt_at: null,
      queued_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    });
    store.tx(() => {
      markRecord(store, 'p1', '2026-01-02T00:00:00.000Z');
      markRecord(store, 'p1', '2026-01-02T00:00:00.000Z');
    });
    expect(row('p1')).toMatchObject({ version: 3, state: 'pending', queued_at: '2026-01-01T00:00:00.000Z' });
  });

  it('makes an acknowledged record "edited", and a failed one pending again with its retries cleared', () => {
    store = fresh();
    store.tx(() => {
      markRecord(store, 'sent', '2026-01-01T00:00:00.000Z');
      markRecord(store, 'failed', '2026-01-01T00:00:00.000Z');
    });
    store.raw.exec(
      `UPDATE sync_outbox SET state = 'acknowledged', acked_version = 1 WHERE entity_id = 'sent'`,
    );
    store.raw.exec(
      `UPDATE sync_outbox SET state = 'error', attempts = 4, next_attempt_at = '2026-01-03' WHERE entity_id = 'failed'`,
    );
    store.tx(() => {
      markRecord(store, 'sent', '2026-01-02T00:00:00.000Z');
      markRecord(store, 'failed', '2026-01-02T00:00:00.000Z');
    });
    expect(row('sent')).toMatchObject({ version: 2, state: 'edited' });
    expect(row('failed')).toMatchObject({ version: 2, state: 'pending', attempts: 0, next_attempt_at: null });
  });

  it('marks a record merged away for retiring', () => {
    store = fresh();
    store.tx(() => {
      markRecord(store, 'dup', '2026-01-01T00:00:00.000Z');
      markMerged(store, 'dup', '2026-01-02T00:00:00.000Z');
    });
    expect(row('dup')).toMatchObject({ op: 'merge', version: 2, state: 'pending' });
  });

  it('refuses a mark outside a transaction: it could outlive a change that rolls back', () => {
    store = fresh();
    expect(() => markRecord(store, 'p1', '2026-01-01T00:00:00.000Z')).toThrow(/inside the transaction/);
    expect(row('p1')).toBeUndefined();
  });
});

describe('queueing residents who were never marked (seeded, or older than the outbox)', () => {
  it('queues each of them exactly once, slice by slice, and leaves marked records as they are', () => {
    store = fresh();
    const add = store.raw.prepare(
      `INSERT INTO persons (id, full_name, name_folded, sex, birth_date, birth_year, created_at, updated_at)
       VALUES (?, 'A', 'a', 'F', '1990', 1990, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    );
    for (let i = 1; i <= 25; i++) add.run(`p${i}`);
    store.tx(() => markRecord(store, 'p7', '2026-02-01T00:00:00.000Z'));
    store.tx(() => markRecord(store, 'p7', '2026-02-01T00:00:00.000Z'));

    // Slices of 10: residents 1–10, 11–20, 21–25 (the last slice is short, so it is the end).
    const slices = [];
    for (let after: number | null = 0; after !== null;) {
      const from: number = after;
      const slice = store.tx(() => queueUnmarked(store, '2026-03-01T00:00:00.000Z', from, 10));
      slices.push(slice);
      after = slice.nextPk;
    }
    expect(slices).toEqual([
      { queued: 9, nextPk: 10 },
      { queued: 10, nextPk: 20 },
      { queued: 5, nextPk: null },
    ]);
    expect(store.raw.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(25);
    expect(row('p7')).toMatchObject({ version: 2, queued_at: '2026-02-01T00:00:00.000Z' });
    expect(row('p25')).toMatchObject({ version: 1, state: 'pending', queued_at: '2026-01-01T00:00:00.000Z' });
    // A second pass finds nothing more to queue.
    expect(store.tx(() => queueUnmarked(store, '2026-03-02T00:00:00.000Z', 0, 10))).toEqual({
      queued: 0,
      nextPk: 10,
    });
  });
});
