/**
 * The `devices` table: what the station told us about each device. Saving checks the driver, the
 * port settings and (for the configurable driver) the pattern, so a bad configuration is refused
 * with a Vietnamese reason instead of failing later at the port.
 */
import { randomUUID } from 'node:crypto';
import type { OperationParsedInput } from '#contract/operations.ts';
import type { DeviceConfig } from '#contract/ops/devices.ts';
import { isoNow } from '../../clock.ts';
import type { CoreContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { appendAudit, type Actor } from '../../audit/audit.ts';
import { compileLineConfig } from '../drivers/configurable-line.ts';
import { driverInfo } from '../drivers/index.ts';
import { checkSerialSettings } from '../settings.ts';
import type { DeviceRow } from '../../db/schema.ts';
import { deleteDevice, insertDevice, updateDevice, type DeviceValues } from '../repo/devices.ts';

export type DeviceConfigInput = OperationParsedInput<'devices.save'>;

const toConfig = (r: DeviceRow): DeviceConfig => ({
  id: r.id,
  name: r.name,
  role: r.role,
  driver: r.driver,
  transport: r.transport,
  match: JSON.parse(r.match) as DeviceConfig['match'],
  port: JSON.parse(r.port) as DeviceConfig['port'],
  pattern: r.pattern,
  enabled: r.enabled === 1,
});

export function listDeviceConfigs(ctx: Pick<CoreContext, 'store'>): DeviceConfig[] {
  return (ctx.store.prepare('SELECT * FROM devices ORDER BY created_at').all() as DeviceRow[]).map(toConfig);
}

/** The options a driver is created with: the configurable driver takes its pattern and port settings. */
export function driverOptions(config: DeviceConfig): unknown {
  return config.driver === 'custom-line' ? { pattern: config.pattern ?? '', settings: config.port } : {};
}

function checkConfig(input: DeviceConfigInput): void {
  const info = driverInfo(input.driver);
  if (!info) throw new AppError('INVALID_INPUT', { message: `Không có trình điều khiển «${input.driver}».` });
  if (info.transport !== input.transport) {
    throw new AppError('INVALID_INPUT', {
      message: `Trình điều khiển «${info.name}» dùng cổng ${info.transport === 'hid' ? 'USB HID' : 'COM (serial)'}, không dùng được với cổng đã chọn.`,
    });
  }
  const problems = input.transport === 'serial' ? checkSerialSettings(input.port) : [];
  if (input.driver === 'custom-line') {
    const compiled = compileLineConfig({ pattern: input.pattern ?? '', settings: input.port });
    if (!compiled.ok) problems.push(...compiled.errors);
  }
  if (problems.length) throw new AppError('INVALID_INPUT', { message: problems.join(' ') });
  const m = input.match;
  if (!m.path && !(m.vendorId && m.productId)) {
    throw new AppError('INVALID_INPUT', {
      message: 'Chọn cổng của thiết bị (hoặc nhập đường dẫn cổng, ví dụ COM3).',
    });
  }
}

export function saveDeviceConfig(ctx: CoreContext, actor: Actor, input: DeviceConfigInput): DeviceConfig {
  checkConfig(input);
  const id = input.id ?? randomUUID();
  const now = isoNow(ctx.clock);
  ctx.store.tx(() => {
    const exists = ctx.store.prepare('SELECT 1 FROM devices WHERE id = ?').get(id) !== undefined;
    if (input.id && !exists) throw new AppError('NOT_FOUND', { message: 'Thiết bị này đã bị xoá.' });
    const values: DeviceValues = {
      id,
      name: input.name,
      role: input.role,
      driver: input.driver,
      transport: input.transport,
      match: JSON.stringify(input.match),
      port: JSON.stringify(input.port),
      pattern: input.pattern,
      enabled: input.enabled ? 1 : 0,
    };
    if (exists) updateDevice(ctx.store, values, now);
    else insertDevice(ctx.store, values, now);
    appendAudit(
      ctx.store,
      actor,
      {
        action: exists ? 'device.update' : 'device.add',
        details: { deviceId: id, driver: input.driver, role: input.role },
      },
      now,
    );
  });
  return toConfig(ctx.store.prepare('SELECT * FROM devices WHERE id = ?').get(id) as DeviceRow);
}

export function removeDeviceConfig(ctx: CoreContext, actor: Actor, id: string): void {
  ctx.store.tx(() => {
    if (!deleteDevice(ctx.store, id))
      throw new AppError('NOT_FOUND', { message: 'Không tìm thấy thiết bị.' });
    appendAudit(ctx.store, actor, { action: 'device.remove', details: { deviceId: id } }, isoNow(ctx.clock));
  });
}
