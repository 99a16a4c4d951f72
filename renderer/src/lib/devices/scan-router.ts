/**
 * Where a scanned card takes the user, wherever they are in the app: the resident's exam (on the
 * "Hôm nay" screen, where the nurse works through patients) or record (elsewhere), or registration
 * prefilled from the card when the resident is not in the register yet. Scans arrive as core events
 * (HID POS and serial scanners) or are caught here from the keyboard (scanners in keyboard mode).
 */
import type { ScanResult } from '#contract';
import { api, errorMessage, unwrap } from '../api.ts';
import { vi as t } from '../i18n/vi.ts';
import { app } from '../state/app.svelte.ts';
import { toasts } from '../state/toasts.svelte.ts';
import { cardChecks } from './card-check.svelte.ts';
import { openExam } from './open-exam.svelte.ts';
import { WedgeDetector } from './wedge.ts';

let busy = false;

export async function routeScan(result: ScanResult): Promise<void> {
  if (!app.signedIn || app.locked || busy) return;
  if (!result.card) {
    toasts.show('error', result.warnings[0] ?? t.devices.scan.notCard);
    return;
  }
  busy = true;
  try {
    for (const w of result.warnings) toasts.show('info', w);
    if (result.personId) cardChecks.note(result.personId, result.card, result.differences);
    if (openExam.visitId) {
      // An exam is being recorded: the scan waits, the exam stays (it offers to switch).
      if (result.personId === openExam.personId) toasts.show('info', t.devices.scan.samePerson);
      else {
        const person = result.personId ? await unwrap(api.persons.get({ id: result.personId })) : null;
        openExam.waiting = { scan: result, name: person?.fullName ?? result.card.fullName };
      }
      return;
    }
    if (result.personId) {
      if (app.section === 'today' && app.can('records.write')) {
        const visit = await unwrap(api.visits.start({ personId: result.personId }));
        app.go('residents', 'person', result.personId, 'visit', visit.id);
      } else app.openPerson(result.personId);
      return;
    }
    if (!app.can('persons.write')) {
      toasts.show('error', t.devices.scan.noRight);
      return;
    }
    const fromCard = await unwrap(api.persons.fromCard({ card: result.card }));
    if (fromCard.existing) app.openPerson(fromCard.existing.id);
    else {
      toasts.show('info', t.devices.scan.notRegistered);
      app.startRegistration(fromCard.draft, { address: fromCard.address, fromCard: true });
    }
  } catch (e) {
    toasts.show('error', errorMessage(e));
  } finally {
    busy = false;
  }
}

/**
 * A keyboard-mode scanner types into whatever field has focus: once the burst is recognised as a
 * card, its text is taken out of that field again (the card goes where it belongs instead).
 */
function removeFromFocusedField(text: string): void {
  const el = document.activeElement;
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return;
  const at = el.value.lastIndexOf(text);
  if (at < 0) return;
  el.value = el.value.slice(0, at) + el.value.slice(at + text.length);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Starts listening for scans; returns the function that stops. */
export function installScanRouter(): () => void {
  const offEvent = api.on('device.scan', (scan) => void routeScan(scan));
  const wedge = new WedgeDetector();
  const finish = (scan: ReturnType<WedgeDetector['handleKey']>): void => {
    // Anything that is not a card (a person typing fast, a product barcode) is left as typed.
    if (!scan || scan.card === 'other') return;
    removeFromFocusedField(scan.text);
    if (scan.kind === 'garbled') {
      toasts.show('error', scan.message ?? t.devices.scan.notCard);
      return;
    }
    if (scan.message) toasts.show('info', scan.message);
    void unwrap(api.devices.wedgeScan({ text: scan.text })).then(routeScan, (e: unknown) =>
      toasts.show('error', errorMessage(e)),
    );
  };
  const onkeydown = (e: KeyboardEvent): void => {
    if (!app.signedIn || app.locked) return;
    if (e.repeat) {
      // A key held down repeats about as fast as a scanner types; scanners never set this flag.
      wedge.reset();
      return;
    }
    const scan = wedge.handleKey(e, performance.now());
    // The Enter (or Tab) that ends a card scan must not also submit the form or search box it landed in.
    if (scan && scan.card !== 'other') {
      e.preventDefault();
      e.stopPropagation();
    }
    finish(scan);
  };
  const timer = setInterval(() => finish(wedge.tick(performance.now())), 50);
  addEventListener('keydown', onkeydown, { capture: true });
  return () => {
    offEvent();
    clearInterval(timer);
    removeEventListener('keydown', onkeydown, { capture: true });
  };
}
