/**
 * The A1 consultation register (Sổ khám bệnh, TT 23/2025 annex III) of a date range: one line per
 * signed visit, oldest first, with the resident's part A and the visit's symptoms, diagnoses,
 * treatment and examiner. Read through `visits_signed_day` (migration 0019); each line's
 * diagnoses, medicines and card numbers are read by their keys.
 */
import type { A1Row } from '#contract/ops/registers.ts';
import { referralText, treatmentText } from '#contract/ops/visit-treatment.ts';
import { isoToVn } from '#contract/dates.ts';
import type { CoreContext } from '../../context.ts';

/** How many lines the range holds. */
export const A1_COUNT_SQL = `SELECT count(*) FROM visits WHERE status = 'signed' AND visit_on BETWEEN ? AND ?`;

/**
 * The page's visits in the register's order, from `visits_signed_day` alone (the offset walks index
 * entries, not rows); their details are then read for those lines only.
 */
export const A1_PAGE_SQL = `SELECT id FROM visits WHERE status = 'signed' AND visit_on BETWEEN ? AND ?
  ORDER BY visit_on, signed_at, id LIMIT ? OFFSET ?`;

export const A1_ROWS_SQL = `
  SELECT v.id, v.person_id, v.visit_on, v.reason, v.data ->> '$.history' AS history, v.examiner_name,
         v.treatment_method, v.treatment_note, v.referral_to, v.referral_reason, v.follow_up_on,
         p.full_name, p.sex, p.birth_date, p.cur_text, p.perm_text, p.village, p.ethnicity_code, p.occupation,
         (SELECT json_group_array(json_array(d.icd_code, d.name)) FROM
            (SELECT icd_code, name FROM visit_diagnoses WHERE visit_id = v.id ORDER BY is_main DESC, seq) d) AS dx,
         (SELECT json_group_array(json_array(m.name, m.dose, m.days)) FROM
            (SELECT name, dose, days FROM visit_medicines WHERE visit_id = v.id ORDER BY seq) m) AS meds,
         (SELECT i.kind || ' ' || i.value FROM person_identifiers i
            WHERE i.person_id = v.person_id AND i.kind IN ('cccd', 'cmnd', 'passport')
            ORDER BY CASE i.kind WHEN 'cccd' THEN 0 WHEN 'cmnd' THEN 1 ELSE 2 END LIMIT 1) AS identity,
         (SELECT i.value FROM person_identifiers i WHERE i.person_id = v.person_id AND i.kind = 'bhyt'
            ORDER BY i.valid_to DESC LIMIT 1) AS bhyt
  FROM json_each(?) page CROSS JOIN visits v ON v.id = page.value JOIN persons p ON p.id = v.person_id
  ORDER BY page.key`;

interface Line {
  id: string;
  person_id: string;
  visit_on: string;
  reason: string;
  history: string | null;
  examiner_name: string;
  treatment_method: string;
  treatment_note: string;
  referral_to: string;
  referral_reason: string;
  follow_up_on: string | null;
  full_name: string;
  sex: 'M' | 'F';
  birth_date: string;
  cur_text: string;
  perm_text: string;
  village: string;
  ethnicity_code: string;
  occupation: string;
  dx: string;
  meds: string;
  identity: string | null;
  bhyt: string | null;
}

const ID_KIND: Record<string, string> = { cccd: 'CCCD', cmnd: 'CMND', passport: 'Hộ chiếu' };

export function countA1(ctx: CoreContext, from: string, to: string): number {
  return ctx.store.prepare(A1_COUNT_SQL).pluck().get(from, to) as number;
}

/** Lines `offset`… of the register (at most `limit`), numbered from offset + 1. */
export function a1Rows(ctx: CoreContext, from: string, to: string, offset: number, limit: number): A1Row[] {
  const ethnicities = new Map(ctx.codes.ethnicities().map((e) => [e.code, e.name]));
  const ids = ctx.store.prepare(A1_PAGE_SQL).pluck().all(from, to, limit, offset) as string[];
  const lines = ctx.store.prepare(A1_ROWS_SQL).all(JSON.stringify(ids)) as Line[];
  return lines.map((l, i) => {
    const [kind, ...number] = (l.identity ?? '').split(' ');
    const dx = JSON.parse(l.dx) as [string, string][];
    const meds = (JSON.parse(l.meds) as [string, string, number | null][]).map(([name, dose, days]) => ({
      name,
      dose,
      days,
    }));
    const note = [
      referralText({ to: l.referral_to, reason: l.referral_reason }),
      l.follow_up_on ? `Hẹn tái khám ${isoToVn(l.follow_up_on)}` : '',
    ]
      .filter(Boolean)
      .join('. ');
    return {
      stt: offset + i + 1,
      visitId: l.id,
      personId: l.person_id,
      visitOn: l.visit_on,
      fullName: l.full_name,
      sex: l.sex,
      birthDate: l.birth_date,
      identity: l.identity ? `${ID_KIND[kind] ?? kind} ${number.join(' ')}` : '',
      bhyt: l.bhyt ?? '',
      address: l.cur_text || l.perm_text || l.village,
      ethnicity: ethnicities.get(l.ethnicity_code) ?? '',
      occupation: l.occupation,
      // The reason for coming is what the register calls the symptoms; the history when none was typed.
      symptoms: l.reason || (l.history ?? ''),
      diagnosis: dx.map(([code, name]) => (code ? `${code} ${name}` : name)).join('; '),
      treatment: treatmentText({ method: l.treatment_method, note: l.treatment_note }, meds),
      examiner: l.examiner_name,
      note,
    };
  });
}
