import type { HandlersOf } from '../handler-types.ts';
import { requireActor } from '../handler-types.ts';
import { isoNow } from '../clock.ts';
import { loadConsent, setConsent } from '../registry/consent.ts';
import { requeueFailed } from '../sync/deliveries.ts';
import { createAdapter, enabledKinds } from './adapters.ts';
import { runUpstream } from './engine.ts';
import { cancelClosing, closingResult, runSync, runningJob, startClosing, stateOf } from './service.ts';
import { loadSettings, saveSettings, settingsView } from './settings.ts';
import { failedRecords, syncStatus } from './status.ts';

/** The upload's operations (`upstream.*`). */
export function upstreamHandlers(): HandlersOf<'upstream'> {
  return {
    'upstream.getSettings': (_input, call) => settingsView(call.ctx, call.ctx.clock()),
    'upstream.saveSettings': (input, call) => {
      const view = saveSettings(call.ctx, requireActor(call), input);
      stateOf(call.ctx).onSettingsSaved?.();
      return view;
    },
    'upstream.check': (input, call) => createAdapter(call.ctx, input.upstream).check(),
    'upstream.status': (_input, call) =>
      syncStatus(call.ctx, runningJob(call.ctx), stateOf(call.ctx).nextScheduledAt()),
    'upstream.failed': (input, call) => failedRecords(call.ctx, input.upstream, input.limit),
    'upstream.retry': (input, call) => ({
      requeued: call.ctx.store.tx(() =>
        requeueFailed(call.ctx.store, input.upstream ?? null, input.personId ?? null, isoNow(call.ctx.clock)),
      ),
    }),
    'upstream.run': (input, call) =>
      runSync(call.ctx, {
        upstream: input.upstream,
        url: input.url,
        dryRun: input.dryRun,
        trigger: call.ctx.host === 'cli' ? 'cli' : 'manual',
        actor: requireActor(call),
      }),
    'upstream.closingPreview': async (_input, call) => {
      const loaded = loadSettings(call.ctx);
      const out = [];
      for (const kind of enabledKinds(loaded)) {
        const s = await runUpstream(call.ctx, createAdapter(call.ctx, kind, { loaded }), {
          trigger: 'manual',
          batchSize: 500,
          dryRun: true,
        });
        out.push({ upstream: kind, toSend: s.sent, toSkip: s.skipped });
      }
      return out;
    },
    'upstream.closingStart': (_input, call) => startClosing(call.ctx, requireActor(call)),
    'upstream.closingCancel': (input, call) => ({ cancelled: cancelClosing(call.ctx, input.jobId) }),
    'upstream.closingResult': (input, call) => closingResult(call.ctx, input.jobId),
    'upstream.getConsent': (input, call) => loadConsent(call.ctx, input.personId),
    'upstream.setConsent': (input, call) => setConsent(call.ctx, requireActor(call), input),
  };
}
