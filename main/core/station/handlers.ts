import { requireActor, type HandlersOf } from '../api/types.ts';
import { getStation, setupStation, updateStation } from './station.ts';

export function stationHandlers(): HandlersOf<'station'> {
  return {
    'station.setup': (input, { ctx }) => setupStation(ctx, input),
    'station.get': (_input, { ctx }) => getStation(ctx),
    'station.update': (input, call) => updateStation(call.ctx, requireActor(call), input),
  };
}
