import { UsageError, type CliCommand } from '../io.ts';
import { reportCommand } from './report.ts';
import { reportRegistersCommand } from './report-registers.ts';

const REGISTERS = new Set(['a1', 'monthly']);
const FIGURES = new Set(['coverage', 'worklist']);

/**
 * `hssk report …` is one command group: the dashboard's figures and work lists (`coverage`,
 * `worklist`, report.ts) and the TT 23/2025 registers (`a1`, `monthly`, report-registers.ts) each
 * keep their own file; this only sends the subcommand to the right one.
 */
export const reportGroupCommand: CliCommand = {
  name: 'report',
  summary: 'coverage, work lists (XLSX), the A1 consultation register and the monthly summary (XLSX)',
  usage: `${reportCommand.usage}\n       ${reportRegistersCommand.usage}`,
  operations: [...reportCommand.operations, ...reportRegistersCommand.operations],
  async run(args, io) {
    const sub = args[0] ?? '';
    if (REGISTERS.has(sub)) return reportRegistersCommand.run(args, io);
    if (FIGURES.has(sub)) return reportCommand.run(args, io);
    throw new UsageError('name the report: `coverage`, `worklist`, `a1` or `monthly`');
  },
};
