import { z } from 'zod';
import { query } from '../define.ts';
import { Empty, ProvinceCode } from '../schemas/common.ts';

export const AdminUnit = z.object({
  code: z.string(),
  name: z.string(),
  fullName: z.string(),
  /** 1 centrally-run city, 2 province, 3 ward (phường), 4 commune (xã), 5 special zone (đặc khu). */
  type: z.number().int(),
});
export type AdminUnit = z.infer<typeof AdminUnit>;

export const CodeItem = z.object({ code: z.string(), name: z.string() });
export type CodeItem = z.infer<typeof CodeItem>;

export const codesOps = {
  'codes.provinces': query({ input: Empty, output: z.array(AdminUnit), access: 'public' }),
  'codes.communes': query({
    input: z.object({ provinceCode: ProvinceCode }),
    output: z.array(AdminUnit),
    access: 'public',
  }),
  'codes.ethnicities': query({ input: Empty, output: z.array(CodeItem), access: 'session' }),
};
