import { z } from 'zod';
import { Text } from '../schemas/common.ts';

/**
 * Treatment and referral of an exam (part D, issue 14 point 6): what the A1 consultation register
 * of TT 23/2025 prints in its "phương pháp điều trị" column, and the follow-up of an NCD patient
 * carries forward. Kept in its own file so the visit's schema in record.ts only names it.
 */

/** The treatment method, as a commune station records it (code → the words the register prints). */
export const TREATMENT_METHODS = {
  drugs: 'Điều trị ngoại trú bằng thuốc',
  traditional: 'Y học cổ truyền',
  procedure: 'Thủ thuật, tiểu phẫu',
  'first-aid': 'Sơ cứu, cấp cứu ban đầu',
  advice: 'Tư vấn, theo dõi, không dùng thuốc',
  other: 'Khác',
} as const;
export type TreatmentMethod = keyof typeof TREATMENT_METHODS;
const METHOD_CODES = Object.keys(TREATMENT_METHODS) as [TreatmentMethod, ...TreatmentMethod[]];

/** Days of a prescription: a commune station gives at most a few months' supply at once. */
export const MEDICINE_DAYS = { min: 1, max: 365, confirmAbove: 90 } as const;

export const Treatment = z.object({
  /** '' when not recorded. */
  method: z.enum(['', ...METHOD_CODES]).default(''),
  /** Details of the method ("châm cứu", "rửa vết thương, băng"). */
  note: Text(300).default(''),
});

export const Medicine = z.object({
  name: Text(200).pipe(z.string().min(1)),
  /** How much and how often, as written on the prescription ("1 viên × 2 lần/ngày"). */
  dose: Text(100).default(''),
  days: z.number().int().min(MEDICINE_DAYS.min).max(MEDICINE_DAYS.max).nullable().default(null),
});
export type Medicine = z.output<typeof Medicine>;

export const Referral = z.object({
  /** Where to ('' = not referred): "TTYT huyện", "BVĐK tỉnh". */
  to: Text(200).default(''),
  reason: Text(300).default(''),
});

/** The treatment part of a visit's input (spread into VisitInput). */
export const TreatmentFields = {
  treatment: Treatment.default({ method: '', note: '' }),
  medicines: z.array(Medicine).max(20).default([]),
  referral: Referral.default({ to: '', reason: '' }),
};

/** "Amlodipin 5mg — 1 viên/ngày — 30 ngày", the way the register and the record view write a medicine. */
export function medicineText(m: { name: string; dose: string; days: number | null }): string {
  return [m.name, m.dose, m.days ? `${m.days} ngày` : ''].filter(Boolean).join(' — ');
}

/** The register's "phương pháp điều trị": the method, its note, then the medicines. */
export function treatmentText(
  t: { method: string; note: string },
  medicines: readonly { name: string; dose: string; days: number | null }[],
): string {
  const method = t.method ? (TREATMENT_METHODS[t.method as TreatmentMethod] ?? t.method) : '';
  const head = [method, t.note].filter(Boolean).join(': ');
  const meds = medicines.map(medicineText).join('; ');
  return [head, meds].filter(Boolean).join('. ');
}

/** The referral as the register's note writes it ('' when not referred). */
export function referralText(r: { to: string; reason: string }): string {
  if (!r.to) return '';
  return r.reason ? `Chuyển tuyến: ${r.to} (${r.reason})` : `Chuyển tuyến: ${r.to}`;
}

/**
 * What must be corrected or confirmed in the treatment before the visit is signed (the exam screen
 * shows the same as the nurse types): a referral needs both where and why; a supply longer than
 * `MEDICINE_DAYS.confirmAbove` days is rare at a commune station and is confirmed for that medicine.
 * `field` is the input path under `visit.`.
 */
export function treatmentFindings(v: {
  medicines: readonly { name: string; days: number | null }[];
  referral: { to: string; reason: string };
}): { key: string; field: string; level: 'block' | 'confirm'; message: string }[] {
  const out: { key: string; field: string; level: 'block' | 'confirm'; message: string }[] = [];
  if (v.referral.to && !v.referral.reason)
    out.push({
      key: 'referral.reason',
      field: 'referral.reason',
      level: 'block',
      message: `Lý do chuyển tuyến: hãy ghi vì sao chuyển đến ${v.referral.to}.`,
    });
  if (!v.referral.to && v.referral.reason)
    out.push({
      key: 'referral.to',
      field: 'referral.to',
      level: 'block',
      message: 'Chuyển tuyến đến: hãy ghi nơi chuyển đến (hoặc xóa lý do chuyển tuyến).',
    });
  v.medicines.forEach((m, i) => {
    if (m.days !== null && m.days > MEDICINE_DAYS.confirmAbove)
      out.push({
        key: `medicines.days:${m.name}:${m.days}`,
        field: `medicines.${i}.days`,
        level: 'confirm',
        message: `Số ngày dùng thuốc ${m.name}: ${m.days} ngày (quá ${MEDICINE_DAYS.confirmAbove} ngày).`,
      });
  });
  return out;
}
