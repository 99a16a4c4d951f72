import { z } from 'zod';
import { command, query } from '../define.ts';
import { Empty } from '../schemas/common.ts';
import { PERMISSIONS, ROLES } from '../permissions.ts';
import { NewPassword } from './station.ts';

export const RoleSchema = z.enum(ROLES);
export const PermissionName = z.enum(
  Object.keys(PERMISSIONS) as [keyof typeof PERMISSIONS, ...(keyof typeof PERMISSIONS)[]],
);

export const SessionUser = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  role: RoleSchema,
  permissions: z.array(PermissionName),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const SessionInfo = z.object({
  user: SessionUser.nullable(),
  locked: z.boolean(),
  idleLockMinutes: z.number().int(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

const LoginInput = z.object({
  username: z.string().trim().toLowerCase().min(1, 'Nhập tên đăng nhập').max(64),
  password: z.string().min(1, 'Nhập mật khẩu').max(128),
});

export const authOps = {
  'auth.login': command({ input: LoginInput, output: SessionInfo, access: 'public' }),
  'auth.logout': command({ input: Empty, output: z.null(), access: 'public', allowWhenLocked: true }),
  'auth.session': query({
    background: true,
    input: Empty,
    output: SessionInfo,
    access: 'public',
    allowWhenLocked: true,
    duringJob: true,
  }),
  'auth.lock': command({ input: Empty, output: SessionInfo, access: 'session' }),
  'auth.unlock': command({
    input: z.object({ password: z.string().min(1, 'Nhập mật khẩu').max(128) }),
    output: SessionInfo,
    access: 'session',
    allowWhenLocked: true,
  }),
  'auth.changePassword': command({
    input: z.object({ currentPassword: z.string().min(1).max(128), newPassword: NewPassword }),
    output: z.null(),
    access: 'session',
  }),
};
