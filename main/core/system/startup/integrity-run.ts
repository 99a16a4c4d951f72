/**
 * The check itself, on a read-only connection of its own: `PRAGMA quick_check` (every start: page
 * structure and record formats, seconds on a large database) or `PRAGMA integrity_check` (weekly:
 * also that every index matches its table, minutes on 900 MB). Both stop at 20 problems: the
 * verdict is "damaged" whatever the count, and the list goes to the log.
 */
import { openSqlite } from '../../db/sqlite.ts';
import type { IntegrityWorkerAnswer } from './integrity-protocol.ts';

const MAX_PROBLEMS = 20;

export function runIntegrityCheck(
  file: string,
  key: Buffer | null,
  mode: 'quick' | 'full',
): IntegrityWorkerAnswer {
  const started = performance.now();
  try {
    const db = openSqlite({ file, key, readonly: true, mustExist: true });
    try {
      const pragma = mode === 'quick' ? 'quick_check' : 'integrity_check';
      const rows = db.prepare(`PRAGMA ${pragma}(${MAX_PROBLEMS})`).pluck().all() as string[];
      const problems = rows.length === 1 && rows[0] === 'ok' ? [] : rows;
      return { ok: true, mode, problems, ms: Math.round(performance.now() - started) };
    } finally {
      db.close();
    }
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    // A page too damaged to walk fails the pragma itself: that is a verdict too, not a failed check.
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
      return {
        ok: true,
        mode,
        problems: [(e as Error).message],
        ms: Math.round(performance.now() - started),
      };
    return { ok: false, mode, error: (e as Error).message };
  }
}
