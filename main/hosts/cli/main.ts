import { isAppError } from '../../core/errors.ts';
import { checkoutDataDir, desktopAppDataDir } from '../../core/paths.ts';
import { APP_VERSION } from '../../core/version.ts';
import { auditCommand } from './commands/audit.ts';
import { backupCommand } from './commands/backup.ts';
import { checkCommand } from './commands/check.ts';
import { dbCommand } from './commands/db.ts';
import { devicesCommand } from './commands/devices.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { printCommand } from './commands/print.ts';
import { reportGroupCommand } from './commands/report-group.ts';
import { restoreCommand } from './commands/restore.ts';
import { seedCommand } from './commands/seed.ts';
import { serveCommand } from './commands/serve.ts';
import { withExportXml } from './commands/sync-export.ts';
import { syncCommand } from './commands/sync.ts';
import { upstreamCommand } from './commands/upstream.ts';
import { UsageError, type CliCommand, type CliIo } from './io.ts';
import { OperationRefused } from './operator.ts';

export const COMMANDS: readonly CliCommand[] = [
  serveCommand,
  seedCommand,
  importCommand,
  exportCommand,
  printCommand,
  dbCommand,
  auditCommand,
  checkCommand,
  backupCommand,
  restoreCommand,
  devicesCommand,
  withExportXml(syncCommand),
  upstreamCommand,
  reportGroupCommand,
];

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `hssk ${APP_VERSION} — HSSK Trạm command line, for district IT staff and developers`,
    '',
    'Usage: hssk <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `hssk <command> --help` for a command’s options.',
    'Commands that read or change the station’s data run as the CLI operator cli:<your OS user name>,',
    '  through the same operations as the app (input checks, permissions, audit trail).',
    'Data: --data DIR; or, with --db FILE, the folder of that file; or HSSK_DATA_DIR; by default',
    `  ${checkoutDataDir} (this checkout’s own).`,
    `The installed app keeps its data in ${desktopAppDataDir()}: pass it with --data to work on it.`,
  ].join('\n');
}

/** Runs one CLI invocation and returns its exit code. Never throws: errors become messages. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(APP_VERSION);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command: ${name}\n\n${helpText()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.summary}\n\nUsage: ${command.usage}`);
    if (command.operations.length)
      io.out(
        `\nRuns as the CLI operator cli:<your OS user name>, through the operations ${command.operations.join(', ')}.`,
      );
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    return reportFailure(e, command, io);
  }
}

/** Prints why a command failed and returns its exit code: 2 for a mistake on the command line, else 1. */
export function reportFailure(e: unknown, command: CliCommand, io: CliIo): number {
  if (e instanceof UsageError) {
    io.err(`${e.message}\nUsage: ${command.usage}`);
    return 2;
  }
  // Refused by the core: the contract's Vietnamese words, per field; a refused input is a usage mistake.
  if (e instanceof OperationRefused) {
    io.err(e.lines().join('\n'));
    if (e.code !== 'INVALID_INPUT') return 1;
    io.err(`Usage: ${command.usage}`);
    return 2;
  }
  if (isAppError(e)) {
    io.err(`${e.message}\n${e.userMessage}`);
    return 1;
  }
  io.err(`Unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return 1;
}
