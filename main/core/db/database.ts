import { MIGRATIONS } from '../../../migrations/index.ts';
import type { Logger } from '../log.ts';
import { migrate, type MigrationResult } from './migrate.ts';
import { openSqlite, type OpenSqliteOptions } from './sqlite.ts';
import { Store } from './store.ts';

export interface DatabaseHandle {
  readonly file: string;
  readonly encrypted: boolean;
  readonly store: Store;
  readonly migration: MigrationResult;
  close(): void;
}

/** Opens, migrates and wraps the station database. Every host goes through here. */
export function openDatabase(options: OpenSqliteOptions & { log?: Logger }): DatabaseHandle {
  const sqlite = openSqlite(options);
  let migration: MigrationResult;
  try {
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
