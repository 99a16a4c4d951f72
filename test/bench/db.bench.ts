import { MIGRATIONS } from '../../migrations/index.ts';
import { openDatabase } from '../../main/core/db/database.ts';
import { migrate } from '../../main/core/db/migrate.ts';
import { openSqlite } from '../../main/core/db/sqlite.ts';
import { keyFileFor } from '../../main/core/paths.ts';
import { plainProtector, readKeyFile } from '../../main/core/db/keystore.ts';
import { communeFixture } from './fixture.ts';
import { emit, measure, withRatio } from './harness.ts';

/** Opening and migrating the station database, on a 100,000-resident commune. */
export async function dbBenches(persons: number): Promise<void> {
  const encrypted = await communeFixture(persons, { encrypted: true });
  const plain = await communeFixture(persons, { encrypted: false });
  const key = readKeyFile(keyFileFor(encrypted), plainProtector);

  // Open = open the file, key it, set the pragmas, check the schema is current, read one row.
  const openOnce = (file: string, k: Buffer | null) => {
    const h = openDatabase({ file, key: k });
    h.store.raw.prepare('SELECT count(*) FROM persons WHERE rowid < 10').get();
    h.close();
  };
  const baseline = await measure('db.open.plaintext', persons, () => openOnce(plain, null), { runs: 30 });
  emit(baseline);
  emit(
    withRatio(
      await measure('db.open', persons, () => openOnce(encrypted, key), {
        runs: 30,
        extra: { encrypted: true },
      }),
      baseline,
    ),
  );

  // Migrate on an up-to-date station database: what every start-up pays.
  const db = openSqlite({ file: encrypted, key });
  emit(
    await measure('db.migrate', persons, () => migrate(db, MIGRATIONS), {
      runs: 50,
      extra: { migrations: MIGRATIONS.length },
    }),
  );
  db.close();

  // Migrate a brand-new database through every step: what the first run pays.
  emit(
    await measure(
      'db.migrate.fresh',
      MIGRATIONS.length,
      () => {
        const d = openSqlite({ file: ':memory:' });
        migrate(d, MIGRATIONS);
        d.close();
      },
      { runs: 30 },
    ),
  );
}
