/**
 * The command line beside the running app, with real child processes (issue 12, defect 9): an
 * import refuses politely while the app holds the database, and the app retries a save while
 * another process holds the write lock instead of failing it after 5 s.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceRoot } from '../../core/paths.ts';
import { inUseFileFor } from '../../core/security/db-in-use.ts';
import { makeSignedInCore, type TestCore } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';

let t: TestCore | undefined;
afterEach(() => t?.close());

const hssk = join(sourceRoot, 'main/hosts/cli/hssk.ts');
const persons = () => t!.core.ctx.store.raw.prepare('SELECT count(*) FROM persons').pluck().get() as number;

describe('hssk import beside the running app', () => {
  it('refuses while the app holds the database, saying what to do, and runs once the app has closed', async () => {
    t = await makeSignedInCore({ host: 'loopback' });
    const db = join(t.dir, 'hssk.db');
    expect(existsSync(inUseFileFor(db))).toBe(true);
    const list = join(t.dir, 'ds.csv');
    writeFileSync(list, '\uFEFFHọ và tên,Ngày sinh,Giới tính\r\nHà Văn Tuấn,04/04/1974,Nam\r\n');
    const before = persons();
    const refused = spawnSync(process.execPath, [hssk, 'import', 'persons', list, '--db', db], {
      encoding: 'utf8',
      env: { ...process.env, HSSK_DB_KEY: '' },
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/app \(process \d+, loopback\) has this database open/);
    expect(refused.stderr).toMatch(/Nhập danh sách ngay trong ứng dụng|nhập danh sách ngay trong ứng dụng/);
    expect(persons()).toBe(before);

    t.core.close();
    expect(existsSync(inUseFileFor(db))).toBe(false);
    const ran = spawnSync(process.execPath, [hssk, 'import', 'persons', list, '--db', db, '--json'], {
      encoding: 'utf8',
      env: { ...process.env, HSSK_DB_KEY: '' },
    });
    expect(ran.status).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ created: 1 });
    rmSync(t.dir, { recursive: true, force: true });
    t = undefined;
  });
});

describe('the app while another process holds the write lock', () => {
  it('retries a save past the 5 s busy timeout instead of failing it', async () => {
    t = await makeSignedInCore();
    const db = join(t.dir, 'hssk.db');
    // A real second process takes the write lock and keeps it 7 s, as a long CLI import does.
    const script = join(mkdtempSync(join(tmpdir(), 'hssk-lock-')), 'hold.ts');
    writeFileSync(
      script,
      `import { openSqlite } from ${JSON.stringify(join(sourceRoot, 'main/core/db/sqlite.ts'))};
import { plainProtector, readKeyFile } from ${JSON.stringify(join(sourceRoot, 'main/core/db/keystore.ts'))};
const db = openSqlite({ file: ${JSON.stringify(db)}, key: readKeyFile(${JSON.stringify(`${db}.key`)}, plainProtector) });
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
setTimeout(() => { db.exec('COMMIT'); db.close(); }, 7000);
`,
    );
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => String(d).includes('locked') && resolve()),
    );
    const before = persons();
    const saved = await t.call('persons.create', { person: personInput() });
    expect(saved.ok).toBe(true);
    expect(persons()).toBe(before + 1);
    expect(t.logs.some((l) => l.msg === 'database busy: retrying')).toBe(true);
    await exited;
  }, 60_000);
});
