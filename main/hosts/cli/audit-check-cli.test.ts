/**
 * `hssk audit verify` names the first entry that was altered or deleted (a deleted tail too), as
 * text and as JSON, with `hssk db verify-audit` kept as the older name; `hssk check` runs the
 * start-up checks and fails on a database the app cannot open.
 */
import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainProtector, readKeyFile } from '../../core/db/keystore.ts';
import { openSqlite } from '../../core/db/sqlite.ts';
import { keyFileFor } from '../../core/paths.ts';
import type { CliIo } from './io.ts';
import { runCli } from './main.ts';

function capture(cwd: string): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), env: {}, cwd };
}

let dir = '';
let db = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hssk-audit-cli-'));
  db = join(dir, 'station.db');
  expect(await runCli(['seed', '--persons', '30', '--out', db], capture(dir))).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sql = (statement: string) => {
  const conn = openSqlite({ file: db, key: readKeyFile(keyFileFor(db), plainProtector), mustExist: true });
  try {
    return conn.exec(statement);
  } finally {
    conn.close();
  }
};

describe('hssk audit verify', () => {
  it('passes an intact trail, then names the first deleted and the first altered entry exactly', async () => {
    const intact = capture(dir);
    expect(await runCli(['audit', 'verify', '--db', db], intact)).toBe(0);
    expect(intact.stdout.join('\n')).toMatch(/^Audit trail intact: \d+ entries checked/);

    // Someone with the key and an SQL shell drops the append-only guards and removes entry 5.
    sql('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    sql('DELETE FROM audit_log WHERE seq = 5');
    const gap = capture(dir);
    expect(await runCli(['audit', 'verify', '--db', db], gap)).toBe(1);
    expect(gap.stderr[0]).toBe(
      'Audit trail BROKEN: entry #5 is missing — it and possibly later entries were deleted.',
    );
    expect(gap.stderr[1]).toBe('4 entries before it verify.');
    const json = capture(dir);
    expect(await runCli(['audit', 'verify', '--db', db, '--json'], json)).toBe(1);
    expect(JSON.parse(json.stdout[0])).toMatchObject({ ok: false, firstBrokenSeq: 5, problem: 'missing' });
    // The old name answers the same.
    const old = capture(dir);
    expect(await runCli(['db', 'verify-audit', '--db', db, '--json'], old)).toBe(1);
    expect(JSON.parse(old.stdout[0])).toMatchObject({ firstBrokenSeq: 5, problem: 'missing' });

    // An earlier entry edited: that one is the first broken, named with its time and action.
    sql(`UPDATE audit_log SET details = '{"edited":true}' WHERE seq = 3`);
    const altered = capture(dir);
    expect(await runCli(['audit', 'verify', '--db', db, '--json'], altered)).toBe(1);
    const verdict = JSON.parse(altered.stdout[0]) as { firstBrokenSeq: number; entry: { seq: number } };
    expect(verdict).toMatchObject({ firstBrokenSeq: 3, problem: 'altered', entry: { seq: 3 } });
    const text = capture(dir);
    await runCli(['audit', 'verify', '--db', db], text);
    expect(text.stderr[0]).toMatch(/^Audit trail BROKEN: entry #3 \(\d{4}-\d\d-\d\dT[^,]+, [a-z.]+/);
  });

  it('says so when there is no database, creating none', async () => {
    const io = capture(dir);
    expect(await runCli(['audit', 'verify', '--db', join(dir, 'none.db')], io)).toBe(1);
    expect(io.stderr[0]).toMatch(/No database at .*none\.db: nothing to verify/);
  });
});

describe('hssk check', () => {
  it('runs the start-up checks, and fails with the screen’s words when the key is missing', async () => {
    const fresh = join(dir, 'fresh.db');
    expect(await runCli(['seed', '--persons', '5', '--out', fresh], capture(dir))).toBe(0);
    const ok = capture(dir);
    expect(await runCli(['check', '--db', fresh, '--full'], ok)).toBe(0);
    expect(ok.stdout.join('\n')).toMatch(/^ok {3}Dữ liệu toàn vẹn/m);
    expect(ok.stdout.join('\n')).toMatch(/^ok {3}Ổ đĩa còn trống/m);

    unlinkSync(keyFileFor(fresh));
    const blocked = capture(dir);
    expect(await runCli(['check', '--db', fresh], blocked)).toBe(1);
    const out = blocked.stdout.join('\n');
    expect(out).toMatch(/^FAIL Không tìm thấy khóa mã hóa của cơ sở dữ liệu/m);
    expect(out).toContain('Cần làm: Mở bằng khóa khôi phục');
    expect(out).toContain(keyFileFor(fresh));
  });
});
