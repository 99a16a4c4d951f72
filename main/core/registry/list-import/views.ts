/**
 * The lists of a dry run and their counts, from one rule per list (contract: ImportView), so that
 * a summary ("3 dòng có lưu ý") always equals the rows its list shows. The counts used to be
 * computed apart from the list (warnings only, while the list also showed rows with values not
 * stored), and the two disagreed.
 */
import type { ImportCounts, ImportRowView, ImportView } from '#contract/ops/import.ts';
import { sortNotes } from '../list-reader/index.ts';
import type { PlannedRow } from './plan.ts';

const kept = (p: PlannedRow): boolean =>
  p.verdict === 'new' || p.verdict === 'update' || p.verdict === 'unchanged';

/** A row that is (or stays) in the registry and carries a note other than what an update changes. */
export const isNoted = (p: PlannedRow): boolean => kept(p) && p.notes.some((n) => n.kind !== 'change');

/** A row that is (or stays) in the registry without some value of the list. */
export const hasDropped = (p: PlannedRow): boolean => kept(p) && p.notes.some((n) => n.kind === 'dropped');

export function inView(p: PlannedRow, view: ImportView): boolean {
  switch (view) {
    case 'attention':
      return p.verdict === 'error' || p.verdict === 'duplicate' || isNoted(p);
    case 'noted':
      return isNoted(p);
    case 'dropped':
      return hasDropped(p);
    default:
      return p.verdict === view;
  }
}

export function countVerdicts(planned: readonly PlannedRow[]): ImportCounts {
  const counts: ImportCounts = {
    rows: planned.length,
    new: 0,
    update: 0,
    unchanged: 0,
    duplicate: 0,
    error: 0,
    noted: 0,
    dropped: 0,
    attention: 0,
  };
  for (const p of planned) {
    counts[p.verdict] += 1;
    for (const view of ['noted', 'dropped', 'attention'] as const) if (inView(p, view)) counts[view] += 1;
  }
  return counts;
}

const RANK: Record<PlannedRow['verdict'], number> = {
  error: 0,
  duplicate: 1,
  update: 2,
  new: 2,
  unchanged: 2,
};

/** The rows of a list, in the order shown: the attention list puts errors, then duplicates first. */
export function viewRows(planned: readonly PlannedRow[], view: ImportView): PlannedRow[] {
  const rows = planned.filter((p) => inView(p, view));
  return view === 'attention'
    ? rows.sort((a, b) => RANK[a.verdict] - RANK[b.verdict] || a.row.line - b.row.line)
    : rows;
}

export function rowView(p: PlannedRow): ImportRowView {
  return {
    line: p.row.line,
    verdict: p.verdict,
    fullName: p.row.person.fullName ?? '',
    birthDate: p.row.person.birthDate ?? '',
    notes: sortNotes(p.notes).map((n) => ({ kind: n.kind, text: n.text })),
    personId: p.personId,
  };
}
