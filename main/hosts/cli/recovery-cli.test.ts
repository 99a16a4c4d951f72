/**
 * The recovery key opens the station's database on "another PC" — another data folder with no key
 * file from this one's keystore — and nothing else does; a typo is caught by its checksum.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { makeSignedInCore, openCoreAt } from '../../../test/helpers/core.ts';
import { personInput } from '../../../test/helpers/persons.ts';
import { runCli } from './main.ts';
import type { CliIo } from './io.ts';
import { plainProtector, readKeyFile } from '../../core/db/keystore.ts';
import { keyFileFor } from '../../core/paths.ts';
import type { AppError } from '../../core/errors.ts';
import { decodeRecoveryKey, encodeRecoveryKey } from '../../core/db/recovery-key.ts';

function capture(cwd: string): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), env: {}, cwd };
}

function refusal(text: string): string {
  try {
    decodeRecoveryKey(text);
    return 'accepted';
  } catch (e) {
    return (e as AppError).userMessage;
  }
}

it('writes the key in groups of five with a checksum that catches a typo, and reads back O/I/L typed by mistake', () => {
  const key = randomBytes(32);
  const code = encodeRecoveryKey(key);
  expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){10}[0-9A-HJKMNP-TV-Z]{5}$/);
  expect(decodeRecoveryKey(code).equals(key)).toBe(true);
  expect(
    decodeRecoveryKey(
      code.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l'),
    ).equals(key),
  ).toBe(true);
  // Any one character changed is caught before the key is tried on anything.
  for (const at of [0, 17, 40, 62]) {
    if (code[at] === '-') continue;
    const typo = code.slice(0, at) + (code[at] === 'A' ? 'B' : 'A') + code.slice(at + 1);
    expect(refusal(typo)).toMatch(/Mã khôi phục không đúng/);
  }
  expect(refusal(code.slice(0, -2))).toMatch(/Mã khôi phục không đúng/);
});

it('opens a copied database in another data folder without its key file with the recovery key, and not without it', async () => {
  const t = await makeSignedInCore();
  const elsewhere = mkdtempSync(join(tmpdir(), 'hssk-other-pc-'));
  try {
    await t.ok('persons.create', {
      person: personInput({ fullName: 'Vũ Thị Khôi Phục' }),
      confirmSimilar: true,
    });
    const shown = capture(t.dir);
    expect(await runCli(['db', 'recovery-key', '--data', t.dir, '--json'], shown)).toBe(0);
    const { recoveryKey } = JSON.parse(shown.stdout[0] ?? '{}') as { recoveryKey: string };
    expect(
      decodeRecoveryKey(recoveryKey).equals(readKeyFile(keyFileFor(t.core.database.file), plainProtector)),
    ).toBe(true);
    t.core.close();
    // "Another PC": the database file alone (the keystore's copy of its key did not come along).
    const db = join(elsewhere, 'hssk.db');
    copyFileSync(t.core.database.file, db);
    expect(() => openCoreAt(elsewhere, { encryptNew: false })).toThrow(/key/i);
    // Another station's recovery key does not open it, and writes nothing.
    const wrong = capture(elsewhere);
    expect(
      await runCli(
        ['db', 'recover', '--data', elsewhere, '--key', encodeRecoveryKey(randomBytes(32))],
        wrong,
      ),
    ).toBe(1);
    expect(wrong.stderr.join('\n')).toMatch(/không mở được cơ sở dữ liệu này/);
    expect(existsSync(keyFileFor(db))).toBe(false);

    const ok = capture(elsewhere);
    expect(await runCli(['db', 'recover', '--data', elsewhere, '--key', recoveryKey], ok)).toBe(0);
    const core = openCoreAt(elsewhere);
    try {
      expect(core.ctx.store.raw.prepare('SELECT full_name FROM persons').pluck().all()).toEqual([
        'Vũ Thị Khôi Phục',
      ]);
    } finally {
      core.close();
    }
    expect(await runCli(['db', 'verify-audit', '--data', elsewhere], capture(elsewhere))).toBe(0);
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
    t.close();
  }
});

it('hssk db rekey --yes prints the new recovery key once, says the old one no longer works, and the trail still verifies', async () => {
  const t = await makeSignedInCore();
  try {
    const dbFile = t.core.database.file;
    t.core.close();
    const oldKey = readKeyFile(keyFileFor(dbFile), plainProtector);
    const asked = capture(t.dir);
    // Without --yes nothing changes.
    expect(await runCli(['db', 'rekey', '--data', t.dir], asked)).not.toBe(0);
    expect(readKeyFile(keyFileFor(dbFile), plainProtector).equals(oldKey)).toBe(true);

    const done = capture(t.dir);
    expect(await runCli(['db', 'rekey', '--yes', '--data', t.dir], done)).toBe(0);
    const printed = done.stdout.join('\n');
    const code = /([0-9A-Z]{5}(?:-[0-9A-Z]{5}){10})/.exec(printed)?.[1] ?? '';
    const newKey = readKeyFile(keyFileFor(dbFile), plainProtector);
    expect(newKey.equals(oldKey)).toBe(false);
    expect(decodeRecoveryKey(code).equals(newKey)).toBe(true);
    expect(printed).toContain('The OLD recovery key no longer opens this database');
    expect(printed).toContain('Mã khôi phục CŨ không còn mở được cơ sở dữ liệu này');
    const verify = capture(t.dir);
    expect(await runCli(['db', 'verify-audit', '--data', t.dir], verify)).toBe(0);
    // The rekey is on the trail, by the CLI operator.
    const core = openCoreAt(t.dir);
    try {
      expect(
        core.ctx.store.raw.prepare(`SELECT username FROM audit_log WHERE action = 'db.rekey'`).pluck().all(),
      ).toEqual([expect.stringMatching(/^cli:/)]);
    } finally {
      core.close();
    }
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});
