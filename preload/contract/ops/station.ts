import { z } from 'zod';
import { command, query } from '../define.ts';
import { isStrongEnoughPassword, WEAK_PASSWORD_HINT } from '../password-strength.ts';
import { CommuneCode, Empty, ProvinceCode, RequiredText, Text } from '../schemas/common.ts';

/** Mã cơ sở khám chữa bệnh: 5 characters, e.g. "01043" or "79C54" (province digits + facility code). */
export const StationCode = z
  .string()
  .max(20)
  .transform((s) => s.trim().toUpperCase())
  .pipe(
    z
      .string()
      .regex(
        /^\d{2}[0-9A-Z]{3}$/,
        'Mã cơ sở khám chữa bệnh gồm đúng 5 ký tự: 2 chữ số mã tỉnh và 3 chữ số hoặc chữ cái của cơ sở (ví dụ 38279)',
      ),
  );

export const Username = z
  .string()
  .max(64)
  .transform((s) => s.trim().toLowerCase())
  .pipe(
    z
      .string()
      .regex(
        /^[a-z0-9._-]{3,32}$/,
        'Tên đăng nhập gồm 3–32 ký tự: chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang, không có dấu cách',
      ),
  );

export const NewPassword = z
  .string()
  .min(8, 'Mật khẩu tối thiểu 8 ký tự')
  .max(128, 'Mật khẩu tối đa 128 ký tự')
  .refine(isStrongEnoughPassword, WEAK_PASSWORD_HINT);

export const StationSettings = z.object({
  code: z.string(),
  name: z.string(),
  provinceCode: z.string(),
  communeCode: z.string(),
  provinceName: z.string(),
  communeName: z.string(),
  address: z.string(),
  phone: z.string(),
  updateUrl: z.string(),
  idleLockMinutes: z.number().int(),
  bpScheme: z.enum(['VNHA2018', 'VNHA2022']),
});
export type StationSettings = z.infer<typeof StationSettings>;

export const StationSetupInput = z.object({
  station: z.object({
    code: StationCode,
    name: RequiredText(200),
    provinceCode: ProvinceCode,
    communeCode: CommuneCode,
  }),
  admin: z.object({
    username: Username,
    fullName: RequiredText(100),
    password: NewPassword,
  }),
});

const UpdateUrl = z
  .string()
  .max(500, 'Địa chỉ cập nhật tối đa 500 ký tự')
  .trim()
  .refine(
    (s) => s === '' || /^https?:\/\//i.test(s),
    'Địa chỉ cập nhật phải bắt đầu bằng http:// hoặc https://',
  );

export const StationUpdateInput = z.object({
  name: RequiredText(200).optional(),
  address: Text(300).optional(),
  phone: Text(30).optional(),
  updateUrl: UpdateUrl.optional(),
  idleLockMinutes: z.number().int().min(1).max(240).optional(),
  bpScheme: z.enum(['VNHA2018', 'VNHA2022']).optional(),
});

export const stationOps = {
  'station.setup': command({ input: StationSetupInput, output: StationSettings, access: 'public' }),
  'station.get': query({ input: Empty, output: StationSettings, access: 'session' }),
  'station.update': command({ input: StationUpdateInput, output: StationSettings, access: 'station.manage' }),
};
