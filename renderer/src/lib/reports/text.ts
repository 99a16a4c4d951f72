import type { WorklistKind } from '#contract';
import { vi } from '../i18n/vi.ts';

/** The reports screen's words, from the catalogue (vi.ts). */
export const R = vi.reportsDashboard;

/** The work lists offered as buttons, in the order of the day's work. */
export const WORK_LISTS: readonly { kind: WorklistKind; label: string }[] = (
  ['ncd-overdue', 'vaccines-due', 'not-examined', 'malnourished', 'upload-failed'] as const
).map((kind) => ({ kind, label: R.workLists[kind] }));
