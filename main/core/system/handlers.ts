import type { HandlersOf } from '../handler-types.ts';
import { isSetUp, getStation } from '../station/station.ts';
import { startupReport } from './startup/checks.ts';

export function systemHandlers(): HandlersOf<'system'> {
  return {
    'system.status': (_input, { ctx }) => {
      const setupDone = isSetUp(ctx);
      const station = setupDone ? getStation(ctx) : null;
      const outbox = ctx.store.first(
        ctx.store.qb
          .selectFrom('sync_outbox')
          .select((eb) => [
            eb.fn
              .sum<number>(eb.case().when('state', 'in', ['pending', 'edited']).then(1).else(0).end())
              .as('pending'),
            eb.fn.sum<number>(eb.case().when('state', '=', 'error').then(1).else(0).end()).as('failed'),
          ]),
      );
      return {
        appVersion: ctx.appVersion,
        host: ctx.host,
        setupDone,
        station: station ? { code: station.code, name: station.name } : null,
        database: { encrypted: ctx.encrypted, schemaVersion: ctx.schemaVersion, ok: true },
        devices: ctx.devices.summary(),
        sync: { pending: outbox?.pending ?? 0, failed: outbox?.failed ?? 0, lastRunAt: null },
        job: ctx.jobs.running
          ? { kind: ctx.jobs.running.kind, startedAt: new Date(ctx.jobs.running.startedAt).toISOString() }
          : null,
      };
    },
    'system.startupChecks': (input, { ctx }) => startupReport(ctx, input),
  };
}
