import type { HandlersOf } from '../handler-types.ts';

/** The upload's operations (`upstream.*`). */
export function upstreamHandlers(): HandlersOf<'upstream'> {
  return {};
}
