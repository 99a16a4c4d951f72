import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createCore } from '../../../core/app.ts';
import { createLogger } from '../../../core/log.ts';
import { exportPersons } from '../../../core/registry/export.ts';
import { UsageError, type CliCommand } from '../io.ts';
import { parse, storageFrom } from '../options.ts';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'export the resident registry to an XLSX file',
  usage:
    'hssk export persons --out FILE [--village V] [--status active|moved|deceased|all] [--data DIR] [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = parse(args, {
      out: { type: 'string' },
      village: { type: 'string' },
      status: { type: 'string' },
      data: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals[0] !== 'persons') throw new UsageError('only `hssk export persons` is available');
    if (!values.out) throw new UsageError('--out FILE is required');
    const status = (values.status ?? 'active') as 'active' | 'moved' | 'deceased' | 'all';
    if (!['active', 'moved', 'deceased', 'all'].includes(status))
      throw new UsageError('--status must be active, moved, deceased or all');
    const { dataDir, dbFile } = storageFrom(values, io);
    const core = createCore({
      host: 'cli',
      dataDir,
      dbFile,
      log: createLogger({ level: 'warn' }),
    });
    try {
      const started = performance.now();
      const r = await exportPersons(
        core.ctx,
        { userId: 'cli', username: 'cli' },
        { status, village: values.village },
      );
      const out = resolve(io.cwd, values.out);
      writeFileSync(out, r.bytes);
      const summary = {
        file: out,
        rows: r.rows,
        bytes: r.bytes.length,
        duration_ms: Math.round(performance.now() - started),
      };
      io.out(values.json ? JSON.stringify(summary) : `Exported ${r.rows} residents to ${out}`);
      return 0;
    } finally {
      core.close();
    }
  },
};
