import { join } from 'node:path';
import { appendAudit } from '../audit/audit.ts';
import { isoNow } from '../clock.ts';
import { AppError } from '../errors.ts';
import { requireActor, type HandlersOf } from '../handler-types.ts';
import { getStation } from '../station/station.ts';
import { backupSource } from './source.ts';
import { takeBackup } from './take.ts';

/** The backup operations (`backup.*`). */
export function backupHandlers(): HandlersOf<'backup'> {
  return {
    'backup.create': async ({ folder }, call) => {
      const { ctx } = call;
      const actor = requireActor(call);
      const source = backupSource(ctx.store);
      if (!source)
        throw new AppError('NOT_FOUND', {
          message: 'Cơ sở dữ liệu này không sao lưu được (không phải một tệp trên đĩa).',
          logMessage: 'backup asked of a database without a file',
        });
      const dir = folder ?? join(ctx.dataDir, 'backups');
      const taken = await takeBackup(source, {
        dir,
        reason: 'manual',
        station: getStation(ctx).code,
        appVersion: ctx.appVersion,
        now: ctx.clock(),
        log: ctx.log.child('backup'),
      });
      // The copy holds every record: who took it, where, and how much, stays on the trail.
      appendAudit(
        ctx.store,
        actor,
        {
          action: 'backup.create',
          details: { folder: dir, file: taken.file, persons: taken.counts.persons },
        },
        isoNow(ctx.clock),
      );
      return {
        file: taken.file,
        folder: dir,
        takenAt: taken.takenAt,
        bytes: taken.bytes,
        schemaVersion: taken.schemaVersion,
        integrity: taken.integrity,
        counts: taken.counts,
        removed: taken.removed,
        durationMs: taken.durationMs,
      };
    },
  };
}
