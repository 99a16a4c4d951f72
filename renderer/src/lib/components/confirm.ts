import { mount, unmount } from 'svelte';
import ConfirmDialog from './ConfirmDialog.svelte';

export interface ConfirmOptions {
  title: string;
  message?: string;
  /** Lines listed under the message (each value to confirm, by name). */
  items?: readonly string[];
  /** The action, named ("Bỏ thông tin đã nhập"): what Enter does only after Tab moved to it. */
  confirmLabel: string;
  /** Default "Quay lại". */
  cancelLabel?: string;
  /** The confirm button in red (default true: questions are asked before losing something). */
  danger?: boolean;
  /** Which button starts with the focus (default 'cancel', the safe choice). */
  initial?: 'cancel' | 'confirm';
}

/**
 * Asks a yes/no question in a modal ConfirmDialog and resolves true only for an explicit "yes"
 * (the confirm button); Enter on the focused safe choice, Esc, or the cancel button resolve false.
 *
 *   if (await confirmDialog({ title: 'Bỏ các thông tin đã nhập?', confirmLabel: 'Bỏ thông tin đã nhập' })) leave();
 */
export function confirmDialog(options: ConfirmOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const target = document.createElement('div');
    document.body.append(target);
    const dialog = mount(ConfirmDialog, {
      target,
      props: {
        ...options,
        onresult: (confirmed: boolean) => {
          void unmount(dialog).then(() => target.remove());
          resolve(confirmed);
        },
      },
    });
  });
}
