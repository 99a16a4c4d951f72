import { requireActor, type HandlersOf } from '../handler-types.ts';
import { applyMeasurement, discardMeasurement, offeredFor, trayList } from './measurements.ts';
import { listDrivers } from './drivers/index.ts';
import { removeDeviceConfig, saveDeviceConfig } from './manager/config-store.ts';
import { readScan } from './manager/scan.ts';
import { SERIAL_8N1_9600 } from './settings.ts';

const contractPort = (s = SERIAL_8N1_9600) => ({
  baudRate: s.baudRate,
  dataBits: s.dataBits === 7 ? (7 as const) : (8 as const),
  parity: s.parity === 'even' || s.parity === 'odd' ? s.parity : ('none' as const),
  stopBits: s.stopBits === 2 ? (2 as const) : (1 as const),
});

export function devicesHandlers(): HandlersOf<'devices'> {
  return {
    'devices.drivers': () =>
      listDrivers().map((d) => ({
        id: d.id,
        name: d.name,
        models: d.models,
        kind: d.kind,
        transport: d.transport,
        defaultPort: contractPort(d.serialSettings),
        pull: d.pull,
        hint: d.hint ?? null,
      })),
    'devices.detect': (_input, { ctx }) => ctx.devices.detect(),
    'devices.list': (_input, { ctx }) => ctx.devices.list(),
    'devices.save': async (input, call) => {
      const saved = saveDeviceConfig(call.ctx, requireActor(call), input);
      await call.ctx.devices.refresh();
      return saved;
    },
    'devices.remove': async ({ id }, call) => {
      removeDeviceConfig(call.ctx, requireActor(call), id);
      await call.ctx.devices.refresh();
      return null;
    },
    'devices.test': ({ id }, { ctx }) => ctx.devices.test(id),
    'devices.setSimulator': ({ enabled }, { ctx }) => ctx.devices.setSimulator(enabled),
    'devices.simulate': async ({ what, values }, { ctx }) => {
      await ctx.devices.simulate(what, values);
      return null;
    },
    'devices.wedgeScan': ({ text }, { ctx }) => readScan(ctx, text),
  };
}

export function measurementsHandlers(): HandlersOf<'measurements'> {
  return {
    'measurements.tray': (_input, { ctx }) => trayList(ctx),
    'measurements.offered': ({ visitId }, { ctx }) => offeredFor(ctx, visitId),
    'measurements.apply': ({ id, visitId, confirmStale, confirmNoExam }, call) =>
      applyMeasurement(call.ctx, requireActor(call), id, visitId, {
        stale: confirmStale,
        noExam: confirmNoExam,
      }),
    'measurements.discard': ({ id }, call) => {
      discardMeasurement(call.ctx, requireActor(call), id);
      return null;
    },
  };
}
