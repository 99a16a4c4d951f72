import { codesHandlers } from '../codes/handlers.ts';
import { devicesHandlers, measurementsHandlers } from '../devices/handlers.ts';
import { recordHandlers, vaccineHandlers, visitHandlers } from '../record/handlers.ts';
import { householdsHandlers, personsHandlers } from '../registry/handlers.ts';
import { importHandlers } from '../registry/importer/handlers.ts';
import { auditHandlers } from '../security/audit-handlers.ts';
import { authHandlers } from '../security/auth-handlers.ts';
import { usersHandlers } from '../security/users-handlers.ts';
import { stationHandlers } from '../station/handlers.ts';
import { systemHandlers } from '../system/handlers.ts';
import type { Handlers } from './types.ts';

/** Every operation's implementation. The type makes a missing or misspelt handler a compile error. */
export function createHandlers(): Handlers {
  return {
    ...systemHandlers(),
    ...stationHandlers(),
    ...authHandlers(),
    ...usersHandlers(),
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
  };
}
