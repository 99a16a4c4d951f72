import { requireActor, type HandlersOf } from '../handler-types.ts';
import { getStation, updateStation } from './station.ts';

/** The station's settings. First run (`station.setup`) is security's: it creates the first account. */
export function stationHandlers(): Omit<HandlersOf<'station'>, 'station.setup'> {
  return {
    'station.get': (_input, { ctx }) => getStation(ctx),
    'station.update': (input, call) => updateStation(call.ctx, requireActor(call), input),
  };
}
