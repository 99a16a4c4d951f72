/** The data folder and its files are the station account's alone (issue 12, defect 11). */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log.ts';
import { makeTestCore, TEST_ADMIN, TEST_STATION, type TestCore } from '../../../test/helpers/core.ts';

const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
let root: string;
let t: TestCore | undefined;
afterEach(() => {
  t?.close();
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('file permissions', () => {
  it('creates the data folder 0700 and the database, WAL, key and logs 0600', async () => {
    root = mkdtempSync(join(tmpdir(), 'hssk-modes-'));
    const dataDir = join(root, 'data');
    // A folder the core creates itself (mkdtemp would already make it 0700), with the real logger.
    t = makeTestCore({ dataDir, log: createLogger({ dir: join(dataDir, 'logs') }) });
    await t.ok('station.setup', { station: TEST_STATION, admin: TEST_ADMIN });
    expect(mode(dataDir)).toBe('700');
    expect(mode(join(dataDir, 'logs'))).toBe('700');
    const files = [
      join(dataDir, 'hssk.db'),
      join(dataDir, 'hssk.db-wal'),
      join(dataDir, 'hssk.db.key'),
      ...readdirSync(join(dataDir, 'logs')).map((f) => join(dataDir, 'logs', f)),
    ];
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) expect([f, existsSync(f) && mode(f)]).toEqual([f, '600']);
  });
});
