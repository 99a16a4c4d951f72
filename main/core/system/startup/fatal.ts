/**
 * Why the database could not be opened, as a check the blocked screen shows. Opening fails before
 * there is a core to ask, so the host catches the error and turns it into this (see
 * hosts/common/blocked-core.ts).
 */
import type { StartupCheck } from '#contract/ops/system.ts';
import { isAppError } from '../../errors.ts';
import { keyFileFor } from '../../paths.ts';
import { TEXT } from './messages.ts';

const SQLITE_DAMAGED = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_IOERR_SHORT_READ']);

function sqliteCode(e: unknown): string | null {
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
    if (!(c instanceof Error)) break;
  }
  return null;
}

export function classifyStartupFailure(e: unknown, dbFile: string): StartupCheck {
  if (isAppError(e) && e.code === 'DB_TOO_NEW') {
    const d = e.details as { applied?: number; known?: number } | undefined;
    const versions =
      d?.applied !== undefined && d.known !== undefined
        ? ` (dữ liệu ở bậc ${d.applied}, phiên bản này chỉ biết đến bậc ${d.known})`
        : '';
    return {
      id: 'dbTooNew',
      level: 'fatal',
      ...TEXT.dbTooNew,
      message: `${TEXT.dbTooNew.message}${versions}`,
      path: dbFile,
    };
  }
  if (isAppError(e) && e.code === 'DB_KEY_INVALID') {
    const keyFile = keyFileFor(dbFile);
    const missing = /no key file/.test(e.message);
    return { id: 'key', level: 'fatal', ...(missing ? TEXT.keyMissing : TEXT.keyUnreadable), path: keyFile };
  }
  // A key file that is not JSON any more (cut short, overwritten) fails in JSON.parse.
  if (e instanceof SyntaxError)
    return { id: 'key', level: 'fatal', ...TEXT.keyUnreadable, path: keyFileFor(dbFile) };
  const code = sqliteCode(e);
  if (code && SQLITE_DAMAGED.has(code))
    return { id: 'database', level: 'fatal', ...TEXT.dbDamaged, path: dbFile };
  return { id: 'database', level: 'fatal', ...TEXT.dbOther, path: dbFile };
}
