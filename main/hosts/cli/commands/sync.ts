import type { UpstreamKindName } from '#contract/ops/upstream.ts';
import { UsageError, type CliCommand } from '../io.ts';
import { asOperator, asTyped } from '../operator.ts';
import { parse, storageFrom } from '../options.ts';

const OPERATIONS = ['upstream.run', 'upstream.status'] as const;

/**
 * `hssk sync run` uploads what waits in the outbox to the enabled upstreams (or one, or one at
 * another address) through the same operation as the app's "Gửi ngay"; `hssk sync status` shows
 * what waits and the recent runs.
 */
export const syncCommand: CliCommand = {
  name: 'sync',
  summary: 'upload the outbox to the provincial repository / FHIR server, or show what waits',
  usage:
    'hssk sync run [--adapter xml831|fhir] [--url U] [--dry-run] [--data DIR] [--db FILE] [--json]\n' +
    '       hssk sync status [--data DIR] [--db FILE] [--json]',
  operations: OPERATIONS,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      adapter: { type: 'string' },
      url: { type: 'string' },
      'dry-run': { type: 'boolean' },
      data: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    });
    const sub = positionals[0];
    if (sub !== 'run' && sub !== 'status') throw new UsageError('use `hssk sync run` or `hssk sync status`');
    return asOperator(OPERATIONS, storageFrom(values, io), io, async (operator) => {
      if (sub === 'status') {
        const s = await operator.call('upstream.status', {});
        if (values.json) io.out(JSON.stringify(s));
        else {
          for (const u of s.upstreams)
            io.out(
              `${u.kind}${u.enabled ? '' : ' (off)'}${u.statutory ? ' statutory' : ' sharing'}: ` +
                Object.entries(u.counts)
                  .map(([k, n]) => `${k} ${n}`)
                  .join(', ') +
                `; last success ${u.lastSuccessAt ?? 'never'}`,
            );
          for (const r of s.recentRuns.slice(0, 5))
            io.out(
              `  ${r.startedAt} ${r.upstream} ${r.trigger} ${r.status}: sent ${r.sent}, acknowledged ${r.acknowledged}, failed ${r.failed}, skipped ${r.skipped}`,
            );
        }
        return 0;
      }
      const started = performance.now();
      const runs = await operator.call(
        'upstream.run',
        {
          upstream: values.adapter === undefined ? undefined : asTyped<UpstreamKindName>(values.adapter),
          url: values.url,
          dryRun: values['dry-run'] ?? false,
        },
        { upstream: '--adapter', url: '--url', dryRun: '--dry-run' },
      );
      const sum = (k: 'sent' | 'acknowledged' | 'failed' | 'skipped' | 'retrying') =>
        runs.reduce((n, r) => n + r[k], 0);
      const summary = {
        sent: sum('sent'),
        acknowledged: sum('acknowledged'),
        failed: sum('failed'),
        skipped: sum('skipped'),
        retrying: sum('retrying'),
        duration_ms: Math.round(performance.now() - started),
        runs: runs.map((r) => ({
          upstream: r.upstream,
          status: r.status,
          message: r.messageVi,
          sent: r.sent,
          acknowledged: r.acknowledged,
          failed: r.failed,
          skipped: r.skipped,
        })),
      };
      if (values.json) io.out(JSON.stringify(summary));
      else {
        if (runs.length === 0)
          io.out('No upstream is switched on (Đồng bộ → Cài đặt), and no --adapter was given.');
        for (const r of runs) io.out(`${r.upstream}: ${r.status} — ${r.messageVi}`);
        io.out(
          `sent ${summary.sent}, acknowledged ${summary.acknowledged}, failed ${summary.failed}, skipped ${summary.skipped}, ${summary.duration_ms} ms`,
        );
      }
      return runs.some((r) => r.status === 'error' || r.status === 'offline') ? 1 : 0;
    });
  },
};
