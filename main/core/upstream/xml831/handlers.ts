import type { HandlersOf } from '../../handler-types.ts';
import { requireActor } from '../../handler-types.ts';
import { exportXml831 } from './export.ts';

/** The provincial 831 XML's own operations (`xml831.*`). */
export function xml831Handlers(): HandlersOf<'xml831'> {
  return {
    'xml831.export': (input, call) => exportXml831(call.ctx, requireActor(call), input.person),
  };
}
