/**
 * The audit viewer's filters as SQL, shared by the page on screen (`audit.list`) and its export
 * (`audit.export`), so the workbook holds exactly the entries the admin was looking at.
 */
import type { AuditFilters } from '#contract/ops/audit.ts';

/** The UTC instant a Vietnam calendar day starts (UTC+7, no daylight saving): "2024-03-05" → "2024-03-04T17:00:00.000Z". */
export function vnDayStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + plusDays) - 7 * 3_600_000).toISOString();
}

/** A WHERE clause (possibly empty) and its parameters. */
export function auditWhere(f: AuditFilters): { where: string; params: string[] } {
  const clauses: string[] = [];
  const params: string[] = [];
  const add = (clause: string, value: string) => {
    clauses.push(clause);
    params.push(value);
  };
  if (f.entityId) add('entity_id = ?', f.entityId);
  if (f.userId) add('user_id = ?', f.userId);
  if (f.action) add('action = ?', f.action);
  // Entries carry ISO instants written by toISOString(), so text order is time order.
  if (f.from) add('at >= ?', vnDayStart(f.from));
  if (f.to) add('at < ?', vnDayStart(f.to, 1));
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
