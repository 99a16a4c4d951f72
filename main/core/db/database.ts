import { MIGRATIONS } from '../../../migrations/index.ts';
import type { Logger } from '../log.ts';
import { appliedMigrations, migrate, type MigrationResult } from './migrate.ts';
import { openSqlite, type OpenSqliteOptions, type SqliteDatabase } from './sqlite.ts';
import { Store } from './store.ts';

export interface DatabaseHandle {
  readonly file: string;
  readonly encrypted: boolean;
  readonly store: Store;
  readonly migration: MigrationResult;
  close(): void;
}

/** Opens, migrates and wraps the station database. Every host goes through here. */
export function openDatabase(
  options: OpenSqliteOptions & {
    log?: Logger;
    /**
     * Called before migrating a database that already has steps applied and has some to run (not
     * on a new database, nor on one newer than the code, which is refused): the pre-migration backup.
     */
    beforeMigrate?: (sqlite: SqliteDatabase, pending: readonly string[]) => void;
  },
): DatabaseHandle {
  const sqlite = openSqlite(options);
  let migration: MigrationResult;
  try {
    if (options.beforeMigrate) {
      const applied = new Set(appliedMigrations(sqlite));
      const known = new Set(MIGRATIONS.map((m) => m.name));
      const pending = MIGRATIONS.map((m) => m.name).filter((n) => !applied.has(n));
      if (applied.size > 0 && pending.length > 0 && [...applied].every((n) => known.has(n)))
        options.beforeMigrate(sqlite, pending);
    }
    migration = migrate(sqlite, MIGRATIONS, { log: options.log });
  } catch (e) {
    sqlite.close();
    throw e;
  }
  const store = new Store(sqlite);
  return {
    file: options.file,
    encrypted: Boolean(options.key),
    store,
    migration,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
