/**
 * The dry run's verdict on every row, and the commit's plan (the commit keeps the dry run's plan
 * only when nothing was committed to the database since, and otherwise plans again inside its
 * transaction, so what it writes matches the database at that moment — engine.ts):
 *   error      the row cannot be used (no name/sex/birth date; numbers belonging to two people; …)
 *   duplicate  already in this file, or probably registered under no shared number (skipped)
 *   update     a registered resident (found by CCCD/CMND/BHYT/BHXH) whom the list tells more about
 *   unchanged  a registered resident the list tells nothing new about — what a re-import gives
 *   new        someone to register
 */
import type { ImportOptions, ImportVerdict } from '#contract/ops/import.ts';
import type { PersonFields } from '#contract/ops/persons.ts';
import type { CoreContext } from '../../context.ts';
import type { PersonRow } from '../../db/schema.ts';
import { fold } from '#contract/text.ts';
import { checkIdentifiers, identifierLabel, identifierRows } from '../identifiers.ts';
import { problemNote, type ImportRow, type ReportNote } from '../list-reader/index.ts';
import { sliceTimer, type Steps } from '../list-reader/turns.ts';
import { rowToFields, type IdentifierRow } from '../person-row.ts';
import { addressReader, draftToFields } from './draft-fields.ts';
import { mergeImported } from './merge-fields.ts';

/**
 * A planned row as the commit needs it, and all that crosses from the import worker to the main
 * thread for it (only rows to write, in slices): the verdict, whom it updates, the fields to write
 * and where the resident lives.
 */
export interface Planned {
  row: Pick<ImportRow, 'line'>;
  verdict: ImportVerdict;
  personId: string | null;
  /** new: the person to insert; update: the merged record. */
  fields: PersonFields | null;
  /** The record's version when planned (update only). */
  version: number;
  /** The list's household code, '' when it has none. */
  householdCode: string;
  /**
   * Who lives together: the household code, or else the head's name at the same address (lists
   * from the population database name the head on every member's row). '' when the list says nothing.
   */
  householdKey: string;
  isHead: boolean;
}

/** A row's full verdict, kept where the list was read: what the dry run's lists and the error report show. */
export interface PlannedRow extends Planned {
  row: ImportRow;
  /** The row's verdict in Vietnamese, line by line: shown in the dry run, written into the error report. */
  notes: ReportNote[];
}

type PlanContext = Pick<CoreContext, 'store' | 'codes' | 'clock'>;

export function* planSteps(
  ctx: PlanContext,
  rows: readonly ImportRow[],
  options: Required<ImportOptions>,
  onProgress?: (done: number) => void,
): Steps<PlannedRow[]> {
  const timeUp = sliceTimer(10, 32);
  const readAddress = addressReader(ctx);
  const now = ctx.clock();
  const holderOf = ctx.store.prepare('SELECT person_id FROM person_identifiers WHERE kind = ? AND value = ?');
  const personRow = ctx.store.prepare('SELECT * FROM persons WHERE id = ?');
  const personIds = ctx.store.prepare(
    'SELECT kind, value, issued_on, issued_by, valid_from, valid_to FROM person_identifiers WHERE person_id = ?',
  );
  const householdCodeOf = ctx.store.prepare('SELECT code FROM households WHERE id = ?');
  const similar = ctx.store.prepare(
    `SELECT id, full_name, birth_date FROM persons
     WHERE name_folded = ? AND sex = ? AND (birth_date = ? OR birth_date = ? OR (length(?) = 4 AND birth_year = ?)) LIMIT 1`,
  );
  /** identifier "kind:value" → the line that first used it in this file. */
  const inFile = new Map<string, number>();
  const planned: PlannedRow[] = [];

  for (const [i, row] of rows.entries()) {
    if (timeUp()) {
      onProgress?.(i);
      yield;
    }
    const p: PlannedRow = {
      row,
      verdict: 'new',
      personId: null,
      fields: null,
      version: 0,
      notes: row.problems.map(problemNote),
      householdCode: row.person.householdCode,
      householdKey: householdKey(row),
      isHead: row.person.isHouseholdHead,
    };
    planned.push(p);
    const reason = (text: string): void => {
      p.notes.push({ kind: 'reason', text, column: null });
    };
    const fields = row.fatal ? null : draftToFields(row.person, readAddress, p.notes);
    if (!fields) {
      p.verdict = 'error';
      if (!p.notes.some((n) => n.kind === 'reason')) reason('Thiếu họ tên, giới tính hoặc năm sinh.');
      continue;
    }
    // The reader has checked the numbers already; the registry's own checks stay the last word, and
    // a number that fails them rejects the row like the reader would (see import/person-identity.ts).
    const bad = checkIdentifiers(fields, now).errors;
    if (bad.length) {
      p.verdict = 'error';
      for (const e of bad) {
        const id = fields.identifiers[Number(e.path.split('.')[2])];
        reason(`Số ${identifierLabel(id.kind)} ${id.value}: ${e.message}`);
      }
      continue;
    }

    const keys = identifierRows(fields.identifiers).map((x) => ({
      key: `${x.kind}:${x.value}`,
      kind: x.kind,
      value: x.value,
    }));
    const earlier = keys.map((k) => inFile.get(k.key)).find((line) => line !== undefined);
    if (earlier !== undefined) {
      p.verdict = 'duplicate';
      reason(`Trùng số giấy tờ với dòng ${earlier} trong tệp.`);
      continue;
    }
    for (const k of keys) inFile.set(k.key, row.line);

    const holders = new Set(
      keys
        .map((k) => (holderOf.get(k.kind, k.value) as { person_id: string } | undefined)?.person_id)
        .filter((x): x is string => !!x),
    );
    if (holders.size > 1) {
      p.verdict = 'error';
      reason('Các số giấy tờ trên dòng này thuộc về hai người khác nhau trong sổ: cần kiểm tra bằng tay.');
      continue;
    }
    if (holders.size === 1) {
      const [id] = holders;
      const r = personRow.get(id) as PersonRow;
      const merged = mergeImported(
        rowToFields(r, personIds.all(id) as IdentifierRow[]),
        fields,
        row.person.nationality !== '',
      );
      p.personId = id;
      p.version = r.version;
      if (merged.conflict) {
        p.verdict = 'error';
        reason(merged.conflict);
        continue;
      }
      if (merged.changes.length === 0) p.verdict = 'unchanged';
      else {
        p.verdict = 'update';
        p.fields = merged.fields;
        p.notes.push({ kind: 'change', text: `Cập nhật: ${merged.changes.join(', ')}.`, column: null });
      }
      // A resident keeps the household they are in (commit.ts); a different code in the list is named.
      const current = r.household_id
        ? (householdCodeOf.get(r.household_id) as { code: string } | undefined)?.code
        : undefined;
      if (current !== undefined && p.householdCode.trim() && p.householdCode.trim() !== current) {
        p.notes.push({
          kind: 'dropped',
          text: `Mã hộ ${p.householdCode.trim()} trong tệp khác với hộ đang ghi trong sổ (${current}): giữ hộ trong sổ — không lưu mã hộ này.`,
          column: null,
        });
      }
      continue;
    }
    const year = fields.birthDate.slice(0, 4);
    const twin = similar.get(
      fold(fields.fullName),
      fields.sex,
      fields.birthDate,
      year,
      fields.birthDate,
      Number(year),
    ) as { id: string; full_name: string; birth_date: string } | undefined;
    if (twin && options.similar === 'skip') {
      p.verdict = 'duplicate';
      p.personId = twin.id;
      reason(
        `Có thể đã có trong sổ: ${twin.full_name} (sinh ${twin.birth_date.split('-').reverse().join('/')}), không có số giấy tờ chung.`,
      );
      continue;
    }
    p.fields = fields;
  }
  onProgress?.(rows.length);
  return planned;
}

function householdKey(row: ImportRow): string {
  const d = row.person;
  if (d.householdCode.trim()) return `code:${d.householdCode.trim()}`;
  const head = d.householdHeadName || (d.isHouseholdHead ? (d.fullName ?? '') : '');
  return head ? `head:${fold(head)}|${fold(d.permanentAddress || d.currentAddress || d.village)}` : '';
}
