import { requireActor, type CallInfo, type HandlersOf } from '../handler-types.ts';
import { AppError } from '../errors.ts';
import { summariesByIds } from '../registry/summaries.ts';
import { listVaccines, retireVaccine, setVaccineActive, setVaccineRegional } from './catalogue.ts';
import { openRecord } from './full-record.ts';
import { exportDueList } from './immunization-due-export.ts';
import { auditedDueList } from './immunization-due-list.ts';
import { auditRecordView } from './read-audit.ts';
import { growthChart } from './growth-chart.ts';
import { saveHistory } from './history.ts';
import { correctDose, recordDoses, removeDose } from './immunizations.ts';
import { mergeResidents } from './merge-residents.ts';
import { overdueNcd } from './ncd.ts';
import { listSupplements, recordSupplement, removeSupplement } from './supplements.ts';
import { todayQueue } from './today.ts';
import {
  amendVisit,
  deriveTyped,
  discardDraft,
  loadVisit,
  saveDraft,
  signVisit,
  startVisit,
  visitVersions,
} from './visits.ts';

function examiner(call: CallInfo): ReturnType<typeof requireActor> & { fullName: string } {
  const actor = requireActor(call);
  return { ...actor, fullName: call.session?.fullName ?? actor.username };
}

/** The window (its session) that shows an exam. */
const holderOf = (call: CallInfo): string => call.session?.id ?? 'no-session';

/** The record's operations, and merging two residents' records (which moves parts A to D). */
export function recordHandlers(): HandlersOf<'record'> & Pick<HandlersOf<'persons'>, 'persons.merge'> {
  return {
    'persons.merge': ({ survivorId, mergedId, take }, call) =>
      mergeResidents(call.ctx, requireActor(call), survivorId, mergedId, take),
    'record.get': ({ personId }, call) => openRecord(call.ctx, requireActor(call), personId),
    'record.saveHistory': ({ personId, version, history }, call) =>
      saveHistory(call.ctx, requireActor(call), personId, version, history),
    'record.growthChart': ({ personId, indicator }, call) => {
      const chart = growthChart(call.ctx, personId, indicator);
      auditRecordView(call.ctx, call, 'growth.read', personId, { indicator });
      return chart;
    },
    'record.ncdOverdue': ({ register, limit }, { ctx }) => {
      const all = overdueNcd(ctx, register);
      const page = all.slice(0, limit);
      const people = new Map(
        summariesByIds(
          ctx,
          page.map((x) => x.personId),
        ).map((p) => [p.id, p]),
      );
      return {
        total: all.length,
        rows: page.flatMap((x) => {
          const person = people.get(x.personId);
          return person ? [{ person, status: x.status() }] : [];
        }),
      };
    },
    'record.today': (_input, { ctx }) => todayQueue(ctx),
  };
}

export function vaccineHandlers(): HandlersOf<'vaccines'> & HandlersOf<'immunizations'> {
  return {
    'vaccines.list': (_input, { ctx }) => listVaccines(ctx),
    'vaccines.setActive': ({ code, active }, call) =>
      setVaccineActive(call.ctx, requireActor(call), code, active),
    'vaccines.setRegional': ({ vaccine, enabled }, call) =>
      setVaccineRegional(call.ctx, requireActor(call), vaccine, enabled),
    'vaccines.retire': ({ vaccine, retired }, call) =>
      retireVaccine(call.ctx, requireActor(call), vaccine, retired),
    'immunizations.dueList': (input, call) => auditedDueList(call.ctx, requireActor(call), input),
    'immunizations.dueListExport': async (input, call) => {
      const r = await exportDueList(call.ctx, requireActor(call), input);
      return { fileName: r.fileName, contentBase64: r.bytes.toString('base64'), rows: r.rows };
    },
    'immunizations.record': ({ personId, doses, confirmed }, call) =>
      recordDoses(call.ctx, requireActor(call), personId, doses, confirmed),
    'immunizations.correct': ({ id, dose, reason, confirmed }, call) =>
      correctDose(call.ctx, requireActor(call), id, dose, reason, confirmed),
    'immunizations.remove': ({ id, reason }, call) => removeDose(call.ctx, requireActor(call), id, reason),
  };
}

export function visitHandlers(): HandlersOf<'visits'> {
  return {
    'visits.start': ({ personId }, call) => startVisit(call.ctx, examiner(call), personId),
    'visits.get': ({ id }, call) => {
      const visit = loadVisit(call.ctx, id);
      auditRecordView(call.ctx, call, 'visit.read', visit.personId, { visitId: id });
      return visit;
    },
    'visits.saveDraft': ({ id, version, visit }, call) =>
      saveDraft(call.ctx, requireActor(call), id, version, visit),
    'visits.sign': ({ id, version, visit, confirmed }, call) => {
      const signed = signVisit(call.ctx, requireActor(call), id, version, visit, confirmed);
      call.ctx.exams.end(id, call.ctx.clock().getTime());
      return signed;
    },
    'visits.amend': ({ id, version, visit, reason, confirmed }, call) =>
      amendVisit(call.ctx, requireActor(call), id, version, visit, reason, confirmed),
    'visits.discard': ({ id }, call) => {
      discardDraft(call.ctx, requireActor(call), id);
      call.ctx.exams.end(id, call.ctx.clock().getTime());
      return null;
    },
    'visits.versions': ({ id }, call) => {
      const versions = visitVersions(call.ctx, id);
      const visit = loadVisit(call.ctx, id);
      auditRecordView(call.ctx, call, 'visit.read', visit.personId, { visitId: id, versions: true });
      return versions;
    },
    'visits.derive': ({ id, vitals }, { ctx }) => deriveTyped(ctx, id, vitals),
    'visits.focus': ({ id }, call) => {
      const visit = loadVisit(call.ctx, id);
      if (visit.status !== 'draft')
        throw new AppError('CONFLICT', { message: 'Lượt khám đã ký: không nhận số đo nữa.' });
      call.ctx.exams.focus(holderOf(call), id, visit.personId, call.ctx.clock().getTime());
      return null;
    },
    'visits.blur': ({ id }, call) => {
      call.ctx.exams.blur(holderOf(call), id, call.ctx.clock().getTime());
      return null;
    },
  };
}

/** A child's vitamin A and deworming doses (issue 14). */
export function supplementHandlers(): HandlersOf<'supplements'> {
  return {
    'supplements.list': ({ personId }, call) => {
      const view = listSupplements(call.ctx, personId);
      auditRecordView(call.ctx, call, 'supplement.read', personId, {});
      return view;
    },
    'supplements.record': ({ personId, dose }, call) =>
      recordSupplement(call.ctx, requireActor(call), personId, dose),
    'supplements.remove': ({ id, reason }, call) =>
      removeSupplement(call.ctx, requireActor(call), id, reason),
  };
}
