import { z } from 'zod';
import { command, query } from '../define.ts';
import { Empty, Uuid } from '../schemas/common.ts';

/**
 * Importing a population list (the commune police's population data export, BHXH participant
 * lists, a station's own spreadsheet): open the file, check which column is which, see what a
 * dry run would do, then commit in one transaction. A second import of the same file changes nothing.
 */

/** The fields a list column can hold (831 part A); the core's list reader maps columns to these. */
export const IMPORT_FIELD_NAMES = [
  'fullName',
  /** "Họ (và tên đệm)" when the name is split in two columns… */
  'familyName',
  /** …and "Tên". Alone, a "Tên" column is taken as the full name. */
  'givenName',
  'birthDate',
  'birthYear',
  'sex',
  /** The two-column layout: "Nam" | "Nữ", each holding the birth year (or date, or an x). */
  'maleColumn',
  'femaleColumn',
  'cccd',
  'cmnd',
  'idIssuedOn',
  'idIssuedBy',
  'bhyt',
  'bhxhCode',
  'phone',
  'email',
  'permanentAddress',
  'currentAddress',
  'village',
  'householdCode',
  'relationToHead',
  /** "Chủ hộ": the head's name, or a mark on the head's own row. */
  'householdHead',
  'ethnicity',
  'religion',
  'nationality',
  'occupation',
  'motherName',
  'fatherName',
  /** "Họ tên bố/mẹ", "Người giám hộ": a parent or caregiver, which one unsaid. */
  'caregiverName',
] as const;
export const ImportFieldName = z.enum(IMPORT_FIELD_NAMES);
export type ImportFieldName = z.infer<typeof ImportFieldName>;

/** Largest file accepted (the reader's own limit); base64 makes it a third larger on the wire. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

export const ColumnMapping = z.object({
  version: z.literal(1),
  sheetName: z.string().max(200),
  headerLine: z.number().int().min(1).nullable(),
  headerLines: z.number().int().min(0).max(2),
  firstDataLine: z.number().int().min(1),
  columns: z.partialRecord(ImportFieldName, z.number().int().min(0).max(999)),
  headings: z.array(z.string().max(500)).max(1000),
  dateOrder: z.enum(['dmy', 'mdy']),
});
export type ColumnMapping = z.output<typeof ColumnMapping>;

export const ImportColumn = z.object({
  column: z.number().int(),
  letter: z.string(),
  heading: z.string(),
  samples: z.array(z.string()),
  field: ImportFieldName.nullable(),
  ignored: z.boolean(),
  /** 0–1: how sure the guess is (1 for an exact heading). */
  confidence: z.number().nullable(),
});

export const ImportDetection = z.object({
  mapping: ColumnMapping,
  columns: z.array(ImportColumn),
  /** Vietnamese: what is missing or doubtful (no name column, two columns for one field…). */
  problems: z.array(z.string()),
});
export type ImportDetection = z.output<typeof ImportDetection>;

export const ImportOptions = z.object({
  /** Someone with the same name, birth date and sex but no shared number: skip (default) or register anyway. */
  similar: z.enum(['skip', 'create']).default('skip'),
  /** Read "01/01/1962" as "born in 1962" (lists that pad unknown dates that way). */
  janFirstIsYearOnly: z.boolean().default(false),
});
export type ImportOptions = z.input<typeof ImportOptions>;

export const ImportVerdict = z.enum(['new', 'update', 'unchanged', 'duplicate', 'error']);
export type ImportVerdict = z.infer<typeof ImportVerdict>;

/**
 * One line of a row's verdict, in Vietnamese: why the row is not imported (`reason`), a value the
 * import does not store, naming the field, the value and why (`dropped`), something to check
 * (`warning`), or what an update changes (`change`). The error report writes the same lines.
 */
export const ImportNote = z.object({
  kind: z.enum(['reason', 'dropped', 'warning', 'change']),
  text: z.string(),
});
export type ImportNote = z.output<typeof ImportNote>;

/**
 * The lists of a dry run (and of the last commit). Each count in ImportCounts is the length of the
 * list of the same name, computed by the same rule, so a summary never disagrees with its list:
 *   error, duplicate, new, update, unchanged  the rows with that verdict;
 *   noted      rows that go in (new, update) or are already there (unchanged) and carry a note:
 *              a value not stored or something to check; a row with several notes counts once;
 *   dropped    of those, the rows with at least one value not stored;
 *   attention  error + duplicate + noted: what to look at before importing (the error report).
 */
export const IMPORT_VIEWS = [
  'attention',
  'error',
  'duplicate',
  'noted',
  'dropped',
  'new',
  'update',
  'unchanged',
] as const;
export const ImportView = z.enum(IMPORT_VIEWS);
export type ImportView = z.infer<typeof ImportView>;

export const ImportCounts = z.object({
  rows: z.number().int(),
  new: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  duplicate: z.number().int(),
  error: z.number().int(),
  noted: z.number().int(),
  dropped: z.number().int(),
  attention: z.number().int(),
});
export type ImportCounts = z.output<typeof ImportCounts>;

export const ImportRowView = z.object({
  line: z.number().int(),
  verdict: ImportVerdict,
  fullName: z.string(),
  birthDate: z.string(),
  /** Reasons first, then values not stored, changes, and things to check. */
  notes: z.array(ImportNote),
  personId: z.string().nullable(),
});
export type ImportRowView = z.output<typeof ImportRowView>;

const FileInput = z.object({
  fileName: z.string().min(1).max(255),
  /** The file, base64-encoded. */
  dataBase64: z.string().max(Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 16),
});

export const ImportTemplate = z.object({ id: z.string(), name: z.string(), updatedAt: z.string() });

export const importOps = {
  /** Reads the file and guesses the columns. The file stays open (in memory) until committed or replaced. */
  'imports.open': command({
    input: FileInput,
    // The file travels base64-encoded inside JSON.
    maxBodyBytes: Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 64 * 1024,
    output: z.object({
      importId: z.string(),
      fileName: z.string(),
      format: z.enum(['csv', 'xlsx']),
      sheets: z.array(z.object({ name: z.string(), rows: z.number().int(), hidden: z.boolean() })),
      sheetName: z.string(),
      /** Vietnamese notes on how the file was read (encoding converted, merged cells…). */
      warnings: z.array(z.string()),
      detection: ImportDetection,
      templates: z.array(ImportTemplate),
      fields: z.array(z.object({ id: ImportFieldName, label: z.string(), required: z.boolean() })),
    }),
    access: 'persons.import',
  }),
  /** The columns of another sheet, or the file read with a saved template. */
  'imports.detect': query({
    input: z.object({
      importId: z.string().max(64),
      sheetName: z.string().max(200),
      templateId: Uuid.nullable().default(null),
    }),
    output: ImportDetection,
    access: 'persons.import',
  }),
  /** What the import would do, row by row, without writing anything. */
  'imports.dryRun': command({
    input: z.object({
      importId: z.string().max(64),
      mapping: ColumnMapping,
      options: ImportOptions.default({ similar: 'skip', janFirstIsYearOnly: false }),
    }),
    output: z.object({
      counts: ImportCounts,
      skipped: z.object({
        empty: z.number().int(),
        repeatedHeaders: z.number().int(),
        footerLines: z.number().int(),
      }),
      problems: z.array(z.string()),
    }),
    access: 'persons.import',
  }),
  /**
   * One page of a list of the last dry run (or commit): `total` equals the count of the same name.
   * The attention list puts errors first, then duplicates, then noted rows; the others go by line.
   */
  'imports.rows': query({
    input: z.object({
      importId: z.string().max(64),
      view: ImportView.default('attention'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({
      view: ImportView,
      total: z.number().int(),
      offset: z.number().int(),
      rows: z.array(ImportRowView),
    }),
    access: 'persons.import',
  }),
  /** Writes the import in one transaction: all of it or, on failure, nothing. */
  'imports.commit': command({
    input: z.object({
      importId: z.string().max(64),
      mapping: ColumnMapping,
      options: ImportOptions.default({ similar: 'skip', janFirstIsYearOnly: false }),
      /** Save the column mapping under this name for the next file of the same kind. */
      saveTemplateAs: z.string().trim().max(100).nullable().default(null),
    }),
    output: z.object({
      counts: ImportCounts,
      created: z.number().int(),
      updated: z.number().int(),
      householdsCreated: z.number().int(),
      durationMs: z.number(),
    }),
    access: 'persons.import',
  }),
  /** The attention list (rows not imported, and rows with values not stored or to check), as an XLSX to fix and import again. */
  'imports.errorReport': query({
    input: z.object({ importId: z.string().max(64) }),
    output: z.object({ fileName: z.string(), dataBase64: z.string(), rows: z.number().int() }),
    access: 'persons.import',
  }),
  'imports.templates': query({ input: Empty, output: z.array(ImportTemplate), access: 'persons.import' }),
  'imports.deleteTemplate': command({
    input: z.object({ id: Uuid }),
    output: z.null(),
    access: 'persons.import',
  }),
};
