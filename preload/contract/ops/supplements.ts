import { z } from 'zod';
import { command, query } from '../define.ts';
import { IsoDate, RequiredText, Text, Uuid } from '../schemas/common.ts';

/* ───────────── A child's vitamin A and deworming doses (issue 14) ───────────── */

export const SUPPLEMENT_KINDS = ['vitamin_a', 'deworming'] as const;
export type SupplementKind = (typeof SUPPLEMENT_KINDS)[number];

export const SUPPLEMENT_NAMES: Readonly<Record<SupplementKind, string>> = {
  vitamin_a: 'Vitamin A liều cao',
  deworming: 'Tẩy giun',
};

export const SupplementInput = z.object({
  kind: z.enum(SUPPLEMENT_KINDS),
  givenOn: IsoDate,
  /** As written on the programme's register: "100.000 IU", "Albendazol 400 mg". */
  dose: Text(60).default(''),
  place: Text(200).default(''),
});
export type SupplementInput = z.input<typeof SupplementInput>;

export const SupplementRecord = z.object({
  id: z.string(),
  kind: z.enum(SUPPLEMENT_KINDS),
  givenOn: z.string(),
  dose: z.string(),
  place: z.string(),
  recordedBy: z.string().nullable(),
});
export type SupplementRecord = z.output<typeof SupplementRecord>;

/** Where a child stands for one supplement on a day. */
export const SupplementDue = z.object({
  kind: z.enum(SUPPLEMENT_KINDS),
  name: z.string(),
  status: z.enum(['due', 'not-yet', 'not-eligible']),
  lastGivenOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  /** In Vietnamese: "Đến hạn từ 01/06/2026", "Chưa đến tuổi (từ 6 tháng)"… */
  label: z.string(),
  /** The dose the programme gives at this age ("100.000 IU"), empty when not eligible. */
  suggestedDose: z.string(),
});
export type SupplementDue = z.output<typeof SupplementDue>;

export const SupplementsView = z.object({
  doses: z.array(SupplementRecord),
  due: z.array(SupplementDue),
});
export type SupplementsView = z.output<typeof SupplementsView>;

export const supplementOps = {
  /** A child's doses, newest first, and whether each supplement is due today. */
  'supplements.list': query({
    input: z.object({ personId: Uuid }),
    output: SupplementsView,
    access: 'records.read',
  }),
  'supplements.record': command({
    input: z.object({ personId: Uuid, dose: SupplementInput }),
    output: SupplementsView,
    access: 'records.write',
  }),
  /** Deletes a dose recorded by mistake; the reason is required and audited. */
  'supplements.remove': command({
    input: z.object({ id: Uuid, reason: RequiredText(300) }),
    output: SupplementsView,
    access: 'records.write',
  }),
};
