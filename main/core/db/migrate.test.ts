import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../migrations/index.ts';
import { AppError } from '../errors.ts';
import { appliedMigrations, migrate, type Migration } from './migrate.ts';
import { openSqlite } from './sqlite.ts';

const fresh = () => openSqlite({ file: ':memory:' });

describe('migrations', () => {
  it('run every registered step on an empty database, in order, once', () => {
    const db = fresh();
    const first = migrate(db, MIGRATIONS);
    expect(first.applied).toEqual(MIGRATIONS.map((m) => m.name));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(appliedMigrations(db)).toEqual(MIGRATIONS.map((m) => m.name));
    // A second run is a no-op.
    expect(migrate(db, MIGRATIONS).applied).toEqual([]);
    // Foreign keys hold after migrating (a later step must never leave them off).
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuse a database written by a newer version of the app', () => {
    const db = fresh();
    migrate(db, MIGRATIONS);
    db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(
      '9999_from_the_future',
      new Date().toISOString(),
    );
    let error: unknown;
    try {
      migrate(db, MIGRATIONS);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DB_TOO_NEW');
    expect((error as AppError).userMessage).toMatch(/phiên bản mới hơn/);
  });

  it('roll a failing step back completely, keeping the steps before it', () => {
    const db = fresh();
    const broken: Migration = {
      name: '0900_broken',
      up: (d) => {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        d.exec('INSERT INTO no_such_table VALUES (1)');
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow(/no_such_table/);
    expect(appliedMigrations(db)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'half_done'`).pluck().get()).toBe(0);
  });
});
