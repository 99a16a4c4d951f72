/**
 * Every keyboard shortcut, grouped by where it works, for the help window (F1 or ?). The keys are
 * implemented where they act (Shell, RecordView, ExamScreen…); this list is what a nurse reads.
 */
import { vi as t } from '../i18n/vi.ts';
import { EXAM_SHORTCUTS } from '../record/exam-keys.ts';
import type { Route } from '../state/app.svelte.ts';

export interface ShortcutGroup {
  id: 'exam' | 'record' | 'printing' | 'lists' | 'everywhere';
  title: string;
  keys: readonly { key: string; what: string }[];
}

const S = t.help;
const P = t.printing;
export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    id: 'exam',
    title: S.exam,
    keys: [
      { key: 'Enter', what: S.signEnter },
      { key: 'Ctrl+Enter', what: S.signCtrlEnter },
      { key: 'Enter', what: S.takeReadings },
      ...EXAM_SHORTCUTS.map((s) => ({ key: s.key, what: S.jumpTo(s.what) })),
      { key: 'Esc', what: S.backToRecord },
      { key: 'Ctrl+P', what: P.helpPrintVisit },
    ],
  },
  {
    id: 'record',
    title: S.record,
    keys: [
      { key: 'K', what: S.startExam },
      { key: 'E', what: S.editPartA },
      { key: 'A  B  C  D', what: S.parts },
      { key: '←  →', what: S.prevNextPart },
      { key: 'Ctrl+P', what: P.helpPrintRecord },
    ],
  },
  {
    id: 'printing',
    title: P.title,
    keys: [
      { key: 'Ctrl+P', what: P.helpPrint },
      { key: 'Ctrl+S', what: P.helpSave },
      { key: 'PageUp  PageDown', what: P.helpPages },
      { key: '+  -  0', what: P.helpZoom },
      { key: 'Esc', what: P.helpEsc },
    ],
  },
  {
    id: 'lists',
    title: S.lists,
    keys: [
      { key: '↑  ↓', what: S.chooseRow },
      { key: 'Enter', what: S.openRow },
      { key: 'Esc', what: S.closeList },
    ],
  },
  {
    id: 'everywhere',
    title: S.everywhere,
    keys: [
      { key: S.searchKeys, what: S.search },
      { key: 'Alt+1 … Alt+7', what: S.sections },
      { key: 'Ctrl+N', what: S.register },
      { key: 'Ctrl+L', what: S.lock },
      { key: S.helpKeys, what: S.help },
    ],
  },
];

/** The groups for the screen on show first, then the rest. */
export function groupsFor(route: Route): ShortcutGroup[] {
  const first: ShortcutGroup['id'] =
    route.path[0] === 'person' && route.path[2] === 'visit'
      ? 'exam'
      : route.path[0] === 'person'
        ? 'record'
        : route.section === 'printing'
          ? 'printing'
          : route.section === 'residents'
            ? 'lists'
            : 'everywhere';
  return [...SHORTCUT_GROUPS.filter((g) => g.id === first), ...SHORTCUT_GROUPS.filter((g) => g.id !== first)];
}
