import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../migrations/index.ts';
import {
  MIGRATIONS_DIR,
  STEP_FILE,
  freezeManifest,
  hashSteps,
  manifestProblems,
  migrationHash,
  readManifest,
} from '../../../migrations/manifest.ts';
import { dataTestFile, hasDataTest } from './migrations-testkit.ts';

const names = MIGRATIONS.map((m) => m.name);

describe('landed migrations are frozen (migrations/manifest.json)', () => {
  it('the manifest lists every registered migration, in order, with the hash of its file', () => {
    expect(manifestProblems(readManifest(), names, hashSteps(names))).toEqual([]);
  });

  it('every step file in migrations/ is registered in index.ts, and each is named after its file', () => {
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((f) => STEP_FILE.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(names).toEqual(files);
  });

  it('every migration has its data test (main/core/db/migrations-NNNN.test.ts)', () => {
    const missing = names.filter((n) => !hasDataTest(n)).map((n) => `${n}: ${dataTestFile(n)}`);
    expect(missing).toEqual([]);
  });
});

// The fixtures below judge the landed migrations only, so a step being added right now (registered,
// not yet frozen) fails the check above, not these.
const landedNames = names.filter((n) => n in readManifest());

describe('the manifest check fails when broken', () => {
  // A copy of the migrations folder, to edit as a careless change would.
  const dir = mkdtempSync(join(tmpdir(), 'hssk-migrations-'));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const manifest = readManifest();
  const edit = (name: string, change: (text: string) => string) => {
    const file = join(dir, `${name}.ts`);
    writeFileSync(file, change(readFileSync(join(MIGRATIONS_DIR, `${name}.ts`), 'utf8')));
  };

  it('an edited landed migration, even one word of a comment, is refused with the way forward', () => {
    edit('0006_reading_context', (t) => t.replace('no such memory', 'no memory'));
    const problems = manifestProblems(manifest, landedNames, hashSteps(landedNames, dir));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^0006_reading_context: .* changed after it landed/);
    expect(problems[0]).toMatch(/fix forward with a new migration/);
    edit('0006_reading_context', (t) => t);
  });

  it('an edited SQL statement is refused', () => {
    edit('0004_devices', (t) => t.replace("'scale-height'", "'scale-height', 'thermometer'"));
    expect(manifestProblems(manifest, landedNames, hashSteps(landedNames, dir))).toEqual([
      expect.stringMatching(/^0004_devices: .* changed after it landed/),
    ]);
    edit('0004_devices', (t) => t);
  });

  it('the same file checked out with CRLF line endings (Windows autocrlf) is the same migration', () => {
    edit('0003_record', (t) => t.replace(/\n/g, '\r\n'));
    expect(manifestProblems(manifest, landedNames, hashSteps(landedNames, dir))).toEqual([]);
    expect(migrationHash('a\r\nb\rc\n')).toBe(migrationHash('a\nb\nc\n'));
    edit('0003_record', (t) => t);
  });

  it('a registered migration with no entry is refused, naming the command and the line it adds', () => {
    const { ['0008_immunization_due']: _last, ...without } = manifest;
    const hash = hashSteps(['0008_immunization_due']).get('0008_immunization_due');
    expect(manifestProblems(without, landedNames, hashSteps(landedNames))).toEqual([
      `0008_immunization_due: registered but not in migrations/manifest.json — run \`npm run migrations:freeze\` ` +
        `(it adds "0008_immunization_due": "${hash}")`,
    ]);
  });

  it('an entry for a migration that is not registered (removed, or renamed) is refused', () => {
    const problems = manifestProblems(
      manifest,
      landedNames.filter((n) => n !== '0008_immunization_due'),
      hashSteps(landedNames),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^0008_immunization_due: in migrations\/manifest.json but not registered/),
    ]);
  });

  it('a registered migration whose file is missing is refused', () => {
    const problems = manifestProblems(
      manifest,
      [...landedNames, '0099_nowhere'],
      hashSteps([...landedNames, '0099_nowhere']),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^0099_nowhere: registered .* no file migrations\/0099_nowhere.ts/),
    ]);
  });
});

describe('npm run migrations:freeze', () => {
  const hashes = hashSteps(landedNames);
  const next = [...landedNames, '0099_next_step'];
  const withNext = new Map([...hashes, ['0099_next_step', 'a'.repeat(64)]]);
  const landed = readManifest();

  it('adds the new migration after the landed ones and leaves them as they are', () => {
    const r = freezeManifest(landed, next, withNext, landed);
    expect(r.problems).toEqual([]);
    expect(r.added).toEqual(['0099_next_step']);
    expect(Object.entries(r.manifest)).toEqual([
      ...Object.entries(landed),
      ['0099_next_step', 'a'.repeat(64)],
    ]);
  });

  it('follows a migration not yet committed as it is reworked', () => {
    const draft = { ...landed, '0099_next_step': 'a'.repeat(64) };
    const r = freezeManifest(draft, next, new Map([...hashes, ['0099_next_step', 'b'.repeat(64)]]), landed);
    expect(r.problems).toEqual([]);
    expect(r.updated).toEqual(['0099_next_step']);
    expect(r.manifest['0099_next_step']).toBe('b'.repeat(64));
  });

  it('never re-freezes a committed migration that changed', () => {
    const changed = new Map([...hashes, ['0005_query_indexes', 'c'.repeat(64)]]);
    const r = freezeManifest(landed, landedNames, changed, landed);
    expect(r.problems).toEqual([expect.stringMatching(/^0005_query_indexes: changed after it landed/)]);
    // Without git to ask, every entry already in the manifest counts as landed.
    expect(freezeManifest(landed, landedNames, changed, null).problems).toHaveLength(1);
  });
});
