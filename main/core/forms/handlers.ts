import type { HandlersOf } from '../handler-types.ts';
import { AppError } from '../errors.ts';

/** Until each operation lands: a clear answer instead of a missing handler. */
const notYet = (): never => {
  throw new AppError('INTERNAL', { message: 'Chức năng in ấn đang được hoàn thiện.' });
};

/** The forms module's operations (`forms.*`). */
export function formsHandlers(): HandlersOf<'forms'> {
  return {
    'forms.render': notYet,
    'forms.save': notYet,
    'forms.printers': notYet,
    'forms.print': notYet,
    'forms.batchStart': notYet,
    'forms.batchCancel': notYet,
    'forms.jobs': notYet,
    'forms.jobFile': notYet,
    'forms.jobPrint': notYet,
    'forms.settings': notYet,
    'forms.saveSettings': notYet,
  };
}
