/** The data folder and its files are the station account's alone (issue 12, defect 11). */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../app.ts';
import { memoryBinding, TEST_ADMIN, TEST_STATION } from '../../../test/helpers/core.ts';

const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
let root: string;
let core: Core | undefined;
afterEach(() => {
  core?.close();
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('file permissions', () => {
  it('creates the data folder 0700 and the database, WAL, key and logs 0600', async () => {
    root = mkdtempSync(join(tmpdir(), 'hssk-modes-'));
    const dataDir = join(root, 'data');
    core = createCore({ host: 'cli', dataDir });
    const r = await core.call(memoryBinding(), 'station.setup', { station: TEST_STATION, admin: TEST_ADMIN });
    expect(r.ok).toBe(true);
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
