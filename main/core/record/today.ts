import type { z } from 'zod';
import type { QueueItem } from '../../../preload/contract/ops/record.ts';
import type { CoreContext } from '../context.ts';
import { todayIn } from '../registry/age.ts';
import { summariesByIds } from '../registry/summaries.ts';
import { overdueNcd } from './ncd.ts';

type Item = z.output<typeof QueueItem>;

/**
 * "Hôm nay": today's exams (drafts first, so nothing half-done is forgotten), then who is due
 * today — immunisation appointments and NCD follow-ups due or overdue.
 */
export function todayQueue(ctx: CoreContext): Item[] {
  const today = todayIn(ctx.clock);
  // Two indexed reads (today's visits; every unfinished draft) rather than one OR that reads all visits.
  type Row = { id: string; person_id: string; status: 'draft' | 'signed'; reason: string; updated_at: string };
  const drafts = ctx.store
    .prepare(`SELECT id, person_id, status, reason, updated_at FROM visits WHERE status = 'draft' ORDER BY updated_at DESC LIMIT 200`)
    .all() as Row[];
  const signedToday = ctx.store
    .prepare(`SELECT id, person_id, status, reason, updated_at FROM visits WHERE visit_on = ? AND status = 'signed' ORDER BY updated_at DESC LIMIT 200`)
    .all(today) as Row[];
  const visits = [...drafts, ...signedToday].slice(0, 200);
  const appointments = ctx.store
    .prepare(`SELECT DISTINCT person_id FROM immunizations WHERE next_on = ? LIMIT 200`)
    .pluck()
    .all(today) as string[];
  const ncd = overdueNcd(ctx, undefined, true).slice(0, 100);
  const people = new Map(
    summariesByIds(ctx, [...new Set([...visits.map((v) => v.person_id), ...appointments, ...ncd.map((n) => n.personId)])]).map((s) => [s.id, s]),
  );
  const items: Item[] = [];
  for (const v of visits) {
    const person = people.get(v.person_id);
    if (person) items.push({ person, kind: v.status === 'draft' ? 'visit-draft' : 'visit-signed', visitId: v.id, note: v.reason });
  }
  const seen = new Set(items.map((i) => i.person.id));
  for (const id of appointments) {
    const person = people.get(id);
    if (person && !seen.has(id)) {
      items.push({ person, kind: 'immunization-due', visitId: null, note: 'Hẹn tiêm chủng hôm nay' });
      seen.add(id);
    }
  }
  // One line per person: someone in both the hypertension and the diabetes register is one visit.
  const ncdItems = new Map<string, Item>();
  for (const n of ncd) {
    const person = people.get(n.personId);
    if (!person || seen.has(n.personId)) continue;
    const status = n.status();
    const note = `${status.label}: ${status.overdue ? `quá hạn ${status.daysOverdue} ngày` : 'đến hạn hôm nay'}`;
    const item = ncdItems.get(n.personId);
    if (item) item.note += ` · ${note}`;
    else ncdItems.set(n.personId, { person, kind: 'ncd-due', visitId: null, note });
  }
  items.push(...ncdItems.values());
  return items;
}
