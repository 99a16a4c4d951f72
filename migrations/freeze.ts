/**
 * `npm run migrations:freeze`: records each newly registered migration in manifest.json (name →
 * sha256 of its file). Run it after registering a step in index.ts, and again while reworking a
 * step that is not yet committed; a committed step is landed and is never re-frozen (see README.md).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { MIGRATIONS } from './index.ts';
import {
  MANIFEST_FILE,
  MIGRATIONS_DIR,
  freezeManifest,
  hashSteps,
  manifestLine,
  readManifest,
  renderManifest,
  type Manifest,
} from './manifest.ts';

/** The manifest as last committed; {} when it was never committed; null when git cannot say. */
function committedManifest(): Manifest | null {
  try {
    const text = execFileSync('git', ['show', 'HEAD:./manifest.json'], {
      cwd: MIGRATIONS_DIR,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return JSON.parse(text) as Manifest;
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? '');
    return /does not exist|exists on disk, but not in/.test(stderr) ? {} : null;
  }
}

const names = MIGRATIONS.map((m) => m.name);
const hashes = hashSteps(names);
const result = freezeManifest(readManifest(), names, hashes, committedManifest());

if (result.problems.length > 0) {
  console.error('manifest.json not written:');
  for (const p of result.problems) console.error(`  ${p}`);
  process.exit(1);
}
writeFileSync(MANIFEST_FILE, renderManifest(result.manifest));
for (const n of result.added) console.log(`added    ${manifestLine(n, result.manifest[n])}`);
for (const n of result.updated)
  console.log(`updated  ${manifestLine(n, result.manifest[n])} (not yet committed)`);
if (result.added.length + result.updated.length === 0) {
  console.log(`manifest.json is up to date (${names.length} migrations)`);
}
