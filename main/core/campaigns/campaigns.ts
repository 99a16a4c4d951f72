/**
 * Screening campaigns: creating one, building its roster (by age band and village, chosen
 * residents, or an imported workplace list), and the rapid entry — open the next resident not yet
 * examined as a draft visit (so device readings arrive as in any exam), save it as a signed visit
 * linked to the campaign, open the next. Every write is audited; the exam itself goes through the
 * record's visit service, so it is checked and marked for upload like any other.
 */
import { randomUUID } from 'node:crypto';
import type { Campaign, CampaignExam, CampaignMeasure, RosterEntry } from '#contract/ops/campaigns.ts';
import type { OperationParsedInput } from '#contract/operations.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { todayIn } from '../registry/age.ts';
import { committedPersonIds } from '../registry/list-import/service.ts';
import * as visitsRepo from '../record/repo/visits.ts';
import { loadVisit, signVisit, startVisit } from '../record/visits.ts';
import * as repo from './repo/campaigns.ts';
import { ageBandBirthRange, campaignDay, examDayIssue, measuredAny } from './rules.ts';

type Examiner = Actor & { fullName: string };

interface CampaignRow {
  id: string;
  kind: Campaign['kind'];
  name: string;
  place: string;
  starts_on: string;
  ends_on: string;
  measures: string;
  classes: string;
  created_at: string;
}

function progressOf(ctx: CoreContext, id: string): Campaign['progress'] {
  // Both counts from indexes (the key, and the partial index of those not yet examined).
  return ctx.store
    .prepare(
      `SELECT roster, roster - todo AS examined FROM
         (SELECT (SELECT count(*) FROM campaign_roster WHERE campaign_id = ?) AS roster,
                 (SELECT count(*) FROM campaign_roster WHERE campaign_id = ? AND visit_id IS NULL) AS todo)`,
    )
    .get(id, id) as Campaign['progress'];
}

function toCampaign(r: CampaignRow, progress: Campaign['progress']): Campaign {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    place: r.place,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    measures: JSON.parse(r.measures) as CampaignMeasure[],
    classes: JSON.parse(r.classes) as string[],
    progress,
    createdAt: r.created_at,
  };
}

function findCampaign(ctx: CoreContext, id: string): Campaign {
  const r = ctx.store.prepare('SELECT * FROM campaigns WHERE id = ?').get(id) as CampaignRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', { message: 'Không tìm thấy đợt khám.' });
  return toCampaign(r, progressOf(ctx, id));
}

const invalid = (path: string, message: string) =>
  new AppError('INVALID_INPUT', { message, details: { issues: [{ path, message }] } });

export function createCampaign(
  ctx: CoreContext,
  actor: Actor,
  input: OperationParsedInput<'campaigns.create'>,
): Campaign {
  if (input.endsOn < input.startsOn) throw invalid('endsOn', 'Ngày kết thúc phải từ ngày bắt đầu trở đi.');
  const classes = input.kind === 'school' ? [...new Set(input.classes)] : [];
  const id = randomUUID();
  const now = isoNow(ctx.clock);
  ctx.store.tx(() => {
    repo.insertCampaign(ctx.store, {
      id,
      kind: input.kind,
      name: input.name,
      place: input.place,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      measures: [...new Set(input.measures)],
      classes,
      createdAt: now,
      createdBy: actor.userId,
    });
    appendAudit(
      ctx.store,
      actor,
      {
        action: 'campaign.create',
        entity: 'campaign',
        entityId: id,
        details: { kind: input.kind, name: input.name },
      },
      now,
    );
  });
  return findCampaign(ctx, id);
}

/** Every campaign, the newest first, each with its progress. */
export function listCampaigns(ctx: CoreContext): Campaign[] {
  const rows = ctx.store
    .prepare(
      `SELECT c.*, (SELECT count(*) FROM campaign_roster r WHERE r.campaign_id = c.id) AS roster,
              (SELECT count(visit_id) FROM campaign_roster r WHERE r.campaign_id = c.id) AS examined
       FROM campaigns c ORDER BY c.starts_on DESC, c.created_at DESC, c.name`,
    )
    .all() as (CampaignRow & Campaign['progress'])[];
  return rows.map((r) => toCampaign(r, { roster: r.roster, examined: r.examined }));
}

const ROSTER_SQL = `SELECT r.person_id AS personId, r.seq, r.class_name AS className, p.full_name AS fullName, p.sex,
         p.birth_date AS birthDate, p.village, r.visit_id AS visitId, v.visit_on AS visitOn, coalesce(v.exam_place, '') AS examPlace
  FROM campaign_roster r JOIN persons p ON p.id = r.person_id LEFT JOIN visits v ON v.id = r.visit_id
  WHERE r.campaign_id = ?`;

export function rosterOf(ctx: CoreContext, id: string): RosterEntry[] {
  return ctx.store.prepare(`${ROSTER_SQL} ORDER BY r.seq`).all(id) as RosterEntry[];
}

function rosterEntry(ctx: CoreContext, campaignId: string, personId: string): RosterEntry | undefined {
  return ctx.store.prepare(`${ROSTER_SQL} AND r.person_id = ?`).get(campaignId, personId) as
    RosterEntry | undefined;
}

function checkClass(c: Campaign, className: string): void {
  if (c.classes.length > 0 && className !== '' && !c.classes.includes(className))
    throw invalid('className', `Lớp “${className}” không có trong đợt khám (${c.classes.join(', ')}).`);
}

function addAudited(
  ctx: CoreContext,
  actor: Actor,
  c: Campaign,
  ids: readonly string[],
  className: string,
  source: Record<string, unknown>,
): { added: number; campaign: Campaign } {
  const now = isoNow(ctx.clock);
  const added = ctx.store.tx(() => {
    const n = repo.addToRoster(ctx.store, c.id, ids, className, now);
    appendAudit(
      ctx.store,
      actor,
      {
        action: 'campaign.roster',
        entity: 'campaign',
        entityId: c.id,
        details: { added: n, className, ...source },
      },
      now,
    );
    return n;
  });
  return { added, campaign: findCampaign(ctx, c.id) };
}

/** Residents (still living here) by age band on the campaign's first day and village, in name order. */
export function addByAge(
  ctx: CoreContext,
  actor: Actor,
  input: OperationParsedInput<'campaigns.addByAge'>,
): { added: number; campaign: Campaign } {
  const c = findCampaign(ctx, input.campaignId);
  if (input.ageFrom > input.ageTo) throw invalid('ageTo', 'Tuổi đến phải lớn hơn hoặc bằng tuổi từ.');
  checkClass(c, input.className);
  const band = ageBandBirthRange(c.startsOn, input.ageFrom, input.ageTo);
  // A year-only birth date counts whole calendar years (registry/age.ts): its year is in the band.
  const ids = ctx.store
    .prepare(
      `SELECT id FROM persons
       WHERE status = 'active' AND (? = '' OR village = ?)
         AND ((length(birth_date) = 10 AND birth_date > ? AND birth_date <= ?)
           OR (length(birth_date) = 4 AND birth_year BETWEEN ? AND ?))
       ORDER BY name_folded, birth_date`,
    )
    .all(input.village, input.village, band.after, band.onOrBefore, band.yearFrom, band.yearTo) as {
    id: string;
  }[];
  return addAudited(
    ctx,
    actor,
    c,
    ids.map((r) => r.id),
    input.className,
    {
      source: 'age',
      village: input.village,
      ageFrom: input.ageFrom,
      ageTo: input.ageTo,
    },
  );
}

/** Chosen residents (those the registry knows) at the end of the roster, in the order given. */
export function addPersons(
  ctx: CoreContext,
  actor: Actor,
  input: { campaignId: string; personIds: readonly string[]; className: string },
  source: Record<string, unknown> = { source: 'chosen' },
): { added: number; campaign: Campaign } {
  const c = findCampaign(ctx, input.campaignId);
  checkClass(c, input.className);
  const known = ctx.store.prepare('SELECT 1 FROM persons WHERE id = ?');
  const ids = input.personIds.filter((id) => known.get(id) !== undefined);
  return addAudited(ctx, actor, c, ids, input.className, source);
}

/** A workplace's list read by the import wizard: everyone it matched or created, in list order. */
export function addFromImport(
  ctx: CoreContext,
  actor: Actor,
  input: OperationParsedInput<'campaigns.addFromImport'>,
): { added: number; campaign: Campaign } {
  const personIds = committedPersonIds(ctx, input.importId);
  return addPersons(ctx, actor, { ...input, personIds }, { source: 'import', importId: input.importId });
}

function nextUnexamined(ctx: CoreContext, campaignId: string): string | null {
  const r = ctx.store
    .prepare(
      'SELECT person_id FROM campaign_roster WHERE campaign_id = ? AND visit_id IS NULL ORDER BY seq LIMIT 1',
    )
    .get(campaignId) as { person_id: string } | undefined;
  return r?.person_id ?? null;
}

/**
 * Opens the exam of a resident on the roster (the next not yet examined when none is named): their
 * draft visit, dated on the campaign's day and giving the campaign as its reason. Null when
 * everyone has been examined.
 */
export function openCampaignExam(
  ctx: CoreContext,
  actor: Examiner,
  campaignId: string,
  personId: string | null,
): CampaignExam | null {
  const c = findCampaign(ctx, campaignId);
  const who = personId ?? nextUnexamined(ctx, campaignId);
  if (who === null) return null;
  const entry = rosterEntry(ctx, campaignId, who);
  if (!entry) throw new AppError('NOT_FOUND', { message: 'Người này không có trong danh sách đợt khám.' });
  if (entry.visitId)
    throw new AppError('CONFLICT', { message: `${entry.fullName} đã được khám trong đợt này.` });
  const visit = startVisit(ctx, actor, who);
  // The form opens on the campaign's day with the campaign as the reason; they are written with
  // the exam when it is saved (not autosaved first: one write fewer per Enter, and a draft left
  // unsaved is the nurse's to finish or discard like any other).
  return {
    entry,
    visit: {
      ...visit,
      visitOn: campaignDay(c, todayIn(ctx.clock)),
      reason: visit.reason || `Khám sàng lọc: ${c.name}`,
    },
  };
}

/**
 * Saves the open exam as a signed visit linked to the campaign (an exam done elsewhere keeps its
 * place; its day is the visit's), and opens the next resident not yet examined.
 */
export function saveAndNext(
  ctx: CoreContext,
  actor: Examiner,
  input: OperationParsedInput<'campaigns.next'>,
): {
  saved: { visitId: string; personId: string };
  progress: Campaign['progress'];
  next: CampaignExam | null;
} {
  const c = findCampaign(ctx, input.campaignId);
  const draft = loadVisit(ctx, input.visitId);
  const entry = rosterEntry(ctx, c.id, draft.personId);
  if (!entry) throw new AppError('NOT_FOUND', { message: 'Người này không có trong danh sách đợt khám.' });
  if (entry.visitId)
    throw new AppError('CONFLICT', { message: `${entry.fullName} đã được khám trong đợt này.` });
  const elsewhere = input.elsewhere;
  const dayIssue = examDayIssue(c, input.visit.visitOn, elsewhere !== null, todayIn(ctx.clock));
  if (dayIssue) throw invalid('visit.visitOn', dayIssue);
  if (!measuredAny(c.measures, input.visit))
    throw invalid('visit', `Chưa nhập số đo nào cho ${entry.fullName}.`);
  // One transaction for the save and the next draft: one commit (and its WAL sync) per Enter.
  return ctx.store.tx(() => {
    signVisit(ctx, actor, input.visitId, input.version, input.visit, input.confirmed);
    const now = isoNow(ctx.clock);
    visitsRepo.setCampaign(ctx.store, input.visitId, c.id, elsewhere?.place ?? '');
    repo.linkExam(ctx.store, c.id, draft.personId, input.visitId);
    appendAudit(
      ctx.store,
      actor,
      {
        action: 'campaign.exam',
        entity: 'person',
        entityId: draft.personId,
        details: {
          campaignId: c.id,
          visitId: input.visitId,
          ...(elsewhere ? { examPlace: elsewhere.place } : {}),
        },
      },
      now,
    );
    return {
      saved: { visitId: input.visitId, personId: draft.personId },
      progress: progressOf(ctx, c.id),
      next: openCampaignExam(ctx, actor, c.id, null),
    };
  });
}

/** The campaign with its roster (names, classes, who has been examined and where). */
export function campaignWithRoster(
  ctx: CoreContext,
  id: string,
): { campaign: Campaign; roster: RosterEntry[] } {
  return { campaign: findCampaign(ctx, id), roster: rosterOf(ctx, id) };
}
