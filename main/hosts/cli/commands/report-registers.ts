/**
 * `hssk report a1|monthly`: the TT 23/2025 registers as XLSX files, through the same operations
 * (and the `reports.read` permission, and the audit trail) as the "Báo cáo" section. Kept in its
 * own file: other report commands join the `report` group beside these.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, type CliCommand } from '../io.ts';
import { asOperator } from '../operator.ts';
import { parse, storageFrom } from '../options.ts';

const OPERATIONS = ['registers.a1Export', 'registers.monthlyExport'] as const;

export const reportRegistersCommand: CliCommand = {
  name: 'report',
  summary: 'write a TT 23/2025 register to XLSX: the A1 consultation register or the monthly summary',
  usage:
    'hssk report a1 --from YYYY-MM-DD --to YYYY-MM-DD --out FILE | hssk report monthly --month YYYY-MM --out FILE  [--data DIR] [--db FILE] [--json]',
  operations: OPERATIONS,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      from: { type: 'string' },
      to: { type: 'string' },
      month: { type: 'string' },
      out: { type: 'string' },
      data: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    });
    const kind = positionals[0];
    if (kind !== 'a1' && kind !== 'monthly') throw new UsageError('name the register: `a1` or `monthly`');
    if (!values.out) throw new UsageError('--out FILE is required');
    if (kind === 'a1' && (!values.from || !values.to)) throw new UsageError('--from and --to are required');
    if (kind === 'monthly' && !values.month) throw new UsageError('--month YYYY-MM is required');
    const out = resolve(io.cwd, values.out);
    return asOperator(OPERATIONS, storageFrom(values, io), io, async (operator) => {
      const started = performance.now();
      // The dates go as typed: the operation's schema judges them and names the option.
      const r =
        kind === 'a1'
          ? await operator.call(
              'registers.a1Export',
              { from: values.from ?? '', to: values.to ?? '' },
              { from: '--from', to: '--to' },
            )
          : await operator.call(
              'registers.monthlyExport',
              { month: values.month ?? '' },
              { month: '--month' },
            );
      const bytes = Buffer.from(r.contentBase64, 'base64');
      writeFileSync(out, bytes);
      const summary = {
        file: out,
        register: kind,
        rows: r.rows,
        bytes: bytes.length,
        duration_ms: Math.round(performance.now() - started),
      };
      io.out(
        values.json
          ? JSON.stringify(summary)
          : kind === 'a1'
            ? `Wrote the A1 register (${r.rows} visits) to ${out}`
            : `Wrote the monthly summary of ${values.month} (${r.rows} visits) to ${out}`,
      );
      return 0;
    });
  },
};
