import { createCore } from '../../../core/app.ts';
import { createLogger } from '../../../core/log.ts';
import { verifyAuditChain } from '../../../core/audit/audit.ts';
import { UsageError, type CliCommand } from '../io.ts';
import { parse, storageFrom } from '../options.ts';

export const dbCommand: CliCommand = {
  name: 'db',
  summary: 'database information, migration and audit-trail check',
  usage: 'hssk db (info | migrate | verify-audit) [--data DIR] [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = parse(args, {
      data: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    });
    const action = positionals[0];
    if (!['info', 'migrate', 'verify-audit'].includes(action ?? ''))
      throw new UsageError('expected info, migrate or verify-audit');
    const { dataDir, dbFile } = storageFrom(values, io);
    const core = createCore({
      host: 'cli',
      dataDir,
      dbFile,
      encryptNew: true,
      log: createLogger({ level: 'warn' }),
    });
    try {
      const d = core.database;
      const result =
        action === 'verify-audit'
          ? verifyAuditChain(core.ctx.store)
          : {
              file: d.file,
              encrypted: d.encrypted,
              schemaVersion: d.migration.version,
              migrated: d.migration.applied,
            };
      if (values.json) io.out(JSON.stringify(result));
      else
        for (const [k, v] of Object.entries(result))
          io.out(`${k}: ${Array.isArray(v) ? v.join(', ') || '—' : String(v)}`);
      return action === 'verify-audit' && !(result as { ok: boolean }).ok ? 1 : 0;
    } finally {
      core.close();
    }
  },
};
