import type { HandlersOf } from '../handler-types.ts';
import { requireActor } from '../handler-types.ts';
import { AppError } from '../errors.ts';
import { setConsent } from '../registry/consent.ts';

const notYet = (): never => {
  throw new AppError('INTERNAL', { message: 'Chức năng đồng bộ đang được hoàn thiện.' });
};

/** The upload's operations (`upstream.*`). */
export function upstreamHandlers(): HandlersOf<'upstream'> {
  return {
    'upstream.getSettings': notYet,
    'upstream.saveSettings': notYet,
    'upstream.check': notYet,
    'upstream.status': notYet,
    'upstream.failed': notYet,
    'upstream.retry': notYet,
    'upstream.run': notYet,
    'upstream.closingPreview': notYet,
    'upstream.closingStart': notYet,
    'upstream.closingCancel': notYet,
    'upstream.closingResult': notYet,
    'upstream.setConsent': (input, call) => setConsent(call.ctx, requireActor(call), input),
  };
}
