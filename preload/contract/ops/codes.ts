import { z } from 'zod';
import { query } from '../define.ts';
import { Empty, ProvinceCode, Sex } from '../schemas/common.ts';

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

export const Icd10Hit = z.object({ code: z.string(), name: z.string() });
export type Icd10Hit = z.infer<typeof Icd10Hit>;

/** ICD-10 search for one person: codes that cannot apply to their sex and age are left out. */
export const Icd10SearchInput = z.object({
  q: z.string().max(100),
  limit: z.number().int().min(1).max(50).default(15),
  /** Unknown (null or left out): not judged. Messages name the field (contract/field-labels.ts). */
  sex: Sex.nullable().optional(),
  /** Completed years; fractions for babies. */
  ageYears: z.number().min(0).max(150).nullable().optional(),
});

export const Icd10SearchResult = z.object({
  hits: z.array(Icd10Hit),
  /** How many matching codes were left out because they cannot apply to this person. */
  hidden: z.number().int(),
  /** Why the best-ranked of them was left out (Vietnamese), or null. */
  hiddenReason: z.string().nullable(),
});
export type Icd10SearchResult = z.infer<typeof Icd10SearchResult>;

export const codesOps = {
  'codes.provinces': query({ input: Empty, output: z.array(AdminUnit), access: 'public' }),
  'codes.communes': query({
    input: z.object({ provinceCode: ProvinceCode }),
    output: z.array(AdminUnit),
    access: 'public',
  }),
  'codes.ethnicities': query({ input: Empty, output: z.array(CodeItem), access: 'session' }),
  'codes.icd10Search': query({ input: Icd10SearchInput, output: Icd10SearchResult, access: 'session' }),
};
