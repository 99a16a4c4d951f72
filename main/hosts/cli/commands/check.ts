import { existsSync } from 'node:fs';
import type { StartupReport } from '#contract/ops/system.ts';
import { createLogger } from '../../../core/log.ts';
import { createCoreOrBlocked } from '../../common/blocked-core.ts';
import type { CliCommand } from '../io.ts';
import { parse, storageFrom } from '../options.ts';

const MARK = { ok: 'ok  ', running: '... ', warning: 'WARN', fatal: 'FAIL' } as const;

/**
 * `hssk check`: the app's start-up checks from the command line, for district IT on a station PC
 * that will not start or shows a warning — the same checks and the same Vietnamese words as the
 * window (`system.startupChecks`), waiting for the integrity check. It reads no resident data, so
 * like `serve` and `db migrate` it calls the core directly; a database that cannot be opened is
 * itself the answer.
 */
export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'the start-up checks: database integrity, key, schema, free disk space, the PC clock',
  usage: 'hssk check [--full] [--data DIR] [--db FILE] [--json]',
  operations: [],
  async run(args, io) {
    const { values } = parse(args, {
      full: { type: 'boolean' },
      data: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    });
    const { dataDir, dbFile, logDir } = storageFrom(values, io);
    if (!existsSync(dbFile)) {
      io.err(`No database at ${dbFile}: nothing to check.`);
      return 1;
    }
    const log = createLogger({ dir: logDir });
    const { core } = createCoreOrBlocked({ host: 'cli', dataDir, dbFile, log }, (problem, e) =>
      log.error('database cannot be opened', { check: problem.id, error: String(e) }),
    );
    try {
      const r = await core.call({ get: () => null, set: () => undefined }, 'system.startupChecks', {
        wait: true,
        full: values.full ?? false,
      });
      if (!r.ok) {
        io.err(r.error.message);
        return 1;
      }
      const report = r.value as StartupReport;
      if (values.json) io.out(JSON.stringify(report));
      else
        for (const c of report.checks) {
          io.out(`${MARK[c.level]} ${c.title}`);
          if (c.message) io.out(`     ${c.message}`);
          if (c.action) io.out(`     Cần làm: ${c.action}`);
          if (c.path && c.level !== 'ok') io.out(`     ${c.path}`);
        }
      const bad = report.blocked || report.checks.some((c) => c.id === 'integrity' && c.level !== 'ok');
      return bad ? 1 : 0;
    } finally {
      core.close();
    }
  },
};
