import type { Result } from './errors.ts';
import { eventNames, type EventName, type EventPayload } from './events.ts';
import {
  operationNames,
  type OperationInput,
  type OperationName,
  type OperationOutput,
} from './operations.ts';

/** What a host bridge must provide: invoke one operation by name, and subscribe to one event. */
export interface Transport {
  invoke(name: OperationName, input: unknown): Promise<Result<unknown>>;
  subscribe(event: EventName, handler: (payload: unknown) => void): () => void;
}

type Namespace<N> = N extends `${infer NS}.${string}` ? NS : never;
type MethodOf<N, NS extends string> = N extends `${NS}.${infer M}` ? M : never;

/** `window.hssk`: one named function per operation, grouped by namespace (`hssk.auth.login(…)`). */
export type HsskApi = {
  [NS in Namespace<OperationName>]: {
    [N in OperationName as MethodOf<N, NS>]: (
      input: OperationInput<N>,
    ) => Promise<Result<OperationOutput<N>>>;
  };
} & {
  on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void;
};

/**
 * Builds the API object from the contract. Only contract names are ever exposed, so the renderer
 * cannot reach a channel the contract does not declare.
 */
export function buildApi(transport: Transport): HsskApi {
  const api: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of operationNames) {
    const dot = name.indexOf('.');
    const ns = name.slice(0, dot);
    const method = name.slice(dot + 1);
    const group = (api[ns] ??= {});
    group[method] = (input: unknown) => transport.invoke(name, input ?? {});
  }
  const known = new Set<string>(eventNames);
  const on = (event: string, handler: (payload: unknown) => void): (() => void) => {
    if (!known.has(event)) throw new Error(`Unknown event: ${event}`);
    if (typeof handler !== 'function') throw new Error('Event handler must be a function');
    return transport.subscribe(event as EventName, handler);
  };
  return { ...api, on } as unknown as HsskApi;
}
