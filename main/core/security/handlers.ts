import type { SessionInfo } from '#contract/ops/auth.ts';
import { requireActor, type CallInfo, type HandlersOf } from '../handler-types.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { idleLockMinutes, isSetUp } from '../station/station.ts';
import { appendAudit } from '../audit/audit.ts';
import type { Session } from './sessions.ts';
import { setupStation } from './setup.ts';
import { changePassword, checkPasswordFor, createUser, listUsers, login, updateUser } from './users.ts';

function sessionInfo(ctx: CoreContext, s: Session | null | undefined): SessionInfo {
  return {
    user: s
      ? {
          id: s.userId,
          username: s.username,
          fullName: s.fullName,
          role: s.role,
          permissions: [...s.permissions],
        }
      : null,
    locked: s?.locked ?? false,
    idleLockMinutes: idleLockMinutes(ctx),
  };
}

function current(call: CallInfo): Session | undefined {
  return call.ctx.sessions.get(call.binding.get());
}

/** Sign-in, sessions, accounts, and first run (which creates the first account). */
export function securityHandlers(): HandlersOf<'auth'> &
  HandlersOf<'users'> &
  Pick<HandlersOf<'station'>, 'station.setup'> {
  return {
    'auth.login': async ({ username, password }, call) => {
      if (!isSetUp(call.ctx)) throw new AppError('NOT_SET_UP');
      // Signing in replaces whatever session this window held.
      call.ctx.sessions.destroy(call.binding.get());
      const session = await login(call.ctx, username, password);
      call.binding.set(session.id);
      return sessionInfo(call.ctx, session);
    },
    'auth.logout': (_input, call) => {
      const s = current(call);
      if (s) {
        call.ctx.store.tx(() =>
          appendAudit(
            call.ctx.store,
            { userId: s.userId, username: s.username },
            { action: 'auth.logout' },
            call.ctx.clock().toISOString(),
          ),
        );
      }
      call.ctx.sessions.destroy(call.binding.get());
      call.binding.set(null);
      return null;
    },
    'auth.session': (_input, call) => sessionInfo(call.ctx, current(call)),
    'auth.lock': (_input, call) => {
      const s = current(call);
      if (s) call.ctx.sessions.lock(s);
      return sessionInfo(call.ctx, s);
    },
    'auth.unlock': async ({ password }, call) => {
      const s = current(call);
      if (!s) throw new AppError('UNAUTHENTICATED');
      const ok = await checkPasswordFor(call.ctx, s.userId, password);
      call.ctx.store.tx(() =>
        appendAudit(
          call.ctx.store,
          { userId: s.userId, username: s.username },
          { action: ok ? 'auth.unlock' : 'auth.unlock.failed' },
          call.ctx.clock().toISOString(),
        ),
      );
      if (!ok) throw new AppError('BAD_CREDENTIALS', { message: 'Mật khẩu không đúng.' });
      call.ctx.sessions.unlock(s);
      return sessionInfo(call.ctx, s);
    },
    'auth.changePassword': async ({ currentPassword, newPassword }, call) => {
      await changePassword(call.ctx, requireActor(call), currentPassword, newPassword, call.binding.get());
      return null;
    },
    'users.list': (_input, { ctx }) => listUsers(ctx),
    'users.create': (input, call) => createUser(call.ctx, requireActor(call), input),
    'users.update': (input, call) => updateUser(call.ctx, requireActor(call), input),
    // The window that sets the station up is signed in as its new administrator.
    'station.setup': (input, { ctx, binding }) => setupStation(ctx, input, { signIn: binding }),
  };
}
