import { z } from 'zod';
import { command, query } from '../define.ts';
import { IsoDate } from '../schemas/common.ts';

/**
 * The station's primary registers and the monthly summary of TT 23/2025/TT-BYT (issue 13 point 3):
 * the A1 consultation register (Sổ khám bệnh) for a date range, on screen and as XLSX, and the
 * month's figures a district officer reads (visits by sex and age band, diagnoses by ICD-10
 * chapter, NCD management, immunisation, record coverage), as XLSX. Everything is read from the
 * signed part D and parts A–C; nothing is stored. Reading the register shows residents' data, so
 * every read and export is on the audit trail.
 */

/** A date range of the register: at most a year, so one request stays bounded. */
export const REGISTER_MAX_DAYS = 366;

export const A1Range = z.object({ from: IsoDate, to: IsoDate });

export const A1Row = z.object({
  /** Running number in the range (1-based), as the paper register numbers its lines. */
  stt: z.number().int(),
  visitId: z.string(),
  personId: z.string(),
  visitOn: z.string(),
  fullName: z.string(),
  sex: z.enum(['M', 'F']),
  /** yyyy or yyyy-mm-dd. */
  birthDate: z.string(),
  /** CCCD (or CMND, passport) with its kind: "CCCD 001062012345". */
  identity: z.string(),
  bhyt: z.string(),
  address: z.string(),
  ethnicity: z.string(),
  occupation: z.string(),
  symptoms: z.string(),
  diagnosis: z.string(),
  treatment: z.string(),
  examiner: z.string(),
  note: z.string(),
});
export type A1Row = z.output<typeof A1Row>;

export const A1Page = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number().int(),
  offset: z.number().int(),
  rows: z.array(A1Row),
});
export type A1Page = z.output<typeof A1Page>;

/** yyyy-mm, a calendar month. */
export const Month = z
  .string()
  .max(7)
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Tháng phải có dạng yyyy-mm');

/** A row of counts by sex. */
const BySex = z.object({ total: z.number().int(), male: z.number().int(), female: z.number().int() });

export const MonthlySummary = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  visits: z.object({
    /** All signed visits of the month, then by age band on the visit day. */
    total: BySex,
    bands: z.array(z.object({ label: z.string() }).extend(BySex.shape)),
    /** Visits of residents holding a BHYT card. */
    withBhyt: z.number().int(),
    referred: z.number().int(),
  }),
  /** Main diagnoses of the month's visits, by ICD-10 chapter (only chapters that occur, in order). */
  chapters: z.array(
    z.object({ chapter: z.string(), range: z.string(), title: z.string(), count: z.number().int() }),
  ),
  /** Visits whose main diagnosis has no ICD-10 code. */
  uncoded: z.number().int(),
  ncd: z.array(
    z.object({
      register: z.enum(['hypertension', 'diabetes']),
      label: z.string(),
      /** On the register by the month's last day (active residents). */
      managed: z.number().int(),
      /** Entered the register during the month. */
      newInMonth: z.number().int(),
      /** Of those managed, seen at a signed visit during the month. */
      seenInMonth: z.number().int(),
    }),
  ),
  immunization: z.object({
    doses: z.number().int(),
    people: z.number().int(),
    byVaccine: z.array(z.object({ vaccine: z.string(), name: z.string(), doses: z.number().int() })),
  }),
  coverage: z.object({
    /** Active residents on the month's last day (those registered by then). */
    residents: z.number().int(),
    /** Of them, with at least one signed exam by the month's last day. */
    withExam: z.number().int(),
    /** Of them, with a signed exam in the 12 months ending on the month's last day. */
    examinedIn12Months: z.number().int(),
  }),
});
export type MonthlySummary = z.output<typeof MonthlySummary>;

const FileOut = z.object({ fileName: z.string(), contentBase64: z.string(), rows: z.number().int() });

export const registersOps = {
  /** The A1 register of a date range (signed visits, oldest first), a page at a time. Audited. */
  'registers.a1': query({
    input: A1Range.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: A1Page,
    access: 'reports.read',
  }),
  /** The whole A1 register of the range as an XLSX workbook (A4 landscape). Audited. */
  'registers.a1Export': command({ input: A1Range, output: FileOut, access: 'reports.read' }),
  'registers.monthly': query({
    input: z.object({ month: Month }),
    output: MonthlySummary,
    access: 'reports.read',
  }),
  /** The month's summary as an XLSX workbook (A4 landscape). Audited. */
  'registers.monthlyExport': command({
    input: z.object({ month: Month }),
    output: FileOut,
    access: 'reports.read',
  }),
};
