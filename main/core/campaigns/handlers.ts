import type { CallInfo, HandlersOf } from '../handler-types.ts';
import { requireActor } from '../handler-types.ts';
import { registerMergeMove } from '../record/merge-residents.ts';
import { reassignRoster } from './repo/campaigns.ts';
import {
  addByAge,
  addFromImport,
  addPersons,
  campaignWithRoster,
  createCampaign,
  listCampaigns,
  openCampaignExam,
  saveAndNext,
} from './campaigns.ts';

function examiner(call: CallInfo): ReturnType<typeof requireActor> & { fullName: string } {
  const actor = requireActor(call);
  return { ...actor, fullName: call.session?.fullName ?? actor.username };
}

/** Screening campaigns: the campaign, its roster, and the rapid entry one resident after another. */
export function campaignHandlers(): HandlersOf<'campaigns'> {
  // A merge of two residents moves their roster places too (the record may not import campaigns/).
  registerMergeMove('campaign_roster', (s, from, to) => reassignRoster(s, from, to));
  return {
    'campaigns.list': (_input, { ctx }) => listCampaigns(ctx),
    'campaigns.create': (input, call) => createCampaign(call.ctx, requireActor(call), input),
    'campaigns.get': ({ id }, { ctx }) => campaignWithRoster(ctx, id),
    'campaigns.addByAge': (input, call) => addByAge(call.ctx, requireActor(call), input),
    'campaigns.addPersons': (input, call) => addPersons(call.ctx, requireActor(call), input),
    'campaigns.addFromImport': (input, call) => addFromImport(call.ctx, requireActor(call), input),
    'campaigns.open': ({ campaignId, personId }, call) =>
      openCampaignExam(call.ctx, examiner(call), campaignId, personId),
    'campaigns.next': (input, call) => {
      const result = saveAndNext(call.ctx, examiner(call), input);
      // The saved exam is no longer on screen: readings from now on belong to the next one.
      call.ctx.exams.end(input.visitId, call.ctx.clock().getTime());
      return result;
    },
  };
}
