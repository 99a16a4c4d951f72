/**
 * Where an import's file is read, planned and committed. In the app that is the import worker
 * (worker-client.ts), so the window never waits on a 100,000-row workbook; a database no other
 * thread can open (':memory:', or a host that did not say where its database is: worker-source.ts)
 * keeps the same work on the calling thread, in slices of ~10 ms, the commit in the station
 * connection's transaction as before.
 */
import type { CoreContext } from '../../context.ts';
import { runInTurns } from '../list-reader/turns.ts';
import {
  callEngine,
  closedError,
  ImportEngine,
  type EngineInput,
  type EngineOp,
  type EngineOutput,
  type Progress,
} from './engine.ts';

export interface ImportBackend {
  call<K extends EngineOp>(op: K, input: EngineInput<K>, progress?: Progress): Promise<EngineOutput<K>>;
  /** Forgets the file (and ends the worker): a later call is refused. */
  close(): void;
}

const silent: Progress = () => undefined;

/** The engine on the calling thread, reading the registry through the station's own connection. */
export function inlineBackend(ctx: Pick<CoreContext, 'store' | 'codes'>): ImportBackend {
  let engine: ImportEngine | null = new ImportEngine(ctx.codes, () => ({
    store: ctx.store,
    snapshot: (fn) => fn(),
    version: () => null,
    run: (steps) => runInTurns(steps),
  }));
  return {
    call: (op, input, progress = silent) =>
      engine ? callEngine(engine, op, input, progress) : Promise.reject(closedError()),
    close: () => {
      engine = null;
    },
  };
}
