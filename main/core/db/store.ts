import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type CompiledQuery,
  type DatabaseConnection,
} from 'kysely';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Database } from './schema.ts';
import type { SqliteDatabase } from './sqlite.ts';

/**
 * Kysely builds and types our SQL; better-sqlite3 runs it synchronously. Keeping execution
 * synchronous means a transaction is one uninterrupted block of code: no `await` can ever slip
 * another request's writes into it (the hazard of async transactions on a single connection).
 */
class BuildOnlyDriver extends DummyDriver {
  override async acquireConnection(): Promise<DatabaseConnection> {
    throw new Error('Queries run through Store.all/first/run, not Kysely.execute()');
  }
}

export type QueryBuilder = Kysely<Database>;

export function createQueryBuilder(): QueryBuilder {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new BuildOnlyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}

type Query<R> = Compilable<R> | CompiledQuery<R>;
type Statement = BetterSqlite3.Statement<unknown[], unknown>;
export type RunResult = { changes: number; lastInsertRowid: number | bigint };

const STATEMENT_CACHE_SIZE = 400;

export class Store {
  readonly raw: SqliteDatabase;
  readonly qb: QueryBuilder;
  readonly #statements = new Map<string, Statement>();

  constructor(raw: SqliteDatabase, qb: QueryBuilder = createQueryBuilder()) {
    this.raw = raw;
    this.qb = qb;
  }

  /** A cached prepared statement. Hot paths (search, bulk import) use this with hand-written SQL. */
  prepare(sqlText: string): Statement {
    let st = this.#statements.get(sqlText);
    if (st) {
      // Re-insert to keep the map in least-recently-used order.
      this.#statements.delete(sqlText);
    } else {
      st = this.raw.prepare(sqlText);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = this.#statements.keys().next().value;
        if (oldest !== undefined) this.#statements.delete(oldest);
      }
    }
    this.#statements.set(sqlText, st);
    return st;
  }

  all<R>(q: Query<R>): R[] {
    const c = compiled(q);
    return this.prepare(c.sql).all(...(c.parameters as unknown[])) as R[];
  }

  first<R>(q: Query<R>): R | undefined {
    const c = compiled(q);
    return this.prepare(c.sql).get(...(c.parameters as unknown[])) as R | undefined;
  }

  run(q: Query<unknown>): RunResult {
    const c = compiled(q);
    return this.prepare(c.sql).run(...(c.parameters as unknown[]));
  }

  /**
   * Runs `fn` in one write transaction (BEGIN IMMEDIATE, so the write lock is taken up front and
   * another process cannot make us fail half-way with SQLITE_BUSY). Nested calls become savepoints.
   */
  tx<T>(fn: () => T): T {
    return this.raw.transaction(fn).immediate();
  }

  /**
   * One transaction around asynchronous work that yields between chunks (long jobs only; run it
   * through the JobGate so nothing else uses the connection meanwhile). All or nothing.
   */
  async txAcrossYields<T>(fn: () => Promise<T>): Promise<T> {
    this.raw.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn();
      this.raw.exec('COMMIT');
      return result;
    } catch (e) {
      if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
      throw e;
    }
  }
}

function compiled<R>(q: Query<R>): CompiledQuery<R> {
  return 'compile' in q && typeof q.compile === 'function' ? q.compile() : (q as CompiledQuery<R>);
}
