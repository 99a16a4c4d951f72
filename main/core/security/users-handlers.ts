import { requireActor, type HandlersOf } from '../api/types.ts';
import { createUser, listUsers, updateUser } from './users.ts';

export function usersHandlers(): HandlersOf<'users'> {
  return {
    'users.list': (_input, { ctx }) => listUsers(ctx),
    'users.create': (input, call) => createUser(call.ctx, requireActor(call), input),
    'users.update': (input, call) => updateUser(call.ctx, requireActor(call), input),
  };
}
