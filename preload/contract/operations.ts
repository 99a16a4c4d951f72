import type { z } from 'zod';
import { auditOps } from './ops/audit.ts';
import { authOps } from './ops/auth.ts';
import { backupOps } from './ops/backup.ts';
import { campaignOps } from './ops/campaigns.ts';
import { codesOps } from './ops/codes.ts';
import { devicesOps } from './ops/devices.ts';
import { formsOps } from './ops/forms.ts';
import { importOps } from './ops/import.ts';
import { householdsOps, personsOps } from './ops/persons.ts';
import { pregnancyOps } from './ops/pregnancy.ts';
import { immunizationOps, recordOps, visitOps } from './ops/record.ts';
import { reportsOps } from './ops/reports.ts';
import { registersOps } from './ops/registers.ts';
import { stationOps } from './ops/station.ts';
import { supplementOps } from './ops/supplements.ts';
import { systemOps, systemStartupOps } from './ops/system.ts';
import { upstreamOps } from './ops/upstream.ts';
import { upstreamXml831Ops } from './ops/upstream-xml831.ts';
import { usersOps } from './ops/users.ts';

/**
 * Every operation the app offers, declared once. The Electron IPC handlers, the loopback HTTP API
 * and the preload bridge (`window.hssk`) are generated from this table. The CLI is the third
 * transport: each `hssk` command that reads or changes data declares the operations it calls
 * (typed by this table) and calls them through the same dispatcher — schema, permission, audit —
 * as the CLI operator `cli:<OS user>` (main/hosts/cli/operator.ts), whose permissions are those
 * operations' (operator.test.ts checks they match).
 */
export const operations = {
  ...systemOps,
  ...stationOps,
  ...authOps,
  ...usersOps,
  ...codesOps,
  ...auditOps,
  ...personsOps,
  ...householdsOps,
  ...recordOps,
  ...immunizationOps,
  ...visitOps,
  ...devicesOps,
  ...importOps,
  ...formsOps,
  ...upstreamOps,
  ...backupOps,
  ...upstreamXml831Ops,
  ...systemStartupOps,
  ...reportsOps,
  ...registersOps,
  ...campaignOps,
  ...supplementOps,
  ...pregnancyOps,
};

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type OperationParsedInput<N extends OperationName> = z.output<Operations[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<Operations[N]['output']>;

export const operationNames = Object.keys(operations) as OperationName[];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(operations, name);
}
