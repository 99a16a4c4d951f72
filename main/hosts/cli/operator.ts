/**
 * The CLI as the third transport. A data command opens the core, starts one CLI operator session
 * for the person at the terminal (`cli:<OS user>`, see SessionStore.createOperator) and calls
 * operations through `core.call`: the same dispatcher as a window's IPC or HTTP call, so the input
 * is parsed by the contract's schema (and refused in the contract's Vietnamese words), the
 * permission is checked, and every entry it writes is on the audit trail under the operator.
 */
import { userInfo } from 'node:os';
import type { ErrorCode } from '#contract/errors.ts';
import type { FieldIssue } from '#contract/input-issues.ts';
import {
  operations,
  type OperationInput,
  type OperationName,
  type OperationOutput,
} from '#contract/operations.ts';
import { PERMISSIONS } from '#contract/permissions.ts';
import { createCore, type Core } from '../../core/app.ts';
import type { SessionBinding } from '../../core/handler-types.ts';
import { createLogger } from '../../core/log.ts';
import type { CliIo } from './io.ts';

/** Who runs the command, as the operating system knows them (the name the audit trail keeps). */
export function osUserName(env: NodeJS.ProcessEnv): string {
  try {
    return userInfo().username;
  } catch {
    // No password-file entry for this uid (some containers): the login's variables still say who.
    return env.USER ?? env.USERNAME ?? env.LOGNAME ?? 'unknown';
  }
}

/**
 * A value as typed on the command line (`--status`, `--similar`) or read from a file (`--mapping`),
 * sent as it is. The dispatcher parses it with the operation's schema, which is the check that
 * counts and names the field in Vietnamese, so the CLI does not judge it first.
 */
export function asTyped<T>(value: unknown): T {
  return value as T;
}

/** An operation the core refused: printed by runCli (main.ts) in the contract's words. */
export class OperationRefused extends Error {
  readonly op: OperationName;
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly issues: readonly FieldIssue[];
  /** The command's option for an input path ("mapping" → "--mapping"), to say which option to fix. */
  readonly flags: Readonly<Record<string, string>>;
  /** `cli:<OS user>`. */
  readonly operator: string;

  constructor(
    op: OperationName,
    error: { code: ErrorCode; message: string; details?: unknown },
    flags: Readonly<Record<string, string>>,
    operator: string,
  ) {
    super(`${op} was refused: ${error.code}`);
    this.op = op;
    this.operator = operator;
    this.code = error.code;
    this.userMessage = error.message;
    const issues = (error.details as { issues?: unknown } | undefined)?.issues;
    this.issues = Array.isArray(issues) ? (issues as FieldIssue[]) : [];
    this.flags = flags;
  }

  /** The lines to print: what was refused (English), then the contract's Vietnamese, per field. */
  lines(): string[] {
    const access = operations[this.op].access;
    const head =
      this.code === 'FORBIDDEN' && access in PERMISSIONS
        ? `${this.op} was refused: ${this.operator} lacks the permission ${access} («${PERMISSIONS[access as keyof typeof PERMISSIONS]}»)`
        : `${this.op} was refused (${this.code})`;
    if (this.issues.length === 0) return [head, this.userMessage];
    return [head, ...this.issues.map((i) => `  ${this.#optionOf(i.path)}${i.message}`)];
  }

  /** "--mapping (dateOrder): " for the path "mapping.dateOrder"; the input path when no option matches. */
  #optionOf(path: string): string {
    const key = Object.keys(this.flags)
      .filter((k) => path === k || path.startsWith(`${k}.`))
      .sort((a, b) => b.length - a.length)[0];
    if (key === undefined) return path ? `${path}: ` : '';
    const rest = path.slice(key.length + 1);
    return `${this.flags[key]}${rest ? ` (${rest})` : ''}: `;
  }
}

/** The operator's side of the dispatcher, limited to the operations its command declared. */
export interface Operator<N extends OperationName> {
  readonly core: Core;
  /** `cli:<OS user>`, as the audit trail records it. */
  readonly username: string;
  /** Calls an operation as the operator; its value, or OperationRefused with the core's reason. */
  call<M extends N>(
    name: M,
    input: OperationInput<M>,
    flags?: Readonly<Record<string, string>>,
  ): Promise<OperationOutput<M>>;
}

export interface OperatorStorage {
  dataDir: string;
  /** ':memory:' for a command that reads no station data (see devices.ts). */
  dbFile: string;
  /** Where the core logs, in English, like the app's own (none for an in-memory core). */
  logDir?: string;
  /** Encrypt a database this command creates (default true). */
  encryptNew?: boolean;
}

/**
 * Opens the core on `storage`, signs the operator in for this process only, runs `work`, then
 * ends the session and closes the core whatever happened. `operations` is the command's declared
 * list (CliCommand.operations): calling any other is a type error, and a bug caught here at run time.
 */
export async function asOperator<const Ops extends readonly OperationName[], T>(
  ops: Ops,
  storage: OperatorStorage,
  io: CliIo,
  work: (operator: Operator<Ops[number]>) => Promise<T>,
): Promise<T> {
  const memory = storage.dbFile === ':memory:';
  const core = createCore({
    host: 'cli',
    dataDir: storage.dataDir,
    dbFile: storage.dbFile,
    ...(memory ? { key: null } : {}),
    encryptNew: storage.encryptNew ?? true,
    log: createLogger(storage.logDir && !memory ? { dir: storage.logDir } : { level: 'warn' }).child('cli'),
  });
  let sessionId: string | null = null;
  const binding: SessionBinding = { get: () => sessionId, set: (id) => (sessionId = id) };
  try {
    const session = core.ctx.sessions.createOperator(osUserName(io.env), core.ctx.host);
    binding.set(session.id);
    const declared = new Set<OperationName>(ops);
    const operator: Operator<Ops[number]> = {
      core,
      username: session.username,
      call: async (name, input, flags = {}) => {
        if (!declared.has(name)) throw new Error(`${name} is not among the command's declared operations`);
        const r = await core.call(binding, name, input);
        if (!r.ok) throw new OperationRefused(name, r.error, flags, session.username);
        return r.value as OperationOutput<typeof name>;
      },
    };
    return await work(operator);
  } finally {
    core.ctx.sessions.destroy(sessionId);
    core.close();
  }
}
