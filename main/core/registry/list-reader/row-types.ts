import type { Sex } from '#contract/schemas/common.ts';
import type { ImportField } from './fields.ts';

/**
 * One person as read from a list row, before anyone decides whether they are new or already
 * registered. Names follow the persons contract (PersonInput): text fields are '' when absent,
 * typed fields null.
 */
export interface PersonDraft {
  fullName: string | null;
  sex: Sex | null;
  /** 'yyyy-mm-dd', or 'yyyy' when only the year is known. */
  birthDate: string | null;
  /** 12 digits. */
  cccd: string | null;
  /** 9 digits. */
  cmnd: string | null;
  /** Issue date of the CCCD (or CMND when there is no CCCD), yyyy-mm-dd. */
  idIssuedOn: string | null;
  idIssuedBy: string;
  /** The card number as printed: the 10-digit BHXH code, or the legacy 15-character code. */
  bhyt: string | null;
  phoneMobile: string;
  phoneLandline: string;
  email: string;
  permanentAddress: string;
  currentAddress: string;
  /** Thôn/xóm/tổ dân phố/ấp/bản, as written. */
  village: string;
  householdCode: string;
  relationToHead: string;
  isHouseholdHead: boolean;
  /** The head's name when the list gives it on members' rows. */
  householdHeadName: string;
  /** 2 digits, QĐ 121-TCTK. */
  ethnicityCode: string;
  /** Up to 3 letters, 'VN' for Vietnam. */
  nationality: string;
  religion: string;
  occupation: string;
  motherName: string;
  fatherName: string;
  caregiverName: string;
}

/**
 * - fatal: nothing of the row is stored: no usable name, sex or birth date/year; a birth date in
 *   the future or more than 125 years ago; an identity number that cannot be stored (unreadable,
 *   or contradicting the row's sex or birth year, or a second different number of the same kind);
 *   two cells that disagree about the sex or the birth date;
 * - dropped: a value the import does not store (a phone that cannot be read, an unknown ethnicity,
 *   text beyond the field's length…); the rest of the row is stored. The message names the field,
 *   the value and why, and ends with "— không lưu …";
 * - warning: a value was accepted, perhaps adjusted (zeros restored, year expanded…): worth a look.
 */
export type ProblemSeverity = 'fatal' | 'dropped' | 'warning';

export interface RowProblem {
  field: ImportField | 'row';
  /** 0-based column of the cell concerned, when there is one (to highlight it). */
  column: number | null;
  severity: ProblemSeverity;
  /** Vietnamese. */
  message: string;
}

export interface ImportRow {
  /** The line number the user sees in Excel (or the record number of a CSV file). */
  line: number;
  person: PersonDraft;
  problems: RowProblem[];
  fatal: boolean;
}

export interface PersonRowsResult {
  rows: ImportRow[];
  skipped: {
    /** Rows with nothing in any mapped column (numbered but unfilled template rows included). */
    empty: number;
    /** The header printed again further down (lists pasted page after page). */
    repeatedHeaders: number;
    /** Lines of totals and signature blocks below the data ("Tổng cộng", "Người lập biểu"…). */
    footerLines: number[];
  };
  /** Each row counted once, by its worst problem. */
  counts: { rows: number; fatal: number; withDropped: number; withWarnings: number; clean: number };
}

export const emptyDraft = (): PersonDraft => ({
  fullName: null,
  sex: null,
  birthDate: null,
  cccd: null,
  cmnd: null,
  idIssuedOn: null,
  idIssuedBy: '',
  bhyt: null,
  phoneMobile: '',
  phoneLandline: '',
  email: '',
  permanentAddress: '',
  currentAddress: '',
  village: '',
  householdCode: '',
  relationToHead: '',
  isHouseholdHead: false,
  householdHeadName: '',
  ethnicityCode: '',
  nationality: '',
  religion: '',
  occupation: '',
  motherName: '',
  fatherName: '',
  caregiverName: '',
});
