import type { NcdStatus } from '#contract/ops/record.ts';
import type { CoreContext } from '../context.ts';
import { addSpan } from './rules/dates.ts';
import { isoNow } from '../clock.ts';
import { todayIn } from '../registry/age.ts';
import { enrol } from './repo/ncd-registers.ts';
import { followUpStatus, NCD_REGISTER_LABELS, ncdRegisters, type NcdRegister } from './rules/ncd.ts';

/**
 * Brings a person's register entries in line with the evidence: the B.3.2 boxes and the ICD-10
 * codes of signed visits. Entries are only added (a register is left by a clinician's decision,
 * not by a box unticked by mistake).
 */
export function syncRegisters(ctx: CoreContext, personId: string, onDay: string): void {
  const history = ctx.store.prepare('SELECT data FROM person_history WHERE person_id = ?').get(personId) as
    { data: string } | undefined;
  const historyCodes = history
    ? ((JSON.parse(history.data) as { diseases?: { codes?: number[] } }).diseases?.codes ?? [])
    : [];
  const diagnosisCodes = ctx.store
    .prepare(
      `SELECT DISTINCT d.icd_code FROM visit_diagnoses d JOIN visits v ON v.id = d.visit_id WHERE v.person_id = ? AND v.status = 'signed' AND d.icd_code <> ''`,
    )
    .pluck()
    .all(personId) as string[];
  const membership = ncdRegisters({ historyDiseaseCodes: historyCodes.map(String), diagnosisCodes });
  for (const m of [membership.hypertension, membership.diabetes]) {
    if (m.member)
      enrol(
        ctx.store,
        {
          personId,
          register: m.register,
          on: onDay,
          source: m.evidence.map((e) => `${e.source}:${e.code}`).join(','),
        },
        isoNow(ctx.clock),
      );
  }
}

interface RegisterRow {
  person_id: string;
  register: NcdRegister;
  registered_on: string;
  interval_months: number;
  last_visit_on: string | null;
}

function statusOf(r: RegisterRow, asOf: string): NcdStatus {
  const f = followUpStatus(
    {
      registeredOn: r.registered_on,
      lastFollowUpOn: r.last_visit_on,
      interval: { months: r.interval_months },
    },
    asOf,
  );
  return {
    register: r.register,
    label: NCD_REGISTER_LABELS[r.register],
    registeredOn: r.registered_on,
    lastFollowUpOn: r.last_visit_on,
    nextDue: f.ok ? f.nextDue : null,
    overdue: f.ok ? f.overdue : false,
    daysOverdue: f.ok ? Math.max(0, f.daysOverdue ?? 0) : 0,
  };
}

// From the registers to the people (CROSS JOIN fixes that order: a few thousand registered, not
// 100,000 residents), and the last visit from persons.last_visit_on, which signing keeps current.
const REGISTER_ROWS = `SELECT r.person_id, r.register, r.registered_on, r.interval_months, p.last_visit_on
  FROM ncd_registers r CROSS JOIN persons p ON p.id = r.person_id WHERE p.status = 'active'`;

export function personNcd(ctx: CoreContext, personId: string): NcdStatus[] {
  const rows = ctx.store
    .prepare(`${REGISTER_ROWS} AND r.person_id = ? ORDER BY r.register`)
    .all(personId) as RegisterRow[];
  return rows.map((r) => statusOf(r, todayIn(ctx.clock)));
}

export interface DueFollowUp {
  personId: string;
  nextDue: string;
  /** The full status, computed on demand: a list of thousands only needs it for the page shown. */
  status(): NcdStatus;
}

/**
 * Everyone on a register whose follow-up is due or overdue, most overdue first. Only the due date
 * is computed for every registered person (one date sum each); the rest when a row is shown.
 */
export function overdueNcd(
  ctx: CoreContext,
  register: NcdRegister | undefined,
  includeDueToday = false,
): DueFollowUp[] {
  const asOf = todayIn(ctx.clock);
  const rows = ctx.store
    .prepare(`${REGISTER_ROWS} ${register ? 'AND r.register = ?' : ''}`)
    .all(...(register ? [register] : [])) as RegisterRow[];
  const due: DueFollowUp[] = [];
  // Visit days repeat across thousands of patients: each date sum is done once.
  const sums = new Map<string, string | undefined>();
  for (const r of rows) {
    const from = r.last_visit_on && r.last_visit_on > r.registered_on ? r.last_visit_on : r.registered_on;
    const key = `${from}+${r.interval_months}`;
    let nextDue = sums.get(key);
    if (nextDue === undefined && !sums.has(key))
      sums.set(key, (nextDue = addSpan(from, { months: r.interval_months })));
    if (!nextDue || nextDue > asOf || (nextDue === asOf && !includeDueToday)) continue;
    due.push({ personId: r.person_id, nextDue, status: () => statusOf(r, asOf) });
  }
  // ISO dates sort as strings: the earliest due date is the most overdue.
  return due.sort((a, b) => (a.nextDue < b.nextDue ? -1 : a.nextDue > b.nextDue ? 1 : 0));
}
