import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OperationInput } from '#contract/operations.ts';
import { UsageError, type CliCommand } from '../io.ts';
import { asOperator, asTyped } from '../operator.ts';
import { parse, storageFrom } from '../options.ts';

const OPERATIONS = ['persons.export'] as const;

type Status = NonNullable<OperationInput<'persons.export'>['filters']>['status'];

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'export the resident registry to an XLSX file',
  usage:
    'hssk export persons --out FILE [--village V] [--status active|moved|deceased|all] [--data DIR] [--db FILE] [--json]',
  operations: OPERATIONS,
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
    const out = resolve(io.cwd, values.out);
    return asOperator(OPERATIONS, storageFrom(values, io), io, async (operator) => {
      const started = performance.now();
      // --status and --village go as typed: persons.export's schema judges them.
      const r = await operator.call(
        'persons.export',
        { filters: { status: asTyped<Status>(values.status ?? 'active'), village: values.village } },
        { 'filters.status': '--status', 'filters.village': '--village' },
      );
      const bytes = Buffer.from(r.contentBase64, 'base64');
      writeFileSync(out, bytes);
      const summary = {
        file: out,
        rows: r.rows,
        bytes: bytes.length,
        duration_ms: Math.round(performance.now() - started),
      };
      io.out(values.json ? JSON.stringify(summary) : `Exported ${r.rows} residents to ${out}`);
      return 0;
    });
  },
};
