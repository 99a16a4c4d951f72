import { z } from 'zod';
import { DEFAULT_ERROR_MESSAGES, fail, ok, type Result } from '#contract/errors.ts';
import { parseInput } from '#contract/input-issues.ts';
import { isOperationName, operations, type OperationName, type Operations } from '#contract/operations.ts';
import type { CoreContext } from '../context.ts';
import { describeError, isAppError } from '../errors.ts';
import { appendAudit } from '../audit/audit.ts';
import type { CallInfo, Handlers, SessionBinding } from '../handler-types.ts';

// Anything zod says by itself is Vietnamese; what reaches the user is written by `parseInput`,
// which names the field (input-issues.ts). Logs record only issue paths.
z.config(z.locales.vi());

/**
 * The one gate every call passes through, whatever the transport: the operation must exist in the
 * contract, its input must parse, the caller must hold the permission, and the reply is always a
 * Result (never a thrown error, which Electron IPC would reduce to a bare message).
 */
export async function dispatch(
  ctx: CoreContext,
  handlers: Handlers,
  binding: SessionBinding,
  name: unknown,
  rawInput: unknown,
): Promise<Result<unknown>> {
  if (!isOperationName(name)) {
    ctx.log.warn('unknown operation', { name: String(name).slice(0, 80) });
    return fail('UNKNOWN_OPERATION');
  }
  const spec = operations[name];
  const log = ctx.log.child('api');

  const parsed = parseInput(spec.input, rawInput);
  if (!parsed.success) {
    const { issues } = parsed;
    log.warn('invalid input', { op: name, paths: issues.map((i) => i.path) });
    return fail('INVALID_INPUT', issues[0]?.message ?? DEFAULT_ERROR_MESSAGES.INVALID_INPUT, { issues });
  }

  // A long job holds the one connection: wait for it, so this call's statements do not run inside
  // the job's transaction.
  if (ctx.jobs.running && !spec.duringJob) await ctx.jobs.whenFree();
  ctx.jobs.enter();
  try {
    return await handle(ctx, handlers, binding, name, spec, parsed.data);
  } finally {
    ctx.jobs.leave();
  }
}

async function handle(
  ctx: CoreContext,
  handlers: Handlers,
  binding: SessionBinding,
  name: OperationName,
  spec: Operations[OperationName],
  input: unknown,
): Promise<Result<unknown>> {
  const log = ctx.log.child('api');

  const session = ctx.sessions.get(binding.get()) ?? null;
  if (spec.access !== 'public') {
    if (!session) return fail('UNAUTHENTICATED');
    if (session.locked && !spec.allowWhenLocked) return fail('SESSION_LOCKED');
    if (spec.access !== 'session' && !session.permissions.has(spec.access)) {
      log.warn('permission denied', { op: name, user: session.username, needs: spec.access });
      ctx.store.tx(() =>
        appendAudit(
          ctx.store,
          { userId: session.userId, username: session.username },
          { action: 'access.denied', details: { op: name, needs: spec.access } },
          ctx.clock().toISOString(),
        ),
      );
      return fail('FORBIDDEN');
    }
  }
  // Only what the user does holds off the idle lock: the UI's own status checks and polls do not.
  if (session && !session.locked && !spec.background) ctx.sessions.touch(session);

  const call: CallInfo = {
    ctx,
    session,
    actor: session ? { userId: session.userId, username: session.username } : null,
    binding,
  };
  const started = performance.now();
  try {
    const handler = handlers[name] as (input: unknown, call: CallInfo) => unknown;
    const value = await withBusyRetry(ctx, name, () => handler(input, call));
    const out = spec.output.safeParse(value);
    if (!out.success) {
      log.error('handler returned a value outside its contract', {
        op: name,
        issues: out.error.issues.map((i) => ({ code: i.code, path: i.path.join('.') })),
      });
      return fail('INTERNAL');
    }
    const ms = performance.now() - started;
    if (ms > 50) log.warn('slow operation', { op: name, ms: Math.round(ms) });
    return ok(out.data);
  } catch (e) {
    if (isBusy(e)) {
      log.warn('database busy: gave up', { op: name });
      return fail(
        'BUSY',
        'Cơ sở dữ liệu đang bận vì một chương trình khác (ví dụ lệnh nhập danh sách) đang ghi. Chưa lưu được: hãy thử lại sau ít phút, dữ liệu trên màn hình vẫn còn.',
      );
    }
    if (isAppError(e)) {
      log.info('operation refused', { op: name, code: e.code, reason: e.message });
      return fail(e.code, e.userMessage, e.details);
    }
    log.error('operation failed', { op: name, error: describeError(e) });
    return fail('INTERNAL');
  }
}

/** SQLITE_BUSY (and its extended codes): another process holds the write lock past the busy timeout. */
function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * Another process (a CLI import, a backup tool) may hold the write lock longer than the 5 s busy
 * timeout. A command's transaction rolled back whole when BEGIN IMMEDIATE found the lock taken, so
 * running it again is safe: a save is retried for about a minute before the user is told, rather
 * than failing after 5 s ("database is locked", 2 of 993 saves in the probe).
 */
async function withBusyRetry<T>(ctx: CoreContext, name: string, run: () => T | Promise<T>): Promise<T> {
  const deadline = Date.now() + BUSY_RETRY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (!isBusy(e) || Date.now() > deadline) throw e;
      ctx.log.child('api').warn('database busy: retrying', { op: name, attempt });
      await new Promise((r) => setTimeout(r, Math.min(250 * attempt, 2000)));
    }
  }
}

const BUSY_RETRY_MS = 60_000;
