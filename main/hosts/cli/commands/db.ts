import { existsSync } from 'node:fs';
import { createCore } from '../../../core/app.ts';
import { resolveDatabaseKey } from '../../../core/db/key.ts';
import { plainProtector } from '../../../core/db/keystore.ts';
import { recoverDatabaseKey } from '../../../core/db/recover.ts';
import { encodeRecoveryKey } from '../../../core/db/recovery-key.ts';
import { createLogger } from '../../../core/log.ts';
import { appHolding } from '../../../core/security/db-in-use.ts';
import { UsageError, type CliCommand, type CliIo } from '../io.ts';
import { asOperator } from '../operator.ts';
import { parse, storageFrom } from '../options.ts';

const OPERATIONS = ['system.status', 'audit.verify', 'backup.rekey'] as const;

function print(result: Record<string, unknown>, json: boolean, io: CliIo): void {
  if (json) io.out(JSON.stringify(result));
  else
    for (const [k, v] of Object.entries(result))
      io.out(`${k}: ${Array.isArray(v) ? v.join(', ') || '—' : String(v ?? '—')}`);
}

export const dbCommand: CliCommand = {
  name: 'db',
  summary: 'database information, migration and audit-trail check',
  usage:
    'hssk db (info | migrate | verify-audit | recovery-key | recover --key KEY | rekey --yes) [--data DIR] [--db FILE] [--json]',
  operations: OPERATIONS,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      data: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
      key: { type: 'string' },
      yes: { type: 'boolean' },
    });
    const action = positionals[0];
    if (!['info', 'migrate', 'verify-audit', 'recovery-key', 'recover', 'rekey'].includes(action ?? ''))
      throw new UsageError('expected info, migrate, verify-audit, recovery-key, recover or rekey');
    const storage = { ...storageFrom(values, io), encryptNew: true };
    const json = values.json ?? false;

    // The recovery key (core/db/recovery-key.ts): shown for the printed sheet, or used on a
    // replacement PC where the key file is gone. Both act on the key, not on the station's data.
    if (action === 'recovery-key' || action === 'recover') {
      if (!existsSync(storage.dbFile)) {
        io.err(`No database at ${storage.dbFile}.`);
        return 1;
      }
      if (action === 'recover') {
        if (!values.key)
          throw new UsageError('recover needs --key with the recovery key from the printed sheet');
        const r = recoverDatabaseKey(storage.dbFile, values.key, plainProtector);
        io.out(`The recovery key opens ${storage.dbFile}; its key is saved in ${r.keyFile}.`);
        if (r.setAside) io.out(`The old, unreadable key file was kept as ${r.setAside}.`);
        return 0;
      }
      const key = resolveDatabaseKey(storage.dbFile, plainProtector, { encryptNew: false, env: io.env });
      if (!key) {
        io.err('This database is not encrypted: it has no recovery key.');
        return 1;
      }
      const code = encodeRecoveryKey(key);
      key.fill(0);
      if (json) io.out(JSON.stringify({ recoveryKey: code }));
      else {
        io.out('Recovery key (Mã khôi phục) — print it, keep it locked away, never store it on this PC:');
        io.out(`  ${code}`);
      }
      return 0;
    }

    if (action === 'rekey') return rekey(storage, values.yes ?? false, json, io);

    if (action === 'migrate') {
      // Opening the database migrates it: the schema is brought up to date before any session,
      // operator's included, can exist, so this calls the core directly and reads no data.
      const core = createCore({ host: 'cli', ...storage, log: createLogger({ dir: storage.logDir }) });
      try {
        const d = core.database;
        print(
          {
            file: d.file,
            encrypted: d.encrypted,
            schemaVersion: d.migration.version,
            migrated: d.migration.applied,
          },
          json,
          io,
        );
        return 0;
      } finally {
        core.close();
      }
    }

    // Checking or describing a database that is not there must not create an empty one and call
    // it sound.
    if (!existsSync(storage.dbFile)) {
      io.err(
        `No database at ${storage.dbFile}: nothing to ${action === 'verify-audit' ? 'verify' : 'describe'}.`,
      );
      return 1;
    }
    return asOperator(OPERATIONS, storage, io, async (operator) => {
      if (action === 'verify-audit') {
        const verdict = await operator.call('audit.verify', {});
        print(verdict, json, io);
        return verdict.ok ? 0 : 1;
      }
      const status = await operator.call('system.status', {});
      // Which file, and what opening it just migrated, are this process's own doing, not data.
      print(
        {
          file: operator.core.database.file,
          encrypted: status.database.encrypted,
          schemaVersion: status.database.schemaVersion,
          migrated: operator.core.database.migration.applied,
          station: status.station ? `${status.station.code} ${status.station.name}` : null,
        },
        json,
        io,
      );
      return 0;
    });
  },
};

/**
 * `hssk db rekey --yes`: a new database key (core/db/rekey.ts), through the same operation as
 * Quản trị → Sao lưu, as the CLI operator (on the trail). The new recovery key is printed once.
 */
async function rekey(
  storage: ReturnType<typeof storageFrom> & { encryptNew: boolean },
  yes: boolean,
  json: boolean,
  io: CliIo,
): Promise<number> {
  if (!existsSync(storage.dbFile)) {
    io.err(`No database at ${storage.dbFile}.`);
    return 1;
  }
  const app = appHolding(storage.dbFile);
  if (app) {
    io.err(
      `The HSSK Trạm app (process ${app.pid}, ${app.host}) has this database open. Change the key from inside the app (Quản trị → Sao lưu), or close the app and run this command again.`,
    );
    return 1;
  }
  if (!yes)
    throw new UsageError(
      'rekey changes the database key and makes the current recovery key useless: run it again with --yes',
    );
  return asOperator(OPERATIONS, { ...storage, encryptNew: false }, io, async (operator) => {
    const sheet = await operator.call('backup.rekey', { confirm: true });
    if (json) io.out(JSON.stringify({ recoveryKey: sheet.recoveryKey }));
    else {
      io.out(
        'The database key has been changed. New recovery key (Mã khôi phục mới) — print it now, it is shown once:',
      );
      io.out(`  ${sheet.recoveryKey ?? ''}`);
      io.out(
        'The OLD recovery key no longer opens this database. Backups taken before now still need the OLD one: keep both sheets.',
      );
      io.out(
        'Mã khôi phục CŨ không còn mở được cơ sở dữ liệu này; các bản sao lưu trước đây vẫn cần mã cũ — giữ cả hai tờ.',
      );
    }
    return 0;
  });
}
