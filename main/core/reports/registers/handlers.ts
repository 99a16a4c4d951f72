import { requireActor, type HandlersOf } from '../../handler-types.ts';
import { exportA1, exportMonthly, readA1, readMonthly } from './service.ts';

/** The registers' operations (A1 consultation register, monthly summary); wired in core/handlers.ts. */
export function registerHandlers(): HandlersOf<'registers'> {
  return {
    'registers.a1': (input, call) => readA1(call.ctx, requireActor(call), input),
    'registers.a1Export': async (input, call) => {
      const r = await exportA1(call.ctx, requireActor(call), input);
      return { fileName: r.fileName, contentBase64: r.bytes.toString('base64'), rows: r.rows };
    },
    'registers.monthly': ({ month }, call) => readMonthly(call.ctx, requireActor(call), month),
    'registers.monthlyExport': async ({ month }, call) => {
      const r = await exportMonthly(call.ctx, requireActor(call), month);
      return { fileName: r.fileName, contentBase64: r.bytes.toString('base64'), rows: r.rows };
    },
  };
}
