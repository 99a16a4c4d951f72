import { randomUUID } from 'node:crypto';
import type { Role } from '#contract/permissions.ts';
import type { UserSummary } from '#contract/ops/users.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import type { UserRow } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { checkCountedPassword, isLockedNow } from './attempts.ts';
import { burnPasswordCheck, hashPassword } from './passwords.ts';
import { insertUser as insertUserRow, updateUser as updateUserRow } from './repo/users.ts';
import type { Session } from './sessions.ts';

export function toUserSummary(r: UserRow): UserSummary {
  return {
    id: r.id,
    username: r.username,
    fullName: r.full_name,
    role: r.role,
    active: r.active === 1,
    lockedUntil: r.locked_until,
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
  };
}

export function findUserByUsername(ctx: CoreContext, username: string): UserRow | undefined {
  return ctx.store.first(ctx.store.qb.selectFrom('users').selectAll().where('username', '=', username));
}

export function findUserById(ctx: CoreContext, id: string): UserRow | undefined {
  return ctx.store.first(ctx.store.qb.selectFrom('users').selectAll().where('id', '=', id));
}

export function listUsers(ctx: CoreContext): UserSummary[] {
  return ctx.store.all(ctx.store.qb.selectFrom('users').selectAll().orderBy('username')).map(toUserSummary);
}

/** Inserts a user. Callers run it inside their own transaction (first-run setup does, with the station). */
export function insertUser(
  ctx: CoreContext,
  actor: Actor | null,
  u: { username: string; fullName: string; role: Role; passwordHash: string },
): UserRow {
  if (findUserByUsername(ctx, u.username)) {
    throw new AppError('CONFLICT', {
      message: `Tên đăng nhập «${u.username}» đã có người dùng.`,
      logMessage: 'username taken',
    });
  }
  const now = isoNow(ctx.clock);
  const row: UserRow = {
    id: randomUUID(),
    username: u.username,
    full_name: u.fullName,
    role: u.role,
    password_hash: u.passwordHash,
    active: 1,
    failed_logins: 0,
    locked_until: null,
    last_login_at: null,
    created_at: now,
    updated_at: now,
  };
  insertUserRow(ctx.store, row);
  appendAudit(
    ctx.store,
    actor,
    {
      action: 'user.create',
      entity: 'user',
      entityId: row.id,
      details: { username: u.username, role: u.role },
    },
    now,
  );
  return row;
}

export async function createUser(
  ctx: CoreContext,
  actor: Actor,
  input: { username: string; fullName: string; role: Role; password: string },
): Promise<UserSummary> {
  const passwordHash = await hashPassword(input.password);
  return toUserSummary(ctx.store.tx(() => insertUser(ctx, actor, { ...input, passwordHash })));
}

export async function updateUser(
  ctx: CoreContext,
  actor: Actor,
  input: { id: string; fullName?: string; role?: Role; active?: boolean; newPassword?: string },
): Promise<UserSummary> {
  const passwordHash = input.newPassword ? await hashPassword(input.newPassword) : undefined;
  const row = ctx.store.tx(() => {
    const existing = findUserById(ctx, input.id);
    if (!existing) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy tài khoản.' });
    const demotesLastAdmin =
      existing.role === 'admin' &&
      ((input.role && input.role !== 'admin') || input.active === false) &&
      countActiveAdmins(ctx) <= 1;
    if (demotesLastAdmin) {
      throw new AppError('CONFLICT', {
        message: 'Trạm phải còn ít nhất một tài khoản quản trị đang hoạt động.',
      });
    }
    const now = isoNow(ctx.clock);
    updateUserRow(ctx.store, input.id, {
      ...(input.fullName !== undefined ? { full_name: input.fullName } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      ...(passwordHash ? { password_hash: passwordHash, failed_logins: 0, locked_until: null } : {}),
      updated_at: now,
    });
    appendAudit(
      ctx.store,
      actor,
      {
        action: 'user.update',
        entity: 'user',
        entityId: input.id,
        details: {
          role: input.role,
          active: input.active,
          passwordReset: Boolean(passwordHash),
          fullName: input.fullName,
        },
      },
      now,
    );
    return findUserById(ctx, input.id) as UserRow;
  });
  // A changed role or a deactivation takes effect now, not at the next login.
  if (input.role !== undefined || input.active === false || passwordHash)
    ctx.sessions.destroyForUser(input.id);
  return toUserSummary(row);
}

function countActiveAdmins(ctx: CoreContext): number {
  const r = ctx.store.first(
    ctx.store.qb
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('active', '=', 1),
  );
  return r?.n ?? 0;
}

/**
 * Checks a password under the lock-out rule (attempts.ts), audits the attempt, and opens a session.
 * An unknown or deactivated account answers BAD_CREDENTIALS whatever the password, after the same
 * time a real check takes, so neither the answer nor its timing tells whether a password is right.
 */
export async function login(ctx: CoreContext, username: string, password: string): Promise<Session> {
  const user = findUserByUsername(ctx, username);
  const now = () => isoNow(ctx.clock);
  if (!user || user.active !== 1) {
    await burnPasswordCheck(password);
    ctx.store.tx(() =>
      appendAudit(
        ctx.store,
        user ? { userId: user.id, username: user.username } : null,
        {
          action: 'auth.login.failed',
          ...(user ? { entity: 'user', entityId: user.id } : {}),
          details: user ? { reason: 'inactive' } : { username, reason: 'unknown-user' },
        },
        now(),
      ),
    );
    throw new AppError('BAD_CREDENTIALS');
  }
  const actor: Actor = { userId: user.id, username: user.username };
  const checked = await checkCountedPassword(ctx, user.id, password);
  if (!checked) {
    ctx.store.tx(() =>
      appendAudit(
        ctx.store,
        actor,
        {
          action: 'auth.login.failed',
          entity: 'user',
          entityId: user.id,
          details: { reason: 'password', lockedOut: isLockedNow(ctx, user.id) },
        },
        now(),
      ),
    );
    throw new AppError('BAD_CREDENTIALS');
  }
  ctx.store.tx(() => {
    updateUserRow(ctx.store, user.id, { last_login_at: now(), updated_at: now() });
    appendAudit(ctx.store, actor, { action: 'auth.login', entity: 'user', entityId: user.id }, now());
  });
  return ctx.sessions.create({
    id: user.id,
    username: user.username,
    fullName: user.full_name,
    role: user.role,
  });
}

/**
 * The password of a signed-in user (unlocking the screen), counted toward the same lock-out as a
 * sign-in. A deactivated account is never right.
 */
export async function checkPasswordFor(ctx: CoreContext, userId: string, password: string): Promise<boolean> {
  const user = findUserById(ctx, userId);
  if (!user || user.active !== 1) {
    await burnPasswordCheck(password);
    return false;
  }
  return (await checkCountedPassword(ctx, userId, password)) !== null;
}

/**
 * Changes the signed-in user's own password. The current password is a guess like any other
 * (counted toward the lock-out), and the user's other sessions end: whoever learned the old
 * password and signed in elsewhere is out.
 */
export async function changePassword(
  ctx: CoreContext,
  actor: Actor,
  current: string,
  next: string,
  keepSessionId: string | null,
): Promise<void> {
  if (!(await checkPasswordFor(ctx, actor.userId, current))) {
    ctx.store.tx(() =>
      appendAudit(
        ctx.store,
        actor,
        { action: 'user.password.change.failed', entity: 'user', entityId: actor.userId },
        isoNow(ctx.clock),
      ),
    );
    throw new AppError('BAD_CREDENTIALS', { message: 'Mật khẩu hiện tại không đúng.' });
  }
  const passwordHash = await hashPassword(next);
  ctx.store.tx(() => {
    const now = isoNow(ctx.clock);
    updateUserRow(ctx.store, actor.userId, { password_hash: passwordHash, updated_at: now });
    appendAudit(
      ctx.store,
      actor,
      { action: 'user.password.change', entity: 'user', entityId: actor.userId },
      now,
    );
  });
  ctx.sessions.destroyForUser(actor.userId, keepSessionId);
}
