/**
 * The campaigns repository: the one writer of `campaigns` and `campaign_roster`. A roster row is
 * the station's work list, not part of anyone's record: it marks nothing for upload (the exam it
 * points at is a signed visit, marked by the visits repository). Callers validate, audit and hold
 * the transaction.
 */
import type { Store } from '../../db/store.ts';

export interface NewCampaign {
  id: string;
  kind: 'station' | 'school' | 'workplace' | 'village';
  name: string;
  place: string;
  startsOn: string;
  endsOn: string;
  measures: readonly string[];
  classes: readonly string[];
  createdAt: string;
  createdBy: string | null;
}

export function insertCampaign(store: Store, c: NewCampaign): void {
  store.run(
    store.qb.insertInto('campaigns').values({
      id: c.id,
      kind: c.kind,
      name: c.name,
      place: c.place,
      starts_on: c.startsOn,
      ends_on: c.endsOn,
      measures: JSON.stringify(c.measures),
      classes: JSON.stringify(c.classes),
      created_at: c.createdAt,
      created_by: c.createdBy,
    }),
  );
}

/**
 * Residents added at the end of the roster, in the order given, each with the class named; anyone
 * already on it keeps their place and class. Returns how many were added.
 */
export function addToRoster(
  store: Store,
  campaignId: string,
  personIds: readonly string[],
  className: string,
  now: string,
): number {
  let seq = (
    store
      .prepare('SELECT coalesce(max(seq), 0) AS last FROM campaign_roster WHERE campaign_id = ?')
      .get(campaignId) as { last: number }
  ).last;
  const insert = store.prepare(
    `INSERT OR IGNORE INTO campaign_roster (campaign_id, person_id, seq, class_name, added_at) VALUES (?, ?, ?, ?, ?)`,
  );
  let added = 0;
  for (const id of personIds) {
    if (insert.run(campaignId, id, seq + 1, className, now).changes === 1) {
      seq += 1;
      added += 1;
    }
  }
  return added;
}

/** The resident's exam in this campaign was saved: the roster points at it. */
export function linkExam(store: Store, campaignId: string, personId: string, visitId: string): void {
  store
    .prepare('UPDATE campaign_roster SET visit_id = ? WHERE campaign_id = ? AND person_id = ?')
    .run(visitId, campaignId, personId);
}

/**
 * Two residents merged: the duplicate's roster places become the survivor's. Where both were on
 * the same roster the survivor keeps their place, taking the duplicate's exam if only it had one.
 */
export function reassignRoster(store: Store, from: string, to: string): { moved: number; dropped: number } {
  const both = store
    .prepare(
      `SELECT f.campaign_id, f.visit_id FROM campaign_roster f
       JOIN campaign_roster t ON t.campaign_id = f.campaign_id AND t.person_id = ?
       WHERE f.person_id = ?`,
    )
    .all(to, from) as { campaign_id: string; visit_id: string | null }[];
  for (const b of both) {
    if (b.visit_id)
      store
        .prepare(
          'UPDATE campaign_roster SET visit_id = ? WHERE campaign_id = ? AND person_id = ? AND visit_id IS NULL',
        )
        .run(b.visit_id, b.campaign_id, to);
    store
      .prepare('DELETE FROM campaign_roster WHERE campaign_id = ? AND person_id = ?')
      .run(b.campaign_id, from);
  }
  const moved = store
    .prepare('UPDATE campaign_roster SET person_id = ? WHERE person_id = ?')
    .run(to, from).changes;
  return { moved, dropped: both.length };
}
