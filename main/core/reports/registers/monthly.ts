/**
 * The month's figures for the district (TT 23/2025: KCB activity like Biểu 9, morbidity by ICD-10
 * chapter like Biểu 14, NCD management as TT 15/2026 asks, immunisation, and record coverage).
 * Every query reads an index for the month (or the small NCD register); the summary yields to the
 * event loop between them, so no step holds the main process long.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { MonthlySummary } from '#contract/ops/registers.ts';
import type { CoreContext } from '../../context.ts';
import { ageOn } from '../../registry/age.ts';
import { NCD_REGISTER_LABELS } from '../../record/rules/ncd.ts';
import { ICD10_CHAPTERS, icdChapter } from './icd-chapters.ts';
import { monthRange, twelveMonthsEndingOn } from './range.ts';

/** Age bands on the visit day, as the KCB activity form counts them (children < 6, < 15, elderly ≥ 60). */
export const AGE_BANDS = [
  { label: 'Dưới 6 tuổi', below: 6 },
  { label: 'Từ 6 đến dưới 15 tuổi', below: 15 },
  { label: 'Từ 15 đến dưới 60 tuổi', below: 60 },
  { label: 'Từ 60 tuổi trở lên', below: Infinity },
] as const;

/**
 * One line per signed visit of the range: who (sex, birth), the main diagnosis, a valid BHYT card, a
 * referral — every column from an index (visits_signed_day, persons_id_sex_birth,
 * visit_diagnoses_main, person_identifiers_person), none from a table row.
 */
export const MONTH_VISITS_SQL = `
  SELECT v.person_id, p.sex, p.birth_date, v.visit_on, v.referral_to <> '' AS referred,
         (SELECT d.icd_code FROM visit_diagnoses d WHERE d.visit_id = v.id AND d.is_main = 1 LIMIT 1) AS main_code,
         EXISTS (SELECT 1 FROM person_identifiers i WHERE i.person_id = v.person_id AND i.kind = 'bhyt'
                 AND (i.valid_to IS NULL OR i.valid_to >= v.visit_on)) AS bhyt
  FROM visits v JOIN persons p INDEXED BY persons_id_sex_birth ON p.id = v.person_id
  WHERE v.status = 'signed' AND v.visit_on BETWEEN @from AND @to`;

// The registers' patients (a few thousand) who are still here; who was seen is the month's visits.
export const MONTH_NCD_SQL = `
  SELECT r.register, r.person_id, r.registered_on >= @from AS new_in_month
  FROM ncd_registers r CROSS JOIN persons p INDEXED BY persons_id_sex_birth ON p.id = r.person_id
  WHERE p.status = 'active' AND r.registered_on <= @to`;

export const MONTH_DOSES_SQL = `
  SELECT i.vaccine_code AS code, coalesce(c.data ->> '$.name', i.vaccine_code) AS name, count(*) AS doses
  FROM immunizations i LEFT JOIN vaccines c ON c.code = i.vaccine_code
  WHERE i.given_on BETWEEN @from AND @to
  GROUP BY i.vaccine_code ORDER BY coalesce(c.sort, 1000000), i.vaccine_code`;

export const MONTH_DOSE_PEOPLE_SQL = `SELECT count(DISTINCT person_id) FROM immunizations WHERE given_on BETWEEN @from AND @to`;

/** Active residents, and those whose latest exam (persons.last_visit_on) falls by / in the 12 months to the day. */
export const COVERAGE_SQL = `
  SELECT count(*) AS residents, coalesce(sum(last_visit_on <= @to), 0) AS seen_by,
         coalesce(sum(last_visit_on BETWEEN @from12 AND @to), 0) AS seen_12
  FROM persons WHERE status = 'active'`;

// Residents seen after the day: their latest exam does not say whether they had one by then, so ask their visits.
export const COVERAGE_LATER_SQL = `
  SELECT coalesce(sum(EXISTS (SELECT 1 FROM visits v INDEXED BY visits_person
                      WHERE v.person_id = p.id AND v.visit_on <= @to AND v.status = 'signed')), 0) AS seen_by,
         coalesce(sum(EXISTS (SELECT 1 FROM visits v INDEXED BY visits_person
                      WHERE v.person_id = p.id AND v.visit_on BETWEEN @from12 AND @to AND v.status = 'signed')), 0) AS seen_12
  FROM persons p WHERE p.status = 'active' AND p.last_visit_on > @to`;

interface VisitLine {
  person_id: string;
  sex: 'M' | 'F';
  birth_date: string;
  visit_on: string;
  referred: number;
  main_code: string | null;
  bhyt: number;
}

export async function monthlySummary(ctx: CoreContext, month: string): Promise<MonthlySummary> {
  const { from, to } = monthRange(month);
  const from12 = twelveMonthsEndingOn(to);

  const total = { total: 0, male: 0, female: 0 };
  const bands = AGE_BANDS.map((b) => ({ label: b.label, total: 0, male: 0, female: 0 }));
  const byChapter = new Map<string, number>();
  let withBhyt = 0;
  let referred = 0;
  let uncoded = 0;
  const seen = new Set<string>();
  for (const v of ctx.store.prepare(MONTH_VISITS_SQL).all({ from, to }) as VisitLine[]) {
    const age = ageOn(v.birth_date, v.visit_on);
    const band = bands[AGE_BANDS.findIndex((b) => age < b.below)];
    for (const row of [total, band]) {
      row.total += 1;
      if (v.sex === 'M') row.male += 1;
      else row.female += 1;
    }
    seen.add(v.person_id);
    withBhyt += v.bhyt;
    referred += v.referred;
    const chapter = icdChapter(v.main_code ?? '');
    if (chapter) byChapter.set(chapter.chapter, (byChapter.get(chapter.chapter) ?? 0) + 1);
    else uncoded += 1;
  }
  await yieldToEventLoop();

  const ncdRows = ctx.store.prepare(MONTH_NCD_SQL).all({ from, to }) as {
    register: 'hypertension' | 'diabetes';
    person_id: string;
    new_in_month: number;
  }[];
  const ncd = (['hypertension', 'diabetes'] as const).map((register) => {
    const rows = ncdRows.filter((x) => x.register === register);
    return {
      register,
      label: NCD_REGISTER_LABELS[register],
      managed: rows.length,
      newInMonth: rows.filter((r) => r.new_in_month === 1).length,
      seenInMonth: rows.filter((r) => seen.has(r.person_id)).length,
    };
  });
  await yieldToEventLoop();

  const byVaccine = (
    ctx.store.prepare(MONTH_DOSES_SQL).all({ from, to }) as { code: string; name: string; doses: number }[]
  ).map((d) => ({ vaccine: d.code, name: d.name, doses: d.doses }));
  const people = ctx.store.prepare(MONTH_DOSE_PEOPLE_SQL).pluck().get({ from, to }) as number;
  await yieldToEventLoop();

  const cov = ctx.store.prepare(COVERAGE_SQL).get({ to, from12 }) as {
    residents: number;
    seen_by: number;
    seen_12: number;
  };
  await yieldToEventLoop();
  const later = ctx.store.prepare(COVERAGE_LATER_SQL).get({ to, from12 }) as {
    seen_by: number;
    seen_12: number;
  };

  return {
    month,
    from,
    to,
    visits: { total, bands, withBhyt, referred },
    chapters: ICD10_CHAPTERS.filter((c) => byChapter.has(c.chapter)).map((c) => ({
      chapter: c.chapter,
      range: `${c.from}–${c.to}`,
      title: c.title,
      count: byChapter.get(c.chapter) ?? 0,
    })),
    uncoded,
    ncd,
    immunization: { doses: byVaccine.reduce((n, d) => n + d.doses, 0), people, byVaccine },
    coverage: {
      residents: cov.residents,
      withExam: cov.seen_by + later.seen_by,
      examinedIn12Months: cov.seen_12 + later.seen_12,
    },
  };
}
