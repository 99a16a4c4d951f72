/**
 * Writing a planned import: new residents inserted, registered ones updated, households created
 * from the list's household codes, each write audited and queued for upload — all inside the
 * caller's one transaction, in slices so the window stays responsive.
 */
import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../../context.ts';
import { queueOutbox } from '../../sync/outbox.ts';
import type { Actor } from '../../audit/audit.ts';
import { auditWriter } from '../../audit/audit.ts';
import { nextHouseholdCode } from '../households.ts';
import { writeIdentifiers } from '../identifiers.ts';
import { sliceTimer, type Steps } from '../list-reader/turns.ts';
import { fieldsToColumns } from '../person-row.ts';
import { HEAD_RELATION } from './draft-fields.ts';
import type { Planned } from './plan.ts';

export interface Written {
  created: number;
  updated: number;
  householdsCreated: number;
}

type CommitContext = Pick<CoreContext, 'store' | 'clock'>;

export function* commitSteps(
  ctx: CommitContext,
  actor: Actor,
  importId: string,
  planned: readonly Planned[],
  onProgress?: (done: number) => void,
): Steps<Written> {
  const timeUp = sliceTimer(10, 8);
  const now = ctx.clock().toISOString();
  const audit = auditWriter(ctx.store);
  const written: Written = { created: 0, updated: 0, householdsCreated: 0 };
  const columns = Object.keys(fieldsToColumns(planned.find((p) => p.fields)?.fields ?? emptyFields()));
  const insert = ctx.store.prepare(
    `INSERT INTO persons (id, ${columns.join(', ')}, status, status_note, created_at, updated_at, version, created_by, updated_by)
     VALUES (?, ${columns.map(() => '?').join(', ')}, 'active', '', ?, ?, 1, ?, ?)`,
  );
  // An update keeps the resident's household: the list only ever adds one to someone without.
  const updateColumns = columns.filter((c) => c !== 'household_id');
  const update = ctx.store.prepare(
    `UPDATE persons SET ${updateColumns.map((c) => `${c} = ?`).join(', ')}, updated_at = ?, updated_by = ?, version = version + 1
     WHERE id = ? RETURNING version`,
  );
  const households = new Map<string, { id: string; created: boolean }>();
  const householdByCode = ctx.store.prepare('SELECT id FROM households WHERE code = ?');
  const insertHousehold = ctx.store.prepare(
    `INSERT INTO households (id, code, head_person_id, village, address, created_at, updated_at) VALUES (?, ?, NULL, ?, ?, ?, ?)`,
  );
  const joinHousehold = ctx.store.prepare(
    `UPDATE persons SET household_id = ? WHERE id = ? AND household_id IS NULL`,
  );
  const setHead = ctx.store.prepare(
    `UPDATE households SET head_person_id = ?, updated_at = ? WHERE id = ? AND head_person_id IS NULL`,
  );

  const householdFor = (p: Planned): string | null => {
    if (!p.householdKey || !p.fields) return null;
    let h = households.get(p.householdKey);
    if (!h) {
      const listCode = p.householdCode.trim();
      const found = listCode ? (householdByCode.get(listCode) as { id: string } | undefined) : undefined;
      h = found ? { id: found.id, created: false } : { id: randomUUID(), created: true };
      if (!found) {
        // A list without household codes gets the station's own numbering.
        const code = listCode || nextHouseholdCode(ctx);
        insertHousehold.run(
          h.id,
          code,
          p.fields.currentAddress.village,
          p.fields.currentAddress.text,
          now,
          now,
        );
        audit(
          actor,
          { action: 'household.create', entity: 'household', entityId: h.id, details: { code, importId } },
          now,
        );
        written.householdsCreated += 1;
      }
      households.set(p.householdKey, h);
    }
    return h.id;
  };

  for (const [i, p] of planned.entries()) {
    if (timeUp()) {
      onProgress?.(i);
      yield;
    }
    if (!p.fields || (p.verdict !== 'new' && p.verdict !== 'update')) continue;
    const values = fieldsToColumns(p.fields) as Record<string, unknown>;
    const created = p.verdict === 'new';
    let personId: string;
    let version: number;
    if (created) {
      personId = randomUUID();
      version = 1;
      insert.run(personId, ...columns.map((c) => values[c] ?? null), now, now, actor.userId, actor.userId);
      written.created += 1;
    } else {
      personId = p.personId as string;
      const row = update.get(...updateColumns.map((c) => values[c] ?? null), now, actor.userId, personId) as {
        version: number;
      };
      version = row.version;
      written.updated += 1;
    }
    audit(
      actor,
      {
        action: created ? 'person.create' : 'person.update',
        entity: 'person',
        entityId: personId,
        details: { importId, line: p.row.line },
      },
      now,
    );
    writeIdentifiers(ctx.store, personId, p.fields.identifiers, now);
    const household = householdFor(p);
    if (household) {
      joinHousehold.run(household, personId);
      if (p.isHead || p.fields.relationToHead === HEAD_RELATION) setHead.run(personId, now, household);
    }
    queueOutbox(ctx.store, 'person', personId, version, 'upsert', now);
  }
  onProgress?.(planned.length);
  return written;
}

/** Only for the column list when a plan has nothing to write. */
function emptyFields(): Parameters<typeof fieldsToColumns>[0] {
  const address = { text: '', provinceCode: '', communeCode: '', village: '', street: '' };
  return {
    fullName: '',
    sex: 'M',
    birthDate: '2000',
    householdId: null,
    relationToHead: '',
    bloodAbo: '',
    bloodRh: '',
    birthProvinceCode: '',
    ethnicityCode: '',
    nationality: 'VN',
    religion: '',
    occupation: '',
    identifiers: [],
    permanentAddress: address,
    currentAddress: address,
    phoneMobile: '',
    phoneLandline: '',
    email: '',
    mother: { name: '', phone: '' },
    father: { name: '', phone: '' },
    caregiver: { name: '', phone: '', relation: '' },
    shareConsent: true,
  };
}
