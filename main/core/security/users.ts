import { randomUUID } from 'node:crypto';
import type { Role } from '#contract/permissions.ts';
import type { UserSummary } from '#contract/ops/users.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import type { UserRow } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.ts';
import { insertUser as insertUserRow, updateUser as updateUserRow } from './repo/users.ts';
import type { Session } from './sessions.ts';

const MAX_FAILED_LOGINS = 5;
const LOCKOUT_MINUTES = 5;

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

/** Checks a password, applies the lock-out rule, audits the attempt, and opens a session. */
export async function login(ctx: CoreContext, username: string, password: string): Promise<Session> {
  const user = findUserByUsername(ctx, username);
  const now = () => isoNow(ctx.clock);
  if (!user) {
    await burnPasswordCheck(password);
    ctx.store.tx(() =>
      appendAudit(
        ctx.store,
        null,
        { action: 'auth.login.failed', details: { username, reason: 'unknown-user' } },
        now(),
      ),
    );
    throw new AppError('BAD_CREDENTIALS');
  }
  if (user.locked_until && user.locked_until > now()) {
    const minutes = Math.max(1, Math.ceil((Date.parse(user.locked_until) - ctx.clock().getTime()) / 60_000));
    throw new AppError('ACCOUNT_LOCKED', {
      message: `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Thử lại sau ${minutes} phút hoặc nhờ quản trị đặt lại mật khẩu.`,
    });
  }
  const ok = await verifyPassword(user.password_hash, password);
  const actor: Actor = { userId: user.id, username: user.username };
  if (!ok || user.active !== 1) {
    ctx.store.tx(() => {
      const failed = user.failed_logins + 1;
      const lock =
        failed >= MAX_FAILED_LOGINS
          ? new Date(ctx.clock().getTime() + LOCKOUT_MINUTES * 60_000).toISOString()
          : null;
      updateUserRow(ctx.store, user.id, {
        failed_logins: lock ? 0 : failed,
        locked_until: lock,
        updated_at: now(),
      });
      appendAudit(
        ctx.store,
        actor,
        {
          action: 'auth.login.failed',
          entity: 'user',
          entityId: user.id,
          details: { reason: ok ? 'inactive' : 'password', lockedOut: Boolean(lock) },
        },
        now(),
      );
    });
    if (ok)
      throw new AppError('FORBIDDEN', {
        message: 'Tài khoản đã ngừng hoạt động. Liên hệ quản trị của trạm.',
      });
    throw new AppError('BAD_CREDENTIALS');
  }
  ctx.store.tx(() => {
    updateUserRow(ctx.store, user.id, {
      failed_logins: 0,
      locked_until: null,
      last_login_at: now(),
      updated_at: now(),
    });
    appendAudit(ctx.store, actor, { action: 'auth.login', entity: 'user', entityId: user.id }, now());
  });
  return ctx.sessions.create({
    id: user.id,
    username: user.username,
    fullName: user.full_name,
    role: user.role,
  });
}

export async function checkPasswordFor(ctx: CoreContext, userId: string, password: string): Promise<boolean> {
  const user = findUserById(ctx, userId);
  if (!user || user.active !== 1) return false;
  return verifyPassword(user.password_hash, password);
}

export async function changePassword(
  ctx: CoreContext,
  actor: Actor,
  current: string,
  next: string,
): Promise<void> {
  if (!(await checkPasswordFor(ctx, actor.userId, current))) {
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
}
