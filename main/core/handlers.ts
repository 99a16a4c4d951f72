import { codesHandlers } from './codes/handlers.ts';
import { devicesHandlers, measurementsHandlers } from './devices/handlers.ts';
import { recordHandlers, vaccineHandlers, visitHandlers } from './record/handlers.ts';
import { pregnancyHandlers } from './record/pregnancy-handlers.ts';
import { householdsHandlers, importHandlers, personsHandlers } from './registry/handlers.ts';
import { auditHandlers } from './audit/handlers.ts';
import { securityHandlers } from './security/handlers.ts';
import { stationHandlers } from './station/handlers.ts';
import { systemHandlers } from './system/handlers.ts';
import { formsHandlers } from './forms/handlers.ts';
import { upstreamHandlers } from './upstream/handlers.ts';
import { backupHandlers } from './backup/handlers.ts';
import { runningJob } from './upstream/service.ts';
import { xml831Handlers } from './upstream/xml831/handlers.ts';
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
    ...visitHandlers(),
    ...devicesHandlers(),
    ...measurementsHandlers(),
    ...importHandlers(),
    ...formsHandlers(),
    ...upstreamHandlers(),
    // A restore waits for an upload run to end (backup/ may not import upstream/).
    ...backupHandlers({ otherJob: (ctx) => (runningJob(ctx) ? 'sync' : null) }),
    ...xml831Handlers(),
    ...pregnancyHandlers(),
  };
}
