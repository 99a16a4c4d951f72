/**
 * The vaccine catalogue for 831 part C, as data: one entry per dose (a row of the form).
 *
 * Groups follow the 831 XML `LOAIVACXIN` / S-HIS `TYPE_VACCINE`: 1 = basic child immunisation
 * (TCMR, C.1), 2 = outside the programme (C.2), 3 = tetanus for pregnant women (C.3).
 *
 * Sources (shared/reference/identifiers-and-code-lists.md §5.4, form-831-and-standards.md §1.4 C):
 * - TT 10/2024/TT-BYT (in force 1 Aug 2024), replaced by TT 52/2025/TT-BYT (in force 15 Feb 2026;
 *   12 diseases including rotavirus and pneumococcus). Both were read only through third-party
 *   summaries and public implementations citing them.
 * - **Uncertain, read this:** TT 13/2026/TT-BYT (in force 1 Jul 2026) adds HPV; one source says it
 *   repeals TT 52/2025 and leaves the schedule to manufacturers and Cục Phòng bệnh guidance, another
 *   that it only adds HPV at 11 years. The ages below are the TT 10/2024 / TT 52/2025 consensus; check
 *   them against the official text before relying on them. Entries with `uncertain` say what is not
 *   confirmed.
 * - Rotavirus, PCV and HPV in TCMR are rolled out province by province (`rollout: 'regional'`): the
 *   schedule engine only includes them when the station says its province has them.
 * - Group 2 rows are those printed on the 831 form (C.2). Their intervals are the usual
 *   manufacturer/WHO minimums; the product actually used decides.
 *
 * "1 month" between doses means at least 28 days (TCMR convention); ages are completed calendar
 * months from the date of birth. Codes are stable identifiers (ASCII); names are what the user sees.
 */
import type { Sex } from '#contract/schemas/common.ts';
import type { Span } from './dates.ts';

export type VaccineGroup = 1 | 2 | 3;

export const VACCINE_GROUP_LABELS: Readonly<Record<VaccineGroup, string>> = {
  1: 'Tiêm chủng cơ bản cho trẻ em',
  2: 'Tiêm chủng ngoài chương trình TCMR',
  3: 'Tiêm vắc xin uốn ván (phụ nữ có thai)',
};

export interface VaccineDose {
  /** Stable code of this dose, e.g. "DPT-VGB-HIB-2". */
  readonly code: string;
  /** The vaccine (series) the dose belongs to, e.g. "DPT-VGB-HIB"; doses of a series share it. */
  readonly vaccine: string;
  /** Vietnamese name of the dose, as shown and printed. */
  readonly name: string;
  readonly group: VaccineGroup;
  /** Dose number within the series (1-based). */
  readonly dose: number;
  readonly program: 'tcmr' | 'service';
  /** On the TCMR roadmap in some provinces only; scheduled only when the station enables it. */
  readonly rollout?: 'regional';
  /** Given to one sex only (HPV in TCMR: girls; tetanus in pregnancy: women). */
  readonly sex?: Sex;
  /** Recommended age, counted from the date of birth. Absent: not scheduled by age. */
  readonly recommendedAge?: Span;
  /** Earliest valid age; a dose given before it is flagged. */
  readonly minAge?: Span;
  /** The dose is no longer given from this age on ("too late"). */
  readonly tooLateFromAge?: Span;
  /** The previous dose of the series and the spacing after it. */
  readonly after?: {
    readonly code: string;
    /** Earliest valid spacing; a dose given sooner is flagged. */
    readonly minInterval: Span;
    /** Usual spacing, used for the due date when longer than the minimum. */
    readonly recommendedInterval?: Span;
  };
  /** The row label on the printed 831 form, where the form has one. */
  readonly form831Row?: string;
  /** What is not confirmed about this entry, and why. */
  readonly uncertain?: string;
  readonly source: string;
}

const TT = 'TT 10/2024/TT-BYT; TT 52/2025/TT-BYT (per third-party summaries)';
const FOUR_WEEKS: Span = { days: 28 };
/** Upper ages for a late start: WHO, "Recommendations for interrupted or delayed routine immunization" (Table 3, 2023). */
const WHO_DELAYED = 'WHO Table 3, interrupted or delayed routine immunization (2023)';

export const VACCINE_CATALOGUE: readonly VaccineDose[] = [
  // ── Group 1: TCMR, children ─────────────────────────────────────────────────────────────────
  {
    code: 'VGB-SS',
    vaccine: 'VGB-SS',
    name: 'Viêm gan B sơ sinh (trong 24 giờ đầu)',
    group: 1,
    dose: 1,
    program: 'tcmr',
    recommendedAge: { days: 0 },
    // Within 24 hours of birth. Dates carry no time, so a dose on the day after birth may still be
    // within 24 hours: too late from the second day after birth.
    tooLateFromAge: { days: 2 },
    form831Row: 'VGB sơ sinh',
    source: `${TT}; HCDC`,
  },
  {
    code: 'BCG',
    vaccine: 'BCG',
    name: 'Lao (BCG)',
    group: 1,
    dose: 1,
    program: 'tcmr',
    recommendedAge: { days: 0 },
    tooLateFromAge: { months: 12 },
    form831Row: 'BCG',
    uncertain:
      'Catch-up before 12 months comes from implementations citing TT 10/2024, not from the text itself.',
    source: TT,
  },
  // Upper age: without one, a child whose doses were never entered (a record started from a paper
  // book, a child who moved in) was invited for the infant 5-in-1 at 13. Hib is not given to healthy
  // children over 5, and the whole-cell pertussis in TCMR's 5-in-1 and DPT not from 7 (Td is).
  ...series(
    'DPT-VGB-HIB',
    'Bạch hầu-Ho gà-Uốn ván-Viêm gan B-Hib (5 trong 1)',
    'DPT-VGB-Hib',
    [2, 3, 4],
    { minAge: { weeks: 6 } },
    {
      tooLateFromAge: { years: 5 },
      source: WHO_DELAYED,
      uncertain:
        'Upper age (5 years, the Hib component) from WHO’s catch-up table, not from the circular; a child ' +
        'over 5 catches up diphtheria-tetanus with Td and hepatitis B on its own as the district advises.',
    },
  ),
  ...series('OPV', 'Bại liệt uống (bOPV)', 'Bại liệt', [2, 3, 4], { minAge: { weeks: 6 } }),
  {
    code: 'IPV-1',
    vaccine: 'IPV',
    name: 'Bại liệt tiêm (IPV) mũi 1',
    group: 1,
    dose: 1,
    program: 'tcmr',
    recommendedAge: { months: 5 },
    source: `${TT} ("khi đủ 5 tháng và khi đủ 9 tháng", new in TT 10/2024)`,
  },
  {
    code: 'IPV-2',
    vaccine: 'IPV',
    name: 'Bại liệt tiêm (IPV) mũi 2',
    group: 1,
    dose: 2,
    program: 'tcmr',
    recommendedAge: { months: 9 },
    after: { code: 'IPV-1', minInterval: FOUR_WEEKS },
    source: TT,
  },
  {
    code: 'SOI',
    vaccine: 'SOI',
    name: 'Sởi',
    group: 1,
    dose: 1,
    program: 'tcmr',
    recommendedAge: { months: 9 },
    minAge: { months: 9 },
    form831Row: 'Sởi 1',
    source: 'TT 52/2025/TT-BYT p.7 (per N1)',
  },
  {
    code: 'MR',
    vaccine: 'MR',
    name: 'Sởi-Rubella (MR)',
    group: 1,
    dose: 1,
    program: 'tcmr',
    recommendedAge: { months: 18 },
    after: { code: 'SOI', minInterval: FOUR_WEEKS },
    // The 2017-era form calls the 18-month measles dose "Sởi 2"; it is given as MR today.
    form831Row: 'Sởi 2',
    source: 'TT 10/2024/TT-BYT (per N2, C2)',
  },
  {
    code: 'DPT-4',
    vaccine: 'DPT',
    name: 'Bạch hầu-Ho gà-Uốn ván (DPT) nhắc lại',
    group: 1,
    dose: 4,
    program: 'tcmr',
    recommendedAge: { months: 18 },
    after: { code: 'DPT-VGB-HIB-3', minInterval: { months: 6 } },
    // Whole-cell pertussis is not given from 7 years on; the Td dose at 7 takes over.
    tooLateFromAge: { years: 7 },
    form831Row: 'DPT4',
    uncertain:
      'The 6-month minimum after dose 3 is the WHO rule for the DTP booster, not quoted from the circular; ' +
      'so is the upper age of 7 (whole-cell pertussis).',
    source: `TT 52/2025/TT-BYT pp.2–4 (per N1); ${WHO_DELAYED}`,
  },
  {
    code: 'VNNB-1',
    vaccine: 'VNNB',
    name: 'Viêm não Nhật Bản mũi 1',
    group: 1,
    dose: 1,
    program: 'tcmr',
    recommendedAge: { months: 12 },
    form831Row: 'VNNB B1',
    source: `${TT} (C1; nuoitre.com)`,
  },
  {
    code: 'VNNB-2',
    vaccine: 'VNNB',
    name: 'Viêm não Nhật Bản mũi 2',
    group: 1,
    dose: 2,
    program: 'tcmr',
    // "1–2 weeks after dose 1": due after one week.
    after: { code: 'VNNB-1', minInterval: { weeks: 1 } },
    form831Row: 'VNNB B2',
    source: `${TT} (C1; nuoitre.com)`,
  },
  {
    code: 'VNNB-3',
    vaccine: 'VNNB',
    name: 'Viêm não Nhật Bản mũi 3',
    group: 1,
    dose: 3,
    program: 'tcmr',
    after: { code: 'VNNB-2', minInterval: { years: 1 } },
    form831Row: 'VNNB B3',
    uncertain: 'Schedule of the inactivated vaccine used so far; a switch of product would change it.',
    source: `${TT} (C1; nuoitre.com)`,
  },
  {
    code: 'TD',
    vaccine: 'TD',
    name: 'Uốn ván-Bạch hầu giảm liều (Td) nhắc lại lúc 7 tuổi',
    group: 1,
    dose: 1,
    program: 'tcmr',
    recommendedAge: { years: 7 },
    uncertain: 'Read from TT 52/2025 by one third-party source (N1); not on the 2017-era 831 form.',
    source: 'TT 52/2025/TT-BYT pp.3–4 (per N1)',
  },
  {
    code: 'ROTA-1',
    vaccine: 'ROTA',
    name: 'Tiêu chảy do Rota virus (uống) liều 1',
    group: 1,
    dose: 1,
    program: 'tcmr',
    rollout: 'regional',
    recommendedAge: { months: 2 },
    minAge: { weeks: 6 },
    // WHO: not for children over 24 months (the disease's age distribution).
    tooLateFromAge: { months: 24 },
    uncertain:
      'Number of doses and age limits depend on the product (2 doses at 2 and 3 months in one implementation); ' +
      'the 24-month upper age is WHO’s.',
    source: `TT 52/2025/TT-BYT (12 diseases); HCDC; C1, C3. Free in 32 + 9 provinces so far; ${WHO_DELAYED}`,
  },
  {
    code: 'ROTA-2',
    vaccine: 'ROTA',
    name: 'Tiêu chảy do Rota virus (uống) liều 2',
    group: 1,
    dose: 2,
    program: 'tcmr',
    rollout: 'regional',
    recommendedAge: { months: 3 },
    after: { code: 'ROTA-1', minInterval: FOUR_WEEKS },
    // One implementation stops the series at about 32 weeks of age.
    tooLateFromAge: { weeks: 32 },
    uncertain: 'Upper age limit (~32 weeks) from one implementation; product-dependent.',
    source: 'TT 52/2025/TT-BYT; HCDC; C1, C3',
  },
  {
    code: 'PCV-1',
    vaccine: 'PCV',
    name: 'Phế cầu (PCV) mũi 1',
    group: 1,
    dose: 1,
    program: 'tcmr',
    rollout: 'regional',
    recommendedAge: { months: 2 },
    minAge: { weeks: 6 },
    // WHO: not for healthy children over 5 (as Hib).
    tooLateFromAge: { years: 5 },
    uncertain:
      'Ages 2, 4 and 12 months from one implementation; another source says dose 2 two months after dose 1. ' +
      'The upper age of 5 is WHO’s.',
    source: `TT 52/2025/TT-BYT (12 diseases); N2 [unverified]; ${WHO_DELAYED}`,
  },
  {
    code: 'PCV-2',
    vaccine: 'PCV',
    name: 'Phế cầu (PCV) mũi 2',
    group: 1,
    dose: 2,
    program: 'tcmr',
    rollout: 'regional',
    recommendedAge: { months: 4 },
    after: { code: 'PCV-1', minInterval: { weeks: 8 } },
    tooLateFromAge: { years: 5 },
    uncertain: 'See PCV-1; the 8-week spacing is WHO’s 2p+1 schedule.',
    source: `TT 52/2025/TT-BYT; N2 [unverified]; ${WHO_DELAYED}`,
  },
  {
    code: 'PCV-3',
    vaccine: 'PCV',
    name: 'Phế cầu (PCV) mũi 3 (nhắc lại)',
    group: 1,
    dose: 3,
    program: 'tcmr',
    rollout: 'regional',
    recommendedAge: { months: 12 },
    after: { code: 'PCV-2', minInterval: { weeks: 8 } },
    tooLateFromAge: { years: 5 },
    uncertain: 'See PCV-1.',
    source: `TT 52/2025/TT-BYT; N2 [unverified]; ${WHO_DELAYED}`,
  },
  {
    code: 'HPV-TCMR',
    vaccine: 'HPV-TCMR',
    name: 'HPV (tiêm chủng mở rộng, trẻ gái 11 tuổi)',
    group: 1,
    dose: 1,
    program: 'tcmr',
    rollout: 'regional',
    sex: 'F',
    recommendedAge: { years: 11 },
    uncertain: 'From 1 Jul 2026 per TT 13/2026 in press reports only; number of doses not known.',
    source: 'TT 13/2026/TT-BYT (per N2, press) [unverified]',
  },

  // ── Group 2: outside TCMR (831 C.2 rows) ─────────────────────────────────────────────────────
  ...serviceSeries('TA', 'Tả (uống)', 'Tả', 2, { minAge: { years: 2 }, interval: { days: 14 } }),
  ...serviceSeries('QUAI-BI', 'Quai bị', 'Quai bị', 3, { minAge: { months: 12 }, interval: FOUR_WEEKS }),
  ...serviceSeries('CUM', 'Cúm', 'Cúm', 3, {
    minAge: { months: 6 },
    interval: FOUR_WEEKS,
    laterInterval: { years: 1 },
  }),
  ...serviceSeries('THUONG-HAN', 'Thương hàn', 'Thương hàn', 1, { minAge: { years: 2 } }),
  ...serviceSeries('HPV', 'HPV (ung thư cổ tử cung)', 'HPV', 3, {
    minAge: { years: 9 },
    interval: FOUR_WEEKS,
    recommendedInterval: { months: 2 },
    laterInterval: { weeks: 12 },
    laterRecommended: { months: 4 },
  }),
  ...serviceSeries('PHE-CAU', 'Phế cầu khuẩn', 'Vắc xin phế cầu khuẩn', 1, { minAge: { weeks: 6 } }),

  // ── Group 3: tetanus for pregnant women (831 C.3, with the month of pregnancy) ────────────────
  // UV1 early in pregnancy; the later spacings are WHO's five-dose schedule for women (tetanus
  // position paper, 2017): UV2 at least 4 weeks after UV1, UV3 6 months after UV2, UV4 and UV5 a
  // year after the one before. The Vietnamese UV1–UV5 intervals were not found in any source consulted.
  ...[
    { dose: 1 },
    { dose: 2, minInterval: { weeks: 4 } },
    { dose: 3, minInterval: { months: 6 } },
    { dose: 4, minInterval: { years: 1 } },
    { dose: 5, minInterval: { years: 1 } },
  ].map(({ dose, minInterval }): VaccineDose => ({
    code: `UV-${dose}`,
    vaccine: 'UV',
    name: `Uốn ván mũi ${dose} (UV${dose})`,
    group: 3,
    dose,
    program: 'tcmr',
    sex: 'F',
    ...(minInterval ? { after: { code: `UV-${dose - 1}`, minInterval } } : {}),
    form831Row: `UV${dose}`,
    uncertain:
      'Intervals after UV1 are WHO’s, not confirmed from TT 10/2024 (which schedules tetanus in pregnancy by history).',
    source: 'TT 10/2024/TT-BYT (by history, per C1); WHO tetanus position paper 2017',
  })),
];

/** A TCMR primary series: doses at the given ages (months), at least 28 days apart. */
function series(
  vaccine: string,
  name: string,
  formLabel: string,
  ages: number[],
  first: { minAge: Span },
  limit?: { tooLateFromAge: Span; source: string; uncertain: string },
): VaccineDose[] {
  return ages.map((months, i) => ({
    code: `${vaccine}-${i + 1}`,
    vaccine,
    name: `${name} mũi ${i + 1}`,
    group: 1,
    dose: i + 1,
    program: 'tcmr',
    recommendedAge: { months },
    ...(i === 0 ? { minAge: first.minAge } : { after: { code: `${vaccine}-${i}`, minInterval: FOUR_WEEKS } }),
    ...(limit ? { tooLateFromAge: limit.tooLateFromAge, uncertain: limit.uncertain } : {}),
    form831Row: `${formLabel} ${i + 1}`,
    source: `${TT} (C1, C2, C3)${limit ? `; ${limit.source}` : ''}`,
  }));
}

interface ServiceSpacing {
  minAge: Span;
  /** Minimum spacing of dose 2 after dose 1. */
  interval?: Span;
  recommendedInterval?: Span;
  /** Spacing of dose 3 onward, when it differs (annual influenza, HPV dose 3). */
  laterInterval?: Span;
  laterRecommended?: Span;
}

/** A vaccine outside TCMR: the number of rows printed on the form, spaced by usual minimums. */
function serviceSeries(
  vaccine: string,
  name: string,
  formLabel: string,
  doses: number,
  spacing: ServiceSpacing,
): VaccineDose[] {
  return Array.from({ length: doses }, (_, i): VaccineDose => {
    const later = i >= 2;
    const minInterval = (later ? spacing.laterInterval : undefined) ?? spacing.interval ?? FOUR_WEEKS;
    const recommendedInterval = later ? spacing.laterRecommended : spacing.recommendedInterval;
    return {
      code: doses === 1 ? vaccine : `${vaccine}-${i + 1}`,
      vaccine,
      name: doses === 1 ? name : `${name} mũi ${i + 1}`,
      group: 2,
      dose: i + 1,
      program: 'service',
      minAge: spacing.minAge,
      ...(i > 0
        ? {
            after: {
              code: `${vaccine}-${i}`,
              minInterval,
              ...(recommendedInterval ? { recommendedInterval } : {}),
            },
          }
        : {}),
      form831Row: doses === 1 ? formLabel : `${formLabel} ${i + 1}`,
      uncertain: 'Spacing depends on the product used; these are the usual manufacturer/WHO minimums.',
      source: '831 C.2 rows (S-YII); manufacturer schedules',
    };
  });
}

const BY_CODE = new Map(VACCINE_CATALOGUE.map((d) => [d.code, d]));

export function vaccineDose(code: string): VaccineDose | undefined {
  return BY_CODE.get(code);
}

export function vaccineDosesInGroup(group: VaccineGroup): VaccineDose[] {
  return VACCINE_CATALOGUE.filter((d) => d.group === group);
}
