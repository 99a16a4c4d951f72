import { z } from 'zod';
import { command, query } from '../define.ts';
import { Empty, IsoDate, Text } from '../schemas/common.ts';
import { DueListInput } from './record.ts';

/**
 * Reports (issue 13): the station's dashboard — record coverage against the plan's targets, what
 * was updated, examined and acknowledged upstream, NCD follow-up, immunisation, child growth and
 * the residents by age — and the work lists behind every figure, with their exports.
 */

/** The plan's coverage targets (QĐ 5349 95 %, the 2022 plan 90 %, NQ 262 100 % from 2030). */
export const COVERAGE_TARGETS = [0.9, 0.95, 1] as const;

/** A period (inclusive days, station time) and optionally one village; the whole commune without it. */
export const ReportScope = z.object({
  from: IsoDate,
  to: IsoDate,
  village: z.string().max(100).optional(),
});

const Count = z.number().int().min(0);

export const Dashboard = z.object({
  from: z.string(),
  to: z.string(),
  /** The day "today" is for the figures that are as of now (examined in 12 months, overdue, due this month). */
  asOf: z.string(),
  village: z.string().nullable(),
  /** Every village of the registry (for the filter). */
  villages: z.array(z.string()),
  population: z.object({
    /** Active residents of the registry (in the village chosen). */
    registry: Count,
    /** The commune's official population entered for the year, if any. */
    official: Count.nullable(),
    year: z.number().int(),
    /** Which one the coverage is divided by: the official figure only for the whole commune. */
    source: z.enum(['official', 'registry']),
    denominator: Count,
  }),
  coverage: z.object({
    /** Active residents with something in parts B, C or D (history saved, a dose, a signed exam). */
    withRecord: Count,
    /** withRecord ÷ denominator, or null when there is no one to divide by. */
    rate: z.number().nullable(),
    targets: z.array(z.number()),
  }),
  byVillage: z.array(z.object({ village: z.string(), active: Count, withRecord: Count })),
  /** Active residents whose part B, C or D changed in the period. */
  updated: Count,
  /** Active residents with a signed exam in the 12 months up to asOf. */
  examined12m: Count,
  /** Active residents never examined or not in 12 months. */
  notExamined: Count,
  upstream: z.object({
    /** False when no upstream is switched on: the screen says "chưa có". */
    configured: z.boolean(),
    /** Active residents whose current version an upstream acknowledged. */
    acknowledged: Count,
    /** Records the upstream refused (waiting for a fix or "Gửi lại"). */
    failed: Count,
  }),
  ncd: z.array(
    z.object({
      register: z.enum(['hypertension', 'diabetes']),
      managed: Count,
      /** With a signed exam in the 3 months up to asOf. */
      followed3m: Count,
      overdue: Count,
    }),
  ),
  vaccines: z.object({
    /** yyyy-mm of asOf: doses due by the month's last day. */
    month: z.string(),
    due: Count,
    /** Of them, a dose that fell due more than a month before asOf. */
    overdue: Count,
    /** Children whose first birthday falls in the period … */
    cohort: Count,
    /** … and of them, those who had BCG, DPT-VGB-Hib 1–3, OPV 1–3, IPV and measles before it. */
    fullyImmunised: Count,
  }),
  growth: z.object({
    /** Active children under 5 (full birth date) as of asOf. */
    under5: Count,
    /** Of them, with a weight or height at a signed exam. */
    measured: Count,
    /** Weight-for-age or height-for-age below −2 SD at the last measurement. */
    below2sd: Count,
    /** Below −2 SD of weight-for-age, height-for-age or weight-for-height (the malnourished list). */
    malnourished: Count,
  }),
  ages: z.object({ under6: Count, pupils: Count, working: Count, elderly: Count }),
  moved: Count,
  deceased: Count,
  /**
   * Month by month over the period (at most 24 months, the last ones): changes to records (part B
   * saves, doses recorded, exams signed or amended), exams signed (by their day), doses given.
   */
  trends: z.array(z.object({ month: z.string(), updated: Count, examined: Count, doses: Count })),
});
export type Dashboard = z.output<typeof Dashboard>;

/** The lists behind the figures; the first five are the work lists with actions. */
export const WORKLIST_KINDS = [
  'ncd-overdue',
  'vaccines-due',
  'not-examined',
  'malnourished',
  'upload-failed',
  'with-record',
  'without-record',
  'updated',
  'examined',
  'acknowledged',
  'ncd-managed',
  'ncd-followed',
  'vaccines-overdue',
  'fully-immunised',
  'not-fully-immunised',
  'under5-low',
  'age-under6',
  'age-pupils',
  'age-working',
  'age-elderly',
  'moved',
  'deceased',
] as const;
export type WorklistKind = (typeof WORKLIST_KINDS)[number];

export const WorklistInput = ReportScope.extend({
  kind: z.enum(WORKLIST_KINDS),
  register: z.enum(['hypertension', 'diabetes']).optional(),
  /** The screen shows this many; the export takes them all. */
  limit: z.number().int().min(1).max(5000).default(500),
});

export const WorklistRow = z.object({
  personId: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
  sex: z.enum(['M', 'F']),
  village: z.string(),
  phone: z.string(),
  /** The row's date (last exam, due date, measured on…), named by the list's dateLabel. */
  date: z.string().nullable(),
  /** Why the resident is on the list, in words ("Nhẹ cân (CN/T −2,4)", "Quá hạn 35 ngày"). */
  detail: z.string(),
});
export type WorklistRow = z.output<typeof WorklistRow>;

export const Worklist = z.object({
  kind: z.enum(WORKLIST_KINDS),
  title: z.string(),
  dateLabel: z.string(),
  detailLabel: z.string(),
  total: Count,
  rows: z.array(WorklistRow),
});
export type Worklist = z.output<typeof Worklist>;

/**
 * A list printed: its PDF kept as a print job (the print dialog sends it to a printer, the job list
 * prints it again or saves it), with how many pages and rows it holds.
 */
export const ListPrintJob = z.object({
  jobId: z.string(),
  /** The job's title, as the print dialog and the job list show it. */
  title: z.string(),
  pages: Count,
  rows: Count,
});
export type ListPrintJob = z.output<typeof ListPrintJob>;

export const PopulationYear = z.object({
  year: z.number().int(),
  population: Count,
  source: z.string(),
  updatedAt: z.string(),
});

export const reportsOps = {
  'reports.dashboard': query({ input: ReportScope, output: Dashboard, access: 'reports.read' }),
  /** The residents behind a figure, or a work list; who looked at which list is audited. */
  'reports.worklist': query({ input: WorklistInput, output: Worklist, access: 'reports.read' }),
  /** The whole list as an XLSX workbook, audited. */
  'reports.worklistExport': command({
    input: WorklistInput.omit({ limit: true }),
    output: z.object({ fileName: z.string(), contentBase64: z.string(), rows: Count }),
    access: 'reports.read',
  }),
  /**
   * The whole list as a PDF (A4 landscape, header row on every page, "Trang x/y") kept as a print
   * job; audited. Needs `forms.print` and, checked by the handler, `reports.read`.
   */
  'reports.worklistPrint': command({
    input: WorklistInput.omit({ limit: true }),
    output: ListPrintJob,
    access: 'forms.print',
  }),
  /**
   * The immunisation invitation list of a session (by village: each child, the dose, the session's
   * day and place) as a PDF kept as a print job; audited. Needs `forms.print` and `records.read`.
   */
  'reports.dueListPrint': command({
    input: DueListInput.omit({ limit: true }).extend({ place: Text(200).default('') }),
    output: ListPrintJob,
    access: 'forms.print',
  }),
  'reports.population': query({ input: Empty, output: z.array(PopulationYear), access: 'reports.read' }),
  /** The commune's official population for a year (from the commune People's Committee), or none (null). */
  'reports.setPopulation': command({
    input: z.object({
      year: z.number().int().min(2000).max(2100),
      population: z.number().int().min(1).max(10_000_000).nullable(),
      source: Text(200).default(''),
    }),
    output: z.array(PopulationYear),
    access: 'station.manage',
  }),
};
