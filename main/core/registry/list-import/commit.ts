/**
 * Writing a planned import: new residents inserted, registered ones updated, households created
 * from the list's household codes, each write audited — all inside the caller's one transaction,
 * in slices so the window stays responsive. The rows are written through the persons and
 * households repositories' bulk statements; the persons repository marks each resident's record
 * for upload as it writes it.
 */
import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../../context.ts';
import type { Actor } from '../../audit/audit.ts';
import { auditWriter } from '../../audit/audit.ts';
import { nextHouseholdCode } from '../household-rows.ts';
import { sliceTimer, type Steps } from '../list-reader/turns.ts';
import { fieldsToColumns } from '../person-row.ts';
import { householdsBulk } from '../repo/households.ts';
import { personsBulk } from '../repo/persons.ts';
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
  const persons = personsBulk(ctx.store, { outbox: true });
  const householdRows = householdsBulk(ctx.store);
  const households = new Map<string, string>();
  const householdByCode = ctx.store.prepare('SELECT id FROM households WHERE code = ?');

  /** The household a row names (found by its code, or created once per list household). */
  const householdFor = (p: Planned): string | null => {
    if (!p.householdKey || !p.fields) return null;
    let id = households.get(p.householdKey);
    if (id === undefined) {
      const listCode = p.householdCode.trim();
      const found = listCode ? (householdByCode.get(listCode) as { id: string } | undefined) : undefined;
      id = found?.id ?? randomUUID();
      if (!found) {
        // A list without household codes gets the station's own numbering.
        const code = listCode || nextHouseholdCode(ctx);
        householdRows.insert(
          {
            id,
            code,
            headPersonId: null,
            village: p.fields.currentAddress.village,
            address: p.fields.currentAddress.text,
          },
          now,
        );
        audit(
          actor,
          { action: 'household.create', entity: 'household', entityId: id, details: { code, importId } },
          now,
        );
        written.householdsCreated += 1;
      }
      households.set(p.householdKey, id);
    }
    return id;
  };

  for (const [i, p] of planned.entries()) {
    if (timeUp()) {
      onProgress?.(i);
      yield;
    }
    if (!p.fields || (p.verdict !== 'new' && p.verdict !== 'update')) continue;
    const created = p.verdict === 'new';
    const personId = created ? randomUUID() : (p.personId as string);
    // The new resident's id stays on the plan: a campaign's roster takes the list's residents.
    p.personId = personId;
    const household = householdFor(p);
    // A list only gives a household to someone without one: the person's own comes first.
    const columns = fieldsToColumns(p.fields);
    columns.household_id = columns.household_id ?? household;
    const meta = { identifiers: p.fields.identifiers, now, userId: actor.userId };
    if (created) {
      persons.insert(personId, columns, meta);
      written.created += 1;
    } else {
      persons.update(personId, columns, meta);
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
    if (household && (p.isHead || p.fields.relationToHead === HEAD_RELATION))
      householdRows.setHeadIfNone(household, personId, now);
  }
  onProgress?.(planned.length);
  return written;
}
