/**
 * The recovery key in the app: shown for the printed sheet (setup, Quản trị → Sao lưu), changed
 * with the database key (a rekey), and typed on the blocked screen when the key file is missing or
 * unreadable. The key arithmetic is db/'s (recovery-key.ts, rekey.ts, recover.ts); here are who may,
 * when, and what goes on the trail.
 */
import type { RecoverySheet } from '#contract/ops/backup.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import type { KeyProtector } from '../db/keystore.ts';
import { recoverDatabaseKey } from '../db/recover.ts';
import { encodeRecoveryKey } from '../db/recovery-key.ts';
import { rekeyOpenDatabase } from '../db/rekey.ts';
import type { Store } from '../db/store.ts';
import { AppError } from '../errors.ts';
import { getStation } from '../station/station.ts';
import { requestRestart } from './restart.ts';
import { backupSource } from './source.ts';

function sheet(ctx: CoreContext, key: Buffer | null, at: string): RecoverySheet {
  const station = getStation(ctx);
  return {
    recoveryKey: key ? encodeRecoveryKey(key) : null,
    stationCode: station.code,
    stationName: station.name,
    at,
  };
}

/** The current key as a sheet; each showing is on the trail (who saw the key, when). */
export function showRecoveryKey(ctx: CoreContext, actor: Actor): RecoverySheet {
  const at = isoNow(ctx.clock);
  const result = sheet(ctx, backupSource(ctx.store)?.key ?? null, at);
  appendAudit(ctx.store, actor, { action: 'db.recoveryKey.show', details: {} }, at);
  return result;
}

/**
 * A new database key (db/rekey.ts) and its recovery key, shown once. The entry goes on the trail
 * after the rekey, with the same MAC secret as before it (kept inside the database).
 */
export function rekeyStation(ctx: CoreContext, actor: Actor): RecoverySheet {
  const key = rekeyOpenDatabase(ctx.store);
  try {
    const at = isoNow(ctx.clock);
    appendAudit(ctx.store, actor, { action: 'db.rekey', details: {} }, at);
    ctx.log.info('database key changed', { by: actor.username });
    return sheet(ctx, key, at);
  } finally {
    key.fill(0);
  }
}

// ---- The blocked screen: opening the database with its recovery key ----

/** At most this many tries per window, whatever the transport and however many come at once. */
export const RECOVERY_ATTEMPTS = 10;
export const RECOVERY_WINDOW_MS = 15 * 60_000;

interface Recovery {
  dbFile: string;
  protector: KeyProtector;
  /** When each counted try was made (ms): the window slides. */
  tries: number[];
}

const recoveries = new WeakMap<Store, Recovery>();

/** The stand-in core of a database whose key could not be read offers this (hosts/common/blocked-core.ts). */
export function allowKeyRecovery(store: Store, target: { dbFile: string; protector: KeyProtector }): void {
  recoveries.set(store, { ...target, tries: [] });
}

/**
 * Tries a recovery key on the database; on success writes a new key file (protected by this PC's
 * keystore; an unreadable one is kept aside) and asks the host to restart into the real core.
 *
 * WHY the try is counted before anything else, synchronously: a burst of parallel calls must get
 * no more tries than the same calls one after another. Every call reaches this line in turn (one
 * thread), so the tenth is counted before the eleventh is looked at. Typos count too: nobody types
 * eleven recovery keys in a quarter of an hour, and a script must not.
 */
export function recoverWithKey(ctx: CoreContext, recoveryKey: string): { restarting: boolean } {
  const r = recoveries.get(ctx.store);
  if (!r)
    throw new AppError('CONFLICT', {
      message: 'Cơ sở dữ liệu đang mở bình thường: không cần nhập mã khôi phục.',
      logMessage: 'recoverKey asked of a core whose database is open',
    });
  const now = ctx.clock().getTime();
  r.tries = r.tries.filter((t) => now - t < RECOVERY_WINDOW_MS);
  if (r.tries.length >= RECOVERY_ATTEMPTS) {
    const minutes = Math.ceil((r.tries[0]! + RECOVERY_WINDOW_MS - now) / 60_000);
    throw new AppError('BUSY', {
      message: `Đã nhập sai mã khôi phục quá nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
      logMessage: 'recovery key tries exhausted',
    });
  }
  r.tries.push(now);
  const done = recoverDatabaseKey(r.dbFile, recoveryKey, r.protector, ctx.clock());
  ctx.log.info('database key recovered with the recovery key', {
    keyFile: done.keyFile,
    setAside: done.setAside,
  });
  recoveries.delete(ctx.store);
  return { restarting: requestRestart(ctx.store) };
}
