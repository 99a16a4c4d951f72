import type { HostKind } from '#contract/ops/system.ts';
import type { Clock } from './clock.ts';
import type { CodeLists } from './codes/code-lists.ts';
import type { Store } from './db/store.ts';
import type { DeviceService } from './devices/service.ts';
import type { EventBus } from './events.ts';
import type { JobGate } from './jobs.ts';
import type { GrowthTables } from './record/rules/growth-tables.ts';
import type { OpenExams } from './record/open-exams.ts';
import type { Icd10Catalogue } from './record/rules/icd10.ts';
import type { Logger } from './log.ts';
import type { SessionStore } from './security/sessions.ts';

/** Everything a core module needs, passed explicitly (no globals), so tests build their own. */
export interface CoreContext {
  readonly store: Store;
  readonly log: Logger;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly jobs: JobGate;
  readonly sessions: SessionStore;
  /** Scanners, monitors and scales: connected by the hosts that show a UI (`devices.start()`). */
  readonly devices: DeviceService;
  /** Which exam is on screen now and was at any recent moment: device readings belong to it. */
  readonly exams: OpenExams;
  readonly codes: CodeLists;
  /** WHO growth tables and the ICD-10 list: parsed on first use, kept for the session. */
  readonly clinical: { readonly growth: GrowthTables; readonly icd10: Icd10Catalogue };
  readonly host: HostKind;
  readonly appVersion: string;
  readonly encrypted: boolean;
  readonly schemaVersion: number;
  readonly dataDir: string;
  readonly resourcesDir: string;
}

export type HostKindName = HostKind;
