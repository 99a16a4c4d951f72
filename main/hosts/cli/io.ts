import type { OperationName } from '#contract/operations.ts';

/** What a CLI command may touch: its output streams and the environment, so tests can capture them. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export const processIo: CliIo = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  env: process.env,
  cwd: process.cwd(),
};

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /**
   * The contract operations the command calls as the CLI operator, through the dispatcher
   * (operator.ts). Empty for a command that reads or changes no station data through the core's
   * services; such a command says in its file why it calls the core directly.
   */
  operations: readonly OperationName[];
  run(args: string[], io: CliIo): Promise<number>;
}

/** Thrown for a usage mistake: the CLI prints the message and the command's usage, exit code 2. */
export class UsageError extends Error {}
