import { existsSync } from 'node:fs';
import type { OperationOutput } from '#contract/operations.ts';
import { UsageError, type CliCommand } from '../io.ts';
import { asOperator } from '../operator.ts';
import { parse, storageFrom } from '../options.ts';

const OPERATIONS = ['audit.verify', 'audit.list'] as const;

type Verdict = OperationOutput<'audit.verify'>;
type Entry = OperationOutput<'audit.list'>[number];

/** The verdict in words for the district IT officer: which entry, what happened to it. */
export function describeVerdict(v: Verdict, entry: Entry | null): string[] {
  if (v.ok) return [`Audit trail intact: ${v.checked} entries checked, the chain and its anchor agree.`];
  const at = entry ? ` (${entry.at}, ${entry.action}${entry.username ? ` by ${entry.username}` : ''})` : '';
  switch (v.problem) {
    case 'missing':
      return [
        `Audit trail BROKEN: entry #${v.firstBrokenSeq} is missing — it and possibly later entries were deleted.`,
        `${v.checked} entries before it verify.`,
      ];
    case 'altered':
      return [
        `Audit trail BROKEN: entry #${v.firstBrokenSeq}${at} was altered (or the chain was recomputed from it).`,
        `${v.checked} entries before it verify.`,
      ];
    default:
      return [
        `Audit trail BROKEN: the chain's anchor (its head and count, kept apart from the table) was changed or removed.`,
        `${v.checked} entries verify on their own.`,
      ];
  }
}

/**
 * `hssk audit verify`: walks the hash chain and its anchor (migration 0013) through `audit.verify`,
 * as the CLI operator, and names the first entry that was altered or deleted. `hssk db
 * verify-audit` is the older name of the same check.
 */
export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'verify the audit trail: the first altered or deleted entry, or a deleted tail',
  usage: 'hssk audit verify [--data DIR] [--db FILE] [--json]',
  operations: OPERATIONS,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      data: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals[0] !== 'verify' || positionals.length > 1) throw new UsageError('expected: audit verify');
    const storage = storageFrom(values, io);
    // Verifying a database that is not there must not create an empty one and call it sound.
    if (!existsSync(storage.dbFile)) {
      io.err(`No database at ${storage.dbFile}: nothing to verify.`);
      return 1;
    }
    return asOperator(OPERATIONS, storage, io, async (operator) => {
      const verdict = await operator.call('audit.verify', {});
      let entry: Entry | null = null;
      if (verdict.problem === 'altered' && verdict.firstBrokenSeq !== null)
        entry =
          (await operator.call('audit.list', { beforeSeq: verdict.firstBrokenSeq + 1, limit: 1 }))[0] ?? null;
      if (entry && entry.seq !== verdict.firstBrokenSeq) entry = null;
      if (values.json)
        io.out(
          JSON.stringify({
            ...verdict,
            entry: entry && { seq: entry.seq, at: entry.at, action: entry.action, username: entry.username },
          }),
        );
      else for (const line of describeVerdict(verdict, entry)) (verdict.ok ? io.out : io.err)(line);
      return verdict.ok ? 0 : 1;
    });
  },
};
