import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createCore } from '../../main/core/app.ts';
import { silentLogger } from '../../main/core/log.ts';
import { keyFileFor, sourceRoot } from '../../main/core/paths.ts';
import { seedStation } from '../../main/core/seed/seed-station.ts';
import { note } from './harness.ts';

/** Anything that changes what the seed writes invalidates cached fixtures. */
function seedVersion(): string {
  const h = createHash('sha256');
  for (const dir of ['main/core/seed', 'migrations']) {
    for (const f of readdirSync(join(sourceRoot, dir))
      .filter((x) => x.endsWith('.ts') && !x.endsWith('.test.ts'))
      .sort()) {
      h.update(readFileSync(join(sourceRoot, dir, f)));
    }
  }
  // The vaccine catalogue decides the due rows the seed stores (and a changed one expires them all
  // when the fixture is opened, which the first measured open would then pay for).
  h.update(readFileSync(join(sourceRoot, 'main/core/record/rules/vaccines.ts')));
  return h.digest('hex').slice(0, 12);
}

/** A seeded commune database, generated once and cached under test/artifacts/bench. */
export async function communeFixture(persons: number, options: { encrypted: boolean }): Promise<string> {
  const file = join(
    sourceRoot,
    'test',
    'artifacts',
    'bench',
    `commune-${persons}-${options.encrypted ? 'enc' : 'plain'}-${seedVersion()}.db`,
  );
  if (existsSync(file)) return file;
  mkdirSync(dirname(file), { recursive: true });
  for (const f of [file, `${file}-wal`, `${file}-shm`, keyFileFor(file)]) rmSync(f, { force: true });
  note(`generating ${file} (${persons} residents)…`);
  const started = performance.now();
  const core = createCore({
    host: 'cli',
    dataDir: dirname(file),
    dbFile: `${file}.tmp`,
    encryptNew: options.encrypted,
    log: silentLogger,
  });
  try {
    await seedStation(core.ctx, { persons });
    core.ctx.store.raw.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    core.close();
  }
  const { renameSync } = await import('node:fs');
  renameSync(`${file}.tmp`, file);
  if (existsSync(keyFileFor(`${file}.tmp`))) renameSync(keyFileFor(`${file}.tmp`), keyFileFor(file));
  note(`  done in ${Math.round(performance.now() - started)} ms`);
  return file;
}
