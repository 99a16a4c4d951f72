/**
 * The dry run's verdict on every row, and the commit's plan (the commit plans again inside its
 * transaction, so what it writes matches the database at that moment):
 *   error      the row cannot be used (no name/sex/birth date; numbers belonging to two people; …)
 *   duplicate  already in this file, or probably registered under no shared number (skipped)
 *   update     a registered resident (found by CCCD/CMND/BHYT/BHXH) whom the list tells more about
 *   unchanged  a registered resident the list tells nothing new about — what a re-import gives
 *   new        someone to register
 */
import type { ImportCounts, ImportOptions, ImportVerdict } from '../../../../preload/contract/ops/import.ts';
import type { PersonFields } from '../../../../preload/contract/ops/persons.ts';
import type { CoreContext } from '../../context.ts';
import type { PersonRow } from '../../db/schema.ts';
import { fold } from '../fold.ts';
import { checkIdentifiers, identifierLabel, identifierRows } from '../identifiers.ts';
import type { ImportRow } from '../import/index.ts';
import { sliceTimer, type Steps } from '../import/turns.ts';
import { rowToFields, type IdentifierRow } from '../person-row.ts';
import { addressReader, draftToFields } from './draft-fields.ts';
import { mergeImported } from './merge-fields.ts';

export interface Planned {
  row: ImportRow;
  verdict: ImportVerdict;
  personId: string | null;
  /** new: the person to insert; update: the merged record. */
  fields: PersonFields | null;
  /** The record's version when planned (update only). */
  version: number;
  /** Vietnamese, shown in the dry run and written into the error report. */
  notes: string[];
  /** The list's household code, '' when it has none. */
  householdCode: string;
  /**
   * Who lives together: the household code, or else the head's name at the same address (lists
   * from the population database name the head on every member's row). '' when the list says nothing.
   */
  householdKey: string;
  isHead: boolean;
}

type PlanContext = Pick<CoreContext, 'store' | 'codes' | 'clock'>;

export function* planSteps(
  ctx: PlanContext,
  rows: readonly ImportRow[],
  options: Required<ImportOptions>,
  onProgress?: (done: number) => void,
): Steps<Planned[]> {
  const timeUp = sliceTimer(10, 32);
  const readAddress = addressReader(ctx);
  const now = ctx.clock();
  const holderOf = ctx.store.prepare('SELECT person_id FROM person_identifiers WHERE kind = ? AND value = ?');
  const personRow = ctx.store.prepare('SELECT * FROM persons WHERE id = ?');
  const personIds = ctx.store.prepare(
    'SELECT kind, value, issued_on, issued_by, valid_from, valid_to FROM person_identifiers WHERE person_id = ?',
  );
  const similar = ctx.store.prepare(
    `SELECT id, full_name, birth_date FROM persons
     WHERE name_folded = ? AND sex = ? AND (birth_date = ? OR birth_date = ? OR (length(?) = 4 AND birth_year = ?)) LIMIT 1`,
  );
  /** identifier "kind:value" → the line that first used it in this file. */
  const inFile = new Map<string, number>();
  const planned: Planned[] = [];

  for (const [i, row] of rows.entries()) {
    if (timeUp()) {
      onProgress?.(i);
      yield;
    }
    const p: Planned = {
      row,
      verdict: 'new',
      personId: null,
      fields: null,
      version: 0,
      notes: row.problems.filter((x) => x.severity !== 'warning').map((x) => x.message),
      householdCode: row.person.householdCode,
      householdKey: householdKey(row),
      isHead: row.person.isHouseholdHead,
    };
    planned.push(p);
    const fields = row.fatal ? null : draftToFields(row.person, readAddress);
    if (!fields) {
      p.verdict = 'error';
      if (!p.notes.length) p.notes.push('Thiếu họ tên, giới tính hoặc năm sinh.');
      continue;
    }
    // Numbers that fail the registry's own checks are left out, as the reader does with bad values.
    const bad = new Set(checkIdentifiers(fields, now).errors.map((e) => Number(e.path.split('.')[2])));
    for (const at of bad)
      p.notes.push(
        `${identifierLabel(fields.identifiers[at].kind)} ${fields.identifiers[at].value}: bỏ qua, số không hợp lệ.`,
      );
    fields.identifiers = fields.identifiers.filter((_, at) => !bad.has(at));

    const keys = identifierRows(fields.identifiers).map((x) => ({
      key: `${x.kind}:${x.value}`,
      kind: x.kind,
      value: x.value,
    }));
    const earlier = keys.map((k) => inFile.get(k.key)).find((line) => line !== undefined);
    if (earlier !== undefined) {
      p.verdict = 'duplicate';
      p.notes.push(`Trùng số giấy tờ với dòng ${earlier} trong tệp.`);
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
      p.notes.push(
        'Các số giấy tờ trên dòng này thuộc về hai người khác nhau trong sổ: cần kiểm tra bằng tay.',
      );
      continue;
    }
    if (holders.size === 1) {
      const [id] = holders;
      const r = personRow.get(id) as PersonRow;
      const merged = mergeImported(rowToFields(r, personIds.all(id) as IdentifierRow[]), fields);
      p.personId = id;
      p.version = r.version;
      if (merged.conflict) {
        p.verdict = 'error';
        p.notes.push(merged.conflict);
      } else if (merged.changes.length === 0) {
        p.verdict = 'unchanged';
      } else {
        p.verdict = 'update';
        p.fields = merged.fields;
        p.notes.push(`Cập nhật: ${merged.changes.join(', ')}.`);
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
      p.notes.push(
        `Có thể đã có trong sổ: ${twin.full_name} (sinh ${twin.birth_date.split('-').reverse().join('/')}), không có số giấy tờ chung.`,
      );
      continue;
    }
    p.fields = fields;
    p.notes.push(...row.problems.filter((x) => x.severity === 'warning').map((x) => `Lưu ý: ${x.message}`));
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

export function countVerdicts(planned: readonly Planned[]): ImportCounts {
  const counts: ImportCounts = {
    rows: planned.length,
    new: 0,
    update: 0,
    unchanged: 0,
    duplicate: 0,
    error: 0,
    warnings: 0,
  };
  for (const p of planned) {
    counts[p.verdict] += 1;
    if (
      (p.verdict === 'new' || p.verdict === 'update') &&
      p.row.problems.some((x) => x.severity === 'warning')
    )
      counts.warnings += 1;
  }
  return counts;
}
