import { z } from 'zod';

/** Records are created offline and must stay unique upstream: ids are client-generated UUIDs. */
export const Uuid = z.uuid();

/** ISO-8601 calendar date, yyyy-mm-dd. */
export const IsoDate = z.iso.date();

/** ISO-8601 UTC timestamp. */
export const IsoDateTime = z.iso.datetime({ offset: true });

/**
 * A date of birth may be partial: only the year is known for many older residents.
 * Stored as 'yyyy' or 'yyyy-mm-dd'.
 */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}-\d{2})?$/, 'Ngày phải có dạng năm (yyyy) hoặc ngày đầy đủ (yyyy-mm-dd)')
  .refine((s) => s.length === 4 || isRealCalendarDate(s), { message: 'Ngày không tồn tại' });

/** True for a yyyy-mm-dd string naming a day that exists (rejects 2023-02-30, which Date would roll over). */
export function isRealCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** NFC (typed or scanned Vietnamese may arrive decomposed, NFD), trimmed, runs of spaces collapsed. */
export const cleanText = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim();

/**
 * One line of text. The raw length is limited before any transform (a pasted novel is refused
 * cheaply), then the cleaned text. Messages come from `input-issues.ts`, which names the field.
 */
export const Text = (max = 200) =>
  z
    .string()
    .max(max * 2)
    .transform(cleanText)
    .pipe(z.string().max(max));

export const RequiredText = (max = 200) =>
  z
    .string()
    .max(max * 2)
    .transform(cleanText)
    .pipe(z.string().min(1).max(max));

/** Several lines (history, findings, advice): NFC, trimmed, line breaks kept. */
export const LongText = (max = 4000) =>
  z
    .string()
    .max(max * 2)
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().max(max));

export const Sex = z.enum(['M', 'F']);
export type Sex = z.infer<typeof Sex>;

export const ProvinceCode = z.string().regex(/^\d{2}$/, 'Mã tỉnh gồm 2 chữ số');
export const CommuneCode = z.string().regex(/^\d{5}$/, 'Mã xã gồm 5 chữ số');

export const Page = z.object({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});

export const Empty = z.object({}).strict();
export const Nothing = z.null();
