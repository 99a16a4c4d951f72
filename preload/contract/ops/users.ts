import { z } from 'zod';
import { command, query } from '../define.ts';
import { Empty, RequiredText, Uuid } from '../schemas/common.ts';
import { RoleSchema } from './auth.ts';
import { NewPassword, Username } from './station.ts';

export const UserSummary = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  role: RoleSchema,
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserSummary = z.infer<typeof UserSummary>;

export const usersOps = {
  'users.list': query({ input: Empty, output: z.array(UserSummary), access: 'users.manage' }),
  'users.create': command({
    input: z.object({
      username: Username,
      fullName: RequiredText(100),
      role: RoleSchema,
      password: NewPassword,
    }),
    output: UserSummary,
    access: 'users.manage',
  }),
  'users.update': command({
    input: z.object({
      id: Uuid,
      fullName: RequiredText(100).optional(),
      role: RoleSchema.optional(),
      active: z.boolean().optional(),
      newPassword: NewPassword.optional(),
    }),
    output: UserSummary,
    access: 'users.manage',
  }),
};
