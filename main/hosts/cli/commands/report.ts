import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { WorklistKind } from '#contract/ops/reports.ts';
import { UsageError, type CliCommand } from '../io.ts';
import { asOperator, asTyped } from '../operator.ts';
import { intOption, parse, storageFrom } from '../options.ts';

const OPERATIONS = ['reports.dashboard', 'reports.worklistExport'] as const;

/** The work lists the command line offers (the dashboard's other lists are the screen's). */
const CLI_LISTS = ['ncd-overdue', 'vaccines-due', 'not-examined', 'malnourished', 'upload-failed'];

const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)} %`);

/**
 * `hssk report coverage` prints the dashboard's figures for a year (the district officer's check of a
 * station); `hssk report worklist KIND --out FILE` writes a work list as XLSX — both through the
 * same operations and permissions as the Báo cáo screen.
 */
export const reportCommand: CliCommand = {
  name: 'report',
  summary:
    'record coverage and the station’s work lists (NCD overdue, vaccines due, not examined, malnourished)',
  usage:
    'hssk report coverage [--year Y] [--village V] [--data DIR] [--db FILE] [--json]\n' +
    `       hssk report worklist ${CLI_LISTS.join('|')} --out FILE [--year Y] [--village V] [--data DIR] [--db FILE] [--json]`,
  operations: OPERATIONS,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      year: { type: 'string' },
      village: { type: 'string' },
      out: { type: 'string' },
      data: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    });
    const [sub, kind] = positionals;
    if (sub !== 'coverage' && sub !== 'worklist')
      throw new UsageError('use `hssk report coverage` or `hssk report worklist KIND --out FILE`');
    if (sub === 'worklist' && (!kind || !CLI_LISTS.includes(kind)))
      throw new UsageError(`the work list must be one of ${CLI_LISTS.join(', ')}`);
    if (sub === 'worklist' && !values.out) throw new UsageError('--out FILE is required');
    const thisYear = Number(
      new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' }).slice(0, 4),
    );
    const year = intOption(values.year, 'year', thisYear, 2000);
    const scope = { from: `${year}-01-01`, to: `${year}-12-31`, village: values.village };
    const flags = { from: '--year', to: '--year', village: '--village' };
    return asOperator(OPERATIONS, storageFrom(values, io), io, async (operator) => {
      if (sub === 'worklist') {
        const out = resolve(io.cwd, values.out as string);
        const r = await operator.call(
          'reports.worklistExport',
          { ...scope, kind: asTyped<WorklistKind>(kind) },
          { ...flags, kind: 'KIND' },
        );
        writeFileSync(out, Buffer.from(r.contentBase64, 'base64'));
        io.out(
          values.json
            ? JSON.stringify({ file: out, kind, rows: r.rows })
            : `Wrote ${r.rows} rows (${kind}) to ${out}`,
        );
        return 0;
      }
      const d = await operator.call('reports.dashboard', scope, flags);
      if (values.json) {
        io.out(JSON.stringify(d));
        return 0;
      }
      const p = d.population;
      io.out(`Year ${year}${d.village ? `, ${d.village}` : ''} (as of ${d.asOf})`);
      io.out(
        `Coverage: ${d.coverage.withRecord} residents with a record / ${p.denominator} ` +
          `(${p.source === 'official' ? 'official population' : 'active registry'}) = ${pct(d.coverage.rate)}; ` +
          `targets ${d.coverage.targets.map((x) => `${x * 100} %`).join(', ')}`,
      );
      for (const v of d.byVillage)
        io.out(
          `  ${v.village || '(no village)'}: ${v.withRecord} / ${v.active} = ${pct(v.active ? v.withRecord / v.active : null)}`,
        );
      io.out(
        `Updated in ${year}: ${d.updated}; examined in the last 12 months: ${d.examined12m}; not examined: ${d.notExamined}`,
      );
      io.out(
        d.upstream.configured
          ? `Acknowledged upstream: ${d.upstream.acknowledged}; refused: ${d.upstream.failed}`
          : 'Acknowledged upstream: no upstream configured',
      );
      for (const n of d.ncd)
        io.out(
          `NCD ${n.register}: managed ${n.managed}, followed up in 3 months ${n.followed3m}, overdue ${n.overdue}`,
        );
      io.out(
        `Vaccines ${d.vaccines.month}: due ${d.vaccines.due}, overdue ${d.vaccines.overdue}; ` +
          `fully immunised before 1: ${d.vaccines.fullyImmunised} of ${d.vaccines.cohort}`,
      );
      io.out(
        `Under 5: ${d.growth.under5}, measured ${d.growth.measured}, below −2 SD (weight or height for age) ${d.growth.below2sd}`,
      );
      io.out(
        `Ages: under 6 ${d.ages.under6}, 6–17 ${d.ages.pupils}, 18–59 ${d.ages.working}, 60+ ${d.ages.elderly}; moved ${d.moved}, deceased ${d.deceased}`,
      );
      return 0;
    });
  },
};
