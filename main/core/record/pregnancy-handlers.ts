import { requireActor, type HandlersOf } from '../handler-types.ts';
import { loadMaternal } from './maternal-record.ts';
import {
  closePregnancy,
  openPregnancy,
  recordAntenatalVisit,
  saveFamilyPlanning,
  updateEpisode,
} from './pregnancies.ts';
import { auditRecordView } from './read-audit.ts';

/** Pregnancy management and family planning (issue 14): the `pregnancies.*` and `familyPlanning.*` operations. */
export function pregnancyHandlers(): HandlersOf<'pregnancies'> & HandlersOf<'familyPlanning'> {
  return {
    'pregnancies.get': ({ personId }, call) => {
      const record = loadMaternal(call.ctx, personId);
      auditRecordView(call.ctx, call, 'pregnancy.read', personId, {});
      return record;
    },
    'pregnancies.open': ({ personId, episode }, call) =>
      openPregnancy(call.ctx, requireActor(call), personId, episode),
    'pregnancies.update': ({ id, episode }, call) => updateEpisode(call.ctx, requireActor(call), id, episode),
    'pregnancies.recordVisit': ({ pregnancyId, visit, confirmed }, call) =>
      recordAntenatalVisit(call.ctx, requireActor(call), pregnancyId, visit, confirmed),
    'pregnancies.close': ({ id, outcome, confirmed }, call) =>
      closePregnancy(call.ctx, requireActor(call), id, outcome, confirmed),
    'familyPlanning.save': ({ personId, id, method }, call) =>
      saveFamilyPlanning(call.ctx, requireActor(call), personId, id, method),
  };
}
