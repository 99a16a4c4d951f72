import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import type { UserRow } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { verifyPassword } from './passwords.ts';
import { updateUser as updateUserRow } from './repo/users.ts';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 5;

/**
 * One password guess against an account's lock-out, whatever asks (sign-in, unlock, change of
 * password): they share one counter, so a thief at an unlocked-but-locked screen gets no more
 * guesses than one at the sign-in page.
 *
 * WHY count before checking: the check awaits argon2 (~60 ms), and a counter read before that await
 * and written after it let 300 parallel guesses all be checked while the counter ended at 3. Here
 * the guess is counted, and the guess that fills the counter locks the account, in one synchronous
 * SQLite transaction before the check starts; a guess that finds the account locked is refused
 * without being checked. A right password clears the counter and the lock again (so the fifth
 * guess may still be the right one, as when guesses come one at a time).
 *
 * Returns the user row (as of the count) when the password is right; throws ACCOUNT_LOCKED while
 * locked; returns null for a wrong password (the caller chooses the message and the audit entry).
 */
export async function checkCountedPassword(
  ctx: CoreContext,
  userId: string,
  password: string,
): Promise<UserRow | null> {
  const nowIso = () => isoNow(ctx.clock);
  const admitted = ctx.store.tx(() => {
    const user = readUser(ctx, userId);
    if (!user) return { user: null, lockedUntil: null };
    const lockedUntil = activeLock(ctx, user);
    if (lockedUntil) return { user, lockedUntil };
    const failed = user.failed_logins + 1;
    const lock =
      failed >= MAX_FAILED_ATTEMPTS
        ? new Date(ctx.clock().getTime() + LOCKOUT_MINUTES * 60_000).toISOString()
        : null;
    updateUserRow(ctx.store, userId, {
      failed_logins: lock ? 0 : failed,
      ...(lock ? { locked_until: lock } : {}),
      updated_at: nowIso(),
    });
    return { user, lockedUntil: null };
  });
  if (admitted.lockedUntil) throw lockedError(ctx, admitted.lockedUntil);
  if (!admitted.user) return null;

  const ok = await verifyPassword(admitted.user.password_hash, password);
  if (ok)
    ctx.store.tx(() =>
      updateUserRow(ctx.store, userId, { failed_logins: 0, locked_until: null, updated_at: nowIso() }),
    );
  return ok ? admitted.user : null;
}

/** Whether the account is locked now (for the audit entry of the guess that locked it). */
export function isLockedNow(ctx: CoreContext, userId: string): boolean {
  const user = readUser(ctx, userId);
  return Boolean(user && activeLock(ctx, user));
}

function readUser(ctx: CoreContext, id: string): UserRow | undefined {
  return ctx.store.first(ctx.store.qb.selectFrom('users').selectAll().where('id', '=', id));
}

function activeLock(ctx: CoreContext, user: UserRow): string | null {
  return user.locked_until && user.locked_until > isoNow(ctx.clock) ? user.locked_until : null;
}

function lockedError(ctx: CoreContext, until: string): AppError {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - ctx.clock().getTime()) / 60_000));
  return new AppError('ACCOUNT_LOCKED', {
    message: `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Thử lại sau ${minutes} phút hoặc nhờ quản trị đặt lại mật khẩu.`,
  });
}
