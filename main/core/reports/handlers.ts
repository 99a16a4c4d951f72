import { isoNow } from '../clock.ts';
import type { HandlersOf } from '../handler-types.ts';
import { requireActor } from '../handler-types.ts';
import { appendAudit } from '../audit/audit.ts';
import { dashboard } from './dashboard.ts';
import { populations, setPopulation } from './population.ts';
import { printList, requireAlso } from './list-print/print.ts';
import { exportWorklist } from './worklist-export.ts';
import { worklist } from './worklists.ts';

/** The dashboard (counts only, not audited), its lists (names: audited) and the population figure. */
export function reportsHandlers(): HandlersOf<'reports'> {
  return {
    'reports.dashboard': (input, { ctx }) => dashboard(ctx, input),
    'reports.worklist': (input, call) => {
      const list = worklist(call.ctx, input);
      call.ctx.store.tx(() =>
        appendAudit(
          call.ctx.store,
          requireActor(call),
          {
            action: 'reports.worklist',
            details: {
              kind: input.kind,
              from: input.from,
              to: input.to,
              village: input.village ?? null,
              rows: list.rows.length,
            },
          },
          isoNow(call.ctx.clock),
        ),
      );
      return list;
    },
    'reports.worklistExport': async (input, call) => {
      const r = await exportWorklist(call.ctx, requireActor(call), input);
      return { fileName: r.fileName, contentBase64: r.bytes.toString('base64'), rows: r.rows };
    },
    'reports.worklistPrint': (input, call) => {
      requireAlso(call.session?.permissions, 'reports.read');
      return printList(call.ctx, requireActor(call), { list: 'worklist', input });
    },
    'reports.dueListPrint': (input, call) => {
      requireAlso(call.session?.permissions, 'records.read');
      return printList(call.ctx, requireActor(call), { list: 'due', input });
    },
    'reports.population': (_input, { ctx }) => populations(ctx),
    'reports.setPopulation': (input, call) => setPopulation(call.ctx, requireActor(call), input),
  };
}
