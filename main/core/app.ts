import { dirname } from 'node:path';
import type { Result } from '#contract/errors.ts';
import type { OperationName } from '#contract/operations.ts';
import type { HostKind } from '#contract/ops/system.ts';
import { dispatch } from './api/dispatch.ts';
import { createHandlers } from './handlers.ts';
import type { SessionBinding } from './handler-types.ts';
import { systemClock, type Clock } from './clock.ts';
import { CodeLists } from './codes/code-lists.ts';
import type { CoreContext } from './context.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { resolveDatabaseKey } from './db/key.ts';
import { allowRekey } from './db/rekey.ts';
import { DeviceManager, type DeviceSystem } from './devices/manager/manager.ts';
import { EventBus } from './events.ts';
import { JobGate } from './jobs.ts';
import { GrowthTables } from './record/rules/growth-tables.ts';
import { Icd10Catalogue } from './record/rules/icd10.ts';
import { ensureVaccineCatalogue } from './record/catalogue.ts';
import { startDueRefresher } from './record/immunization-due.ts';
import { allowImportWorker } from './registry/list-import/worker-source.ts';
import { backupBeforeMigration } from './backup/before-migration.ts';
import { allowBackups } from './backup/source.ts';
import { startBackupScheduler, type BackupScheduler } from './backup/schedule.ts';
import { applyPendingRestore, noteRestoreInTrail } from './backup/restore.ts';
import { allowIntegrityChecks } from './system/startup/checks.ts';
import { OpenExams } from './record/open-exams.ts';
import { createLogger, type Logger } from './log.ts';
import { dataPaths, defaultResourcesDir } from './paths.ts';
import { plainProtector, type KeyProtector } from './db/keystore.ts';
import { markInUse } from './security/db-in-use.ts';
import { createOwnerOnlyFile, ownerOnlyDir, ownerOnlyFile } from './security/file-modes.ts';
import { SessionStore } from './security/sessions.ts';
import { adoptAuditSecret } from './audit/audit.ts';
import { idleLockMinutes } from './station/station.ts';
import { APP_VERSION } from './version.ts';
import { startSyncScheduler, type SyncScheduler } from './upstream/scheduler.ts';

export interface CoreOptions {
  host: HostKind;
  dataDir: string;
  /** Defaults to <dataDir>/hssk.db. ':memory:' for tests. */
  dbFile?: string;
  /** A raw 32-byte key, null for an unencrypted database, or undefined to resolve it (see db/key.ts). */
  key?: Buffer | null;
  /** Encrypt a database this call creates (default true). */
  encryptNew?: boolean;
  keyProtector?: KeyProtector;
  resourcesDir?: string;
  log?: Logger;
  clock?: Clock;
  /** The machine's ports (default: the real serial and HID devices); tests pass fakes. */
  deviceSystem?: DeviceSystem;
}

export interface Core {
  readonly ctx: CoreContext;
  readonly events: EventBus;
  readonly database: DatabaseHandle;
  /** Runs one contract operation for the caller whose session the binding holds. */
  call(binding: SessionBinding, name: OperationName | string, input: unknown): Promise<Result<unknown>>;
  /**
   * What a host with a UI starts (Electron, `hssk serve`; not the CLI's one-shot commands): the device
   * manager, the ICD-10 index built ahead of the first diagnosis typed, and WAL checkpoints moved to
   * idle moments so no user's save pays for one.
   */
  startServices(): void;
  close(): void;
}

/** Builds the core: opens and migrates the database, wires the services. Hosts call this once. */
export function createCore(options: CoreOptions): Core {
  const paths = dataPaths(options.dataDir);
  const dbFile = options.dbFile ?? paths.dbFile;
  const log = options.log ?? createLogger({ dir: paths.logDir });
  const clock = options.clock ?? systemClock;
  if (dbFile !== ':memory:') ownerOnlyDir(dirname(dbFile));
  // A restore the admin confirmed is swapped in before the database is opened (backup/restore.ts).
  if (dbFile !== ':memory:') applyPendingRestore(dbFile, log.child('backup'));

  const protector = options.keyProtector ?? plainProtector;
  // Whether the key comes from the key file beside the database (not a caller's, not HSSK_DB_KEY):
  // only such a key can be changed (db/rekey.ts).
  const keyFromFile = options.key === undefined && !process.env.HSSK_DB_KEY?.trim();
  const key =
    options.key !== undefined
      ? options.key
      : resolveDatabaseKey(dbFile, protector, {
          encryptNew: options.encryptNew ?? true,
        });
  const started = performance.now();
  if (dbFile !== ':memory:') createOwnerOnlyFile(dbFile);
  const database = openDatabase({
    file: dbFile,
    key,
    log: log.child('db'),
    beforeMigrate: (sqlite, pending) =>
      dbFile !== ':memory:' &&
      backupBeforeMigration(
        sqlite,
        { file: dbFile, key },
        {
          pending,
          appVersion: APP_VERSION,
          now: clock(),
          log: log.child('backup'),
        },
      ),
  });
  // The trail's MAC secret is kept inside the database (0023), so a rekey leaves it alone.
  adoptAuditSecret(database.store, key, clock().toISOString());
  // …and, opened and migrated, the restored trail records that it was restored.
  if (dbFile !== ':memory:') noteRestoreInTrail(database.store, dbFile, clock().toISOString());
  // A window's host serves this database: `hssk import` beside it waits for it to close.
  const releaseInUse =
    options.host !== 'cli' && dbFile !== ':memory:' ? markInUse(dbFile, options.host) : null;
  // Files an older version left world-readable.
  if (dbFile !== ':memory:') for (const f of [`${dbFile}-wal`, `${dbFile}-shm`]) ownerOnlyFile(f);
  // Population lists are read, planned and committed by a worker with its own connection.
  allowImportWorker(database.store, { file: dbFile, key });
  // Backups are copied by a worker with its own connection, too.
  allowBackups(database.store, { file: dbFile, key });
  // And the start-up integrity checks, by a worker of their own (system/startup).
  allowIntegrityChecks(database.store, { file: dbFile, key });
  // A rekey hands the new key to each of them; the main connection goes on with it.
  if (key && keyFromFile && dbFile !== ':memory:')
    allowRekey(database.store, {
      file: dbFile,
      protector,
      onRekeyed: (newKey) => {
        const copy = Buffer.from(newKey);
        allowImportWorker(database.store, { file: dbFile, key: copy });
        allowBackups(database.store, { file: dbFile, key: copy });
        allowIntegrityChecks(database.store, { file: dbFile, key: copy });
      },
    });
  log.info('database opened', {
    file: dbFile,
    encrypted: database.encrypted,
    schemaVersion: database.migration.version,
    migrated: database.migration.applied,
    ms: Math.round(performance.now() - started),
  });

  const events = new EventBus();
  const store = database.store;
  const jobs = new JobGate();
  const exams = new OpenExams();
  const ctx: CoreContext = {
    store,
    log,
    clock,
    events,
    jobs,
    sessions: new SessionStore(clock, () => idleLockMinutes({ store })),
    devices: new DeviceManager(
      { store, clock, events, jobs, exams, log: log.child('devices') },
      options.deviceSystem,
    ),
    exams,
    codes: new CodeLists(options.resourcesDir ?? defaultResourcesDir),
    clinical: {
      growth: new GrowthTables(options.resourcesDir ?? defaultResourcesDir),
      icd10: new Icd10Catalogue(options.resourcesDir ?? defaultResourcesDir),
    },
    host: options.host,
    appVersion: APP_VERSION,
    encrypted: database.encrypted,
    schemaVersion: database.migration.version,
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir ?? defaultResourcesDir,
  };
  const handlers = createHandlers();
  ensureVaccineCatalogue(ctx);

  // Lock idle sessions even when nobody calls in, so an unattended screen goes to the lock view.
  const sweeper = setInterval(() => {
    for (const s of ctx.sessions.sweep()) {
      log.info('session locked after idle time', { user: s.username });
      events.emit('session.changed', { locked: true, signedIn: true });
    }
  }, 15_000);
  sweeper.unref();

  let checkpoints: ReturnType<typeof setInterval> | null = null;
  let stopDueRefresher: (() => void) | null = null;
  let syncScheduler: SyncScheduler | null = null;
  let backupScheduler: BackupScheduler | null = null;
  return {
    ctx,
    events,
    database,
    call: (binding, name, input) => dispatch(ctx, handlers, binding, name, input),
    startServices: () => {
      ctx.devices.start();
      stopDueRefresher ??= startDueRefresher(ctx);
      syncScheduler ??= startSyncScheduler(ctx);
      backupScheduler ??= startBackupScheduler(ctx);
      void ctx.clinical.icd10
        .prepare()
        .catch((e: unknown) => log.warn('ICD-10 index could not be prepared', { error: String(e) }));
      if (checkpoints || dbFile === ':memory:') return;
      // SQLite checkpoints the WAL inside whichever commit crosses its threshold (20–80 ms on a
      // 100,000-resident database); here it happens on a timer, when nothing else is running.
      store.raw.pragma('wal_autocheckpoint = 0');
      checkpoints = setInterval(() => {
        if (ctx.jobs.idle) store.raw.pragma('wal_checkpoint(PASSIVE)');
      }, 30_000);
      checkpoints.unref();
    },
    close: () => {
      stopDueRefresher?.();
      syncScheduler?.stop();
      backupScheduler?.stop();
      if (checkpoints) clearInterval(checkpoints);
      clearInterval(sweeper);
      void ctx.devices.stop();
      database.close();
      releaseInUse?.();
    },
  };
}
