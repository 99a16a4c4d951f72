import { codesHandlers } from './codes/handlers.ts';
import { devicesHandlers, measurementsHandlers } from './devices/handlers.ts';
import { recordHandlers, supplementHandlers, vaccineHandlers, visitHandlers } from './record/handlers.ts';
import { pregnancyHandlers } from './record/pregnancy-handlers.ts';
import { householdsHandlers, importHandlers, personsHandlers } from './registry/handlers.ts';
import { auditHandlers } from './audit/handlers.ts';
import { securityHandlers } from './security/handlers.ts';
import { stationHandlers } from './station/handlers.ts';
import { systemHandlers } from './system/handlers.ts';
import { formsHandlers } from './forms/handlers.ts';
import { upstreamHandlers } from './upstream/handlers.ts';
import { backupHandlers } from './backup/handlers.ts';
import { campaignHandlers } from './campaigns/handlers.ts';
import { runningJob } from './upstream/service.ts';
import { batchRunning } from './forms/batch/service.ts';
import { listPrinting } from './reports/list-print/run.ts';
import { importOpen } from './registry/list-import/session.ts';
import { xml831Handlers } from './upstream/xml831/handlers.ts';
import { reportsHandlers } from './reports/handlers.ts';
import { registerHandlers } from './reports/registers/handlers.ts';
import type { Handlers } from './handler-types.ts';

/**
 * Every operation's implementation, assembled here above the modules (each module's handlers.ts
 * knows only its own module), so no module depends on another through the handler table. The
 * type makes a missing or misspelt handler a compile error.
 */
export function createHandlers(): Handlers {
  return {
    ...systemHandlers(),
    ...stationHandlers(),
    ...securityHandlers(),
    ...codesHandlers(),
    ...auditHandlers(),
    ...personsHandlers(),
    ...householdsHandlers(),
    ...recordHandlers(),
    ...vaccineHandlers(),
    ...supplementHandlers(),
    ...visitHandlers(),
    ...devicesHandlers(),
    ...measurementsHandlers(),
    ...importHandlers(),
    ...formsHandlers(),
    ...upstreamHandlers(),
    // A restore or a rekey is refused while an upload run, a batch print or a list's print (their
    // workers read the file) goes on, and a rekey while a list is open for import (backup/ may
    // import none of these modules).
    ...backupHandlers({
      otherJob: (ctx) =>
        runningJob(ctx)
          ? 'sync'
          : batchRunning(ctx)
            ? 'forms.batch'
            : listPrinting(ctx)
              ? 'reports.listPrint'
              : null,
      keyInUse: (ctx) => (importOpen(ctx) ? 'import' : null),
    }),
    ...xml831Handlers(),
    ...reportsHandlers(),
    ...registerHandlers(),
    ...campaignHandlers(),
    ...pregnancyHandlers(),
  };
}
