/**
 * The start-up checks of one open database, behind `system.startupChecks`: free disk space and the
 * clock are measured at each ask (cheap, and they change while the app runs); the integrity checks
 * start at the first ask — that is, once a window is up and asks — and run in a worker.
 *
 * Like the backup and import workers' sources, the file and key are registered beside the store by
 * the host that opened it (app.ts), so no other module is handed the key. A host whose database
 * could not be opened serves a stand-in marked blocked (hosts/common/blocked-core.ts): its report
 * is the one fatal check.
 */
import type { StartupCheck, StartupReport } from '#contract/ops/system.ts';
import type { CoreContext } from '../../context.ts';
import type { Store } from '../../db/store.ts';
import { checkClock, newestRecordedTime } from './clock-check.ts';
import { checkDiskSpace, DEFAULT_DISK_THRESHOLDS, freeBytes, type DiskThresholds } from './disk.ts';
import { IntegrityChecks, type IntegritySource } from './integrity.ts';

export interface StartupCheckOptions {
  disk?: DiskThresholds;
  /** Measures free space (tests pass a fixed figure); default statfs on the data folder. */
  measureDisk?: (dir: string) => number;
}

interface Entry {
  source: IntegritySource | null;
  options: StartupCheckOptions;
  integrity: IntegrityChecks | null;
  blocked: StartupCheck | null;
}

const entries = new WeakMap<Store, Entry>();

function entryOf(store: Store): Entry {
  let e = entries.get(store);
  if (!e) {
    e = { source: null, options: {}, integrity: null, blocked: null };
    entries.set(store, e);
  }
  return e;
}

/** The host that opened the database says which file it is and with which key (app.ts). */
export function allowIntegrityChecks(store: Store, source: IntegritySource): void {
  if (source.file === ':memory:' || source.file === '') return;
  const entry = entryOf(store);
  // Given again after a rekey (db/rekey.ts): the next check opens the file with the new key.
  if (entry.source) entry.integrity = null;
  entry.source = source;
}

export function configureStartupChecks(store: Store, options: StartupCheckOptions): void {
  entryOf(store).options = options;
}

/** A stand-in core whose real database could not be opened: every report is this fatal check. */
export function markStartupBlocked(store: Store, check: StartupCheck): void {
  entryOf(store).blocked = check;
}

export async function startupReport(
  ctx: Pick<CoreContext, 'store' | 'clock' | 'log' | 'dataDir'>,
  request: { wait: boolean; full: boolean } = { wait: false, full: false },
): Promise<StartupReport> {
  const entry = entryOf(ctx.store);
  if (entry.blocked) return { blocked: true, checks: [entry.blocked], lastFullIntegrityAt: null };

  if (entry.source && !entry.integrity)
    entry.integrity = new IntegrityChecks(entry.source, ctx.clock, ctx.log.child('integrity'));
  const running = entry.integrity?.start(request.full);
  if (request.wait && running) await running;

  const checks: StartupCheck[] = [];
  if (entry.integrity) checks.push(entry.integrity.report());
  checks.push(
    checkDiskSpace(
      ctx.dataDir,
      entry.options.disk ?? DEFAULT_DISK_THRESHOLDS,
      entry.options.measureDisk ?? freeBytes,
    ),
  );
  checks.push(checkClock(ctx.clock(), newestRecordedTime(ctx.store)));
  return { blocked: false, checks, lastFullIntegrityAt: entry.integrity?.lastFullAt ?? null };
}
