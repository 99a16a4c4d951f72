/**
 * When the station's database cannot be opened (a newer app's schema, a missing or unreadable key,
 * a damaged file), a window host still starts, on a stand-in core over an empty in-memory database,
 * so the window can say what happened and what to do instead of the app vanishing with a crash
 * dialog. The stand-in answers only what the first screen asks (status, session, the start-up
 * checks, which report the one fatal problem) and, when the key is what is missing, the recovery
 * key typed on that screen (`backup.recoverKey`, which restarts into the real core); every other
 * operation is refused with that problem.
 */
import { fail } from '#contract/errors.ts';
import type { StartupCheck } from '#contract/ops/system.ts';
import { createCore, type Core, type CoreOptions } from '../../core/app.ts';
import { classifyStartupFailure } from '../../core/system/startup/fatal.ts';
import { markStartupBlocked } from '../../core/system/startup/checks.ts';
import { allowKeyRecovery } from '../../core/backup/recovery.ts';
import { plainProtector } from '../../core/db/keystore.ts';
import { dataPaths } from '../../core/paths.ts';

const ANSWERED = new Set(['system.status', 'system.startupChecks', 'auth.session']);
/** A database whose key is missing or unreadable can be opened with its recovery key from here. */
const ANSWERED_KEY = new Set([...ANSWERED, 'backup.recoverKey']);

export function createBlockedCore(options: CoreOptions, problem: StartupCheck): Core {
  const core = createCore({ ...options, dbFile: ':memory:', key: null });
  markStartupBlocked(core.ctx.store, problem);
  const answered = problem.id === 'key' ? ANSWERED_KEY : ANSWERED;
  if (problem.id === 'key')
    allowKeyRecovery(core.ctx.store, {
      dbFile: options.dbFile ?? dataPaths(options.dataDir).dbFile,
      protector: options.keyProtector ?? plainProtector,
    });
  const code =
    problem.id === 'dbTooNew' ? 'DB_TOO_NEW' : problem.id === 'key' ? 'DB_KEY_INVALID' : 'INTERNAL';
  return {
    ...core,
    call: (binding, name, input) =>
      answered.has(String(name))
        ? core.call(binding, name, input)
        : Promise.resolve(fail(code, `${problem.title}. ${problem.action}`)),
    // Nothing to serve: no devices, no uploads, no checkpoints on a stand-in.
    startServices: () => undefined,
  };
}

/**
 * Opens the core, or, when the database cannot be opened, the stand-in that explains why. The
 * error is logged by the caller's logger through `onBlocked`.
 */
export function createCoreOrBlocked(
  options: CoreOptions & { dbFile: string },
  onBlocked: (problem: StartupCheck, error: unknown) => void,
): { core: Core; blocked: StartupCheck | null } {
  try {
    return { core: createCore(options), blocked: null };
  } catch (e) {
    const problem = classifyStartupFailure(e, options.dbFile);
    onBlocked(problem, e);
    return { core: createBlockedCore(options, problem), blocked: problem };
  }
}
