import type { HandlersOf } from '../handler-types.ts';

/** The forms module's operations (`forms.*`). */
export function formsHandlers(): HandlersOf<'forms'> {
  return {};
}
