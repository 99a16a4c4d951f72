import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CheckedBackup } from '#contract/ops/backup.ts';
import { createCore } from '../../../core/app.ts';
import { createLogger } from '../../../core/log.ts';
import { appHolding } from '../../../core/security/db-in-use.ts';
import { UsageError, type CliCommand, type CliIo } from '../io.ts';
import { asOperator } from '../operator.ts';
import { parse, storageFrom } from '../options.ts';

const OPERATIONS = ['backup.inspect', 'backup.restore'] as const;

function describe(b: CheckedBackup, io: CliIo): void {
  io.out(`Backup:    ${b.file}`);
  io.out(`Taken:     ${b.takenAt}${b.reason ? ` (${b.reason})` : ''}, station ${b.station ?? '—'}`);
  io.out(
    `Holds:     ${b.counts.persons} residents, ${b.counts.visits} visits, ${b.counts.immunizations} doses, ${(b.bytes / 1048576).toFixed(1)} MB`,
  );
  io.out(
    `Schema:    ${b.schemaVersion} of ${b.appSchemaVersion}${b.schemaVersion < b.appSchemaVersion ? ' (brought up to date after the restore)' : ''}; integrity ok`,
  );
}

/**
 * `hssk restore FILE [--yes]`: checks a backup and shows what it holds; with --yes replaces the
 * station database with it (the current one is kept as <name>.replaced-<time>). Through the same
 * operations as the admin's wizard; the swap itself happens as the database is next opened, which
 * this command does at once (so an older backup is migrated and the restore is on its trail).
 */
export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'check a backup and, with --yes, replace the station database with it',
  usage: 'hssk restore FILE [--yes] [--data DIR] [--db FILE] [--json]',
  operations: OPERATIONS,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      yes: { type: 'boolean' },
      data: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('expected one backup FILE');
    const file = resolve(io.cwd, positionals[0]!);
    const storage = storageFrom(values, io);
    if (!existsSync(storage.dbFile)) {
      io.err(`No station database at ${storage.dbFile}: nothing to restore into.`);
      return 1;
    }
    const app = appHolding(storage.dbFile);
    if (app) {
      io.err(
        `The HSSK Trạm app (process ${app.pid}, ${app.host}) has this database open. Restore from inside the app (Quản trị → Sao lưu), or close the app and run this command again.`,
      );
      io.err(
        'Ứng dụng HSSK Trạm đang mở cơ sở dữ liệu này. Hãy phục hồi ngay trong ứng dụng (Quản trị → Sao lưu), hoặc đóng ứng dụng rồi chạy lại lệnh.',
      );
      return 1;
    }
    const yes = values.yes ?? false;
    const result = await asOperator(OPERATIONS, { ...storage, encryptNew: false }, io, async (operator) =>
      yes
        ? await operator.call('backup.restore', { file, confirm: true }, { file: 'FILE' })
        : { checked: await operator.call('backup.inspect', { file }, { file: 'FILE' }) },
    );
    if ('checked' in result) {
      if (values.json) io.out(JSON.stringify(result.checked));
      else {
        describe(result.checked, io);
        io.out('Nothing was changed. Run again with --yes to replace the station database with this backup.');
      }
      return 0;
    }
    // The operator's core is closed: opening the database again swaps the backup in, migrates it
    // if it is older, and writes the restore on its trail.
    const core = createCore({ host: 'cli', ...storage, log: createLogger({ dir: storage.logDir }) });
    try {
      if (values.json) io.out(JSON.stringify({ ...result, schemaVersion: core.database.migration.version }));
      else {
        describe(result.restored, io);
        io.out(`Restored. The replaced database is kept as ${result.replaced}`);
        if (core.database.migration.applied.length)
          io.out(`Brought up to date: ${core.database.migration.applied.join(', ')}`);
      }
      return 0;
    } finally {
      core.close();
    }
  },
};
