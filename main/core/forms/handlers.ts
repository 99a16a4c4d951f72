import { JOB_FILE_CHUNK_BYTES } from '#contract/ops/forms.ts';
import { appendAudit } from '../audit/audit.ts';
import { isoNow } from '../clock.ts';
import { AppError } from '../errors.ts';
import { requireActor, type HandlersOf } from '../handler-types.ts';
import { cancelBatch, startBatch } from './batch/service.ts';
import { listJobs, readFormsSettings, toPrintJob, writeFormsSettings } from './repo/print-jobs.ts';
import { jobFilePiece, printerDriver, printForm, renderAudited, sendJob } from './service.ts';
import { PrintError } from './printers/index.ts';

/** The forms module's operations (`forms.*`). */
export function formsHandlers(): HandlersOf<'forms'> {
  return {
    'forms.render': (input, call) => renderAudited(call.ctx, requireActor(call), input, 'preview'),
    'forms.save': (input, call) => renderAudited(call.ctx, requireActor(call), input, 'save'),
    'forms.printers': async (_input, call) => {
      const settings = readFormsSettings(call.ctx.store);
      try {
        return { printers: await printerDriver(call.ctx).list(), directToDefault: settings.directToDefault };
      } catch (e) {
        if (e instanceof PrintError) throw new AppError('DEVICE_ERROR', { message: e.userMessage });
        throw e;
      }
    },
    'forms.print': (input, call) => printForm(call.ctx, requireActor(call), input),
    'forms.batchStart': (input, call) => startBatch(call.ctx, requireActor(call), input),
    'forms.batchCancel': (input, call) => {
      cancelBatch(call.ctx, input.jobId);
      return null;
    },
    'forms.jobs': (input, call) => ({ jobs: listJobs(call.ctx.store, input.limit).map(toPrintJob) }),
    'forms.jobFile': (input, call) => jobFilePiece(call.ctx, input.jobId, input.offset, JOB_FILE_CHUNK_BYTES),
    'forms.jobPrint': (input, call) => sendJob(call.ctx, input.jobId, input.printer ?? null, input.copies),
    'forms.settings': (_input, call) => readFormsSettings(call.ctx.store),
    'forms.saveSettings': (input, call) => {
      const ctx = call.ctx;
      ctx.store.tx(() => {
        writeFormsSettings(ctx.store, input);
        appendAudit(
          ctx.store,
          requireActor(call),
          { action: 'forms.settings', details: { ...input } },
          isoNow(ctx.clock),
        );
      });
      return readFormsSettings(ctx.store);
    },
  };
}
