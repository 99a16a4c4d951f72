import { requireActor, type HandlersOf } from '../api/types.ts';
import { getStation, setupStation, updateStation } from './station.ts';

export function stationHandlers(): HandlersOf<'station'> {
  return {
    // The window that sets the station up is signed in as its new administrator.
    'station.setup': (input, { ctx, binding }) => setupStation(ctx, input, { signIn: binding }),
    'station.get': (_input, { ctx }) => getStation(ctx),
    'station.update': (input, call) => updateStation(call.ctx, requireActor(call), input),
  };
}
