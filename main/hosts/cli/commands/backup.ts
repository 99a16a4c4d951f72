import { resolve } from 'node:path';
import type { CliCommand } from '../io.ts';
import { asOperator } from '../operator.ts';
import { parse, storageFrom } from '../options.ts';

const OPERATIONS = ['backup.create'] as const;

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'copy the station database now (encrypted, checked, rotated 7 daily / 4 weekly / 12 monthly)',
  usage: 'hssk backup [--out DIR] [--data DIR] [--db FILE] [--json]',
  operations: OPERATIONS,
  async run(args, io) {
    const { values } = parse(args, {
      out: { type: 'string' },
      data: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    });
    const folder = values.out === undefined ? undefined : resolve(io.cwd, values.out);
    return asOperator(OPERATIONS, storageFrom(values, io), io, async (operator) => {
      const b = await operator.call('backup.create', { folder }, { folder: '--out' });
      if (values.json) io.out(JSON.stringify(b));
      else {
        io.out(
          `Backup written: ${resolve(b.folder, b.file)} (${(b.bytes / 1048576).toFixed(1)} MB, ${b.durationMs} ms)`,
        );
        io.out(
          `Holds ${b.counts.persons} residents, ${b.counts.visits} visits, ${b.counts.immunizations} doses; integrity ok; schema ${b.schemaVersion}`,
        );
        if (b.removed.length) io.out(`Rotation removed ${b.removed.length} older backup(s)`);
      }
      return 0;
    });
  },
};
