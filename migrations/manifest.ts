import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The record of landed migrations: `manifest.json` maps each step's name to the sha256 of its file.
 * A landed step never changes again (a station that ran it keeps what it did; fix forward with a
 * new step), so a file whose hash no longer matches is a mistake the tests refuse. Used by
 * main/core/db/migrations-manifest.test.ts and by `npm run migrations:freeze` (freeze.ts). Dev
 * tooling only: the app never reads it (the bundled app has no migration files to hash).
 */
export type Manifest = Record<string, string>;

export const MIGRATIONS_DIR = import.meta.dirname;
export const MANIFEST_FILE = join(MIGRATIONS_DIR, 'manifest.json');

/** A step's file: `NNNN_words.ts`, named after the step (`export const name = 'NNNN_words'`). */
export const STEP_FILE = /^(\d{4})_[a-z0-9_]+\.ts$/;

/**
 * sha256 of a migration file with line endings normalised (CRLF and lone CR become LF), so a
 * checkout on Windows with `core.autocrlf` hashes the same as one on Linux. Every other byte counts:
 * a comment or a space changed is a changed migration.
 */
export function migrationHash(bytes: Buffer | string): string {
  const text = (typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('latin1');
  return createHash('sha256')
    .update(Buffer.from(text.replace(/\r\n?/g, '\n'), 'latin1'))
    .digest('hex');
}

/** The hash of each named step's file in `dir` (`<name>.ts`), null where there is no such file. */
export function hashSteps(names: readonly string[], dir = MIGRATIONS_DIR): Map<string, string | null> {
  return new Map(
    names.map((n) => {
      const file = join(dir, `${n}.ts`);
      return [n, existsSync(file) ? migrationHash(readFileSync(file)) : null];
    }),
  );
}

export function readManifest(file = MANIFEST_FILE): Manifest {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Manifest) : {};
}

/** As prettier leaves it: two-space JSON, one entry a line, a final newline. */
export function renderManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The line `manifest.json` needs for a step, printed when it is missing. */
export const manifestLine = (name: string, hash: string): string => `"${name}": "${hash}"`;

/**
 * Everything wrong between the manifest, the registered steps (in order) and their files: a landed
 * step whose file changed, a registered step with no entry, an entry for a step not registered,
 * entries out of registration order. Empty when all is well.
 */
export function manifestProblems(
  manifest: Manifest,
  registered: readonly string[],
  hashes: ReadonlyMap<string, string | null>,
): string[] {
  const problems: string[] = [];
  for (const name of registered) {
    const hash = hashes.get(name) ?? null;
    const landed = manifest[name];
    if (hash === null) {
      problems.push(`${name}: registered in migrations/index.ts but there is no file migrations/${name}.ts`);
    } else if (landed === undefined) {
      problems.push(
        `${name}: registered but not in migrations/manifest.json — run \`npm run migrations:freeze\` ` +
          `(it adds ${manifestLine(name, hash)})`,
      );
    } else if (landed !== hash) {
      problems.push(
        `${name}: migrations/${name}.ts changed after it landed (manifest ${landed.slice(0, 12)}…, ` +
          `file ${hash.slice(0, 12)}…). Landed migrations never change: restore the file ` +
          `(git checkout -- migrations/${name}.ts) and fix forward with a new migration.`,
      );
    }
  }
  for (const name of Object.keys(manifest)) {
    if (!registered.includes(name)) {
      problems.push(
        `${name}: in migrations/manifest.json but not registered in migrations/index.ts ` +
          `(a landed migration is never removed: stations have run it)`,
      );
    }
  }
  const listed = Object.keys(manifest).filter((n) => registered.includes(n));
  const expected = registered.filter((n) => n in manifest);
  if (listed.join() !== expected.join()) {
    problems.push(`migrations/manifest.json lists steps out of order: ${listed.join(', ')}`);
  }
  return problems;
}

export interface FreezeResult {
  manifest: Manifest;
  /** Steps given their first entry. */
  added: string[];
  /** Steps not yet committed whose entry was brought up to date (a draft may still change). */
  updated: string[];
  /** Why nothing was written. */
  problems: string[];
}

/**
 * What `npm run migrations:freeze` writes: an entry for every registered step that has none, in
 * registration order. An entry already committed (in HEAD's manifest: the step has landed) is never
 * changed; one added since the last commit follows its file, so a migration can be reworked until
 * it is committed. `committed` null (no git to ask) treats every existing entry as landed.
 */
export function freezeManifest(
  current: Manifest,
  registered: readonly string[],
  hashes: ReadonlyMap<string, string | null>,
  committed: Manifest | null,
): FreezeResult {
  const landed = committed ?? current;
  const manifest: Manifest = {};
  const added: string[] = [];
  const updated: string[] = [];
  const problems: string[] = [];
  for (const name of registered) {
    const hash = hashes.get(name) ?? null;
    if (hash === null) {
      problems.push(`${name}: registered but there is no file migrations/${name}.ts`);
      continue;
    }
    if (name in landed && landed[name] !== hash) {
      problems.push(
        `${name}: changed after it landed — restore it (git checkout -- migrations/${name}.ts) and fix forward with a new migration`,
      );
      continue;
    }
    if (current[name] === undefined) added.push(name);
    else if (current[name] !== hash) updated.push(name);
    manifest[name] = hash;
  }
  for (const name of Object.keys(current)) {
    if (!registered.includes(name)) problems.push(`${name}: in the manifest but not registered`);
  }
  return { manifest, added, updated, problems };
}
