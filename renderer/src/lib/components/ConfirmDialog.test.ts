import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ConfirmDialog from './ConfirmDialog.svelte';
import { confirmDialog } from './confirm.ts';

const ask = () =>
  confirmDialog({
    title: 'Bỏ các thông tin đã nhập?',
    message: 'Những gì đã nhập sẽ mất.',
    confirmLabel: 'Bỏ thông tin đã nhập',
    cancelLabel: 'Ở lại, nhập tiếp',
  });

const focused = () => document.activeElement?.textContent?.trim();

function typingIn(): HTMLInputElement {
  const input = document.createElement('input');
  document.body.append(input);
  input.focus();
  return input;
}

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
});

describe('confirmDialog', () => {
  it('opens with the safe choice focused: Enter stays, and focus goes back to where it was', async () => {
    const input = typingIn();
    const answer = ask();
    await tick();
    const dialog = screen.getByRole('alertdialog', { name: 'Bỏ các thông tin đã nhập?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-describedby') ?? '')?.textContent).toContain(
      'Những gì đã nhập sẽ mất.',
    );
    expect(focused()).toBe('Ở lại, nhập tiếp');
    await fireEvent.keyDown(document.activeElement as Element, { key: 'Enter' });
    expect(await answer).toBe(false);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(input);
  });

  it('treats Esc as "stay", and keeps the keys it handles from reaching the page behind it', async () => {
    typingIn();
    const behind = vi.fn();
    window.addEventListener('keydown', behind);
    const answer = ask();
    await tick();
    await fireEvent.keyDown(document.activeElement as Element, { key: 'Escape' });
    expect(await answer).toBe(false);
    expect(behind).not.toHaveBeenCalled();
    window.removeEventListener('keydown', behind);
  });

  it('keeps Tab inside the dialog; the other choice is taken only when chosen', async () => {
    typingIn();
    const answer = ask();
    await tick();
    await fireEvent.keyDown(document.activeElement as Element, { key: 'Tab' });
    expect(focused()).toBe('Bỏ thông tin đã nhập');
    await fireEvent.keyDown(document.activeElement as Element, { key: 'Tab' });
    expect(focused()).toBe('Ở lại, nhập tiếp');
    await fireEvent.keyDown(document.activeElement as Element, { key: 'Tab', shiftKey: true });
    expect(focused()).toBe('Bỏ thông tin đã nhập');
    await fireEvent.keyDown(document.activeElement as Element, { key: 'Enter' });
    expect(await answer).toBe(true);
  });

  it('answers a click on either button', async () => {
    typingIn();
    const yes = ask();
    await tick();
    await fireEvent.click(screen.getByRole('button', { name: 'Bỏ thông tin đã nhập' }));
    expect(await yes).toBe(true);
    const no = ask();
    await tick();
    await fireEvent.click(screen.getByRole('button', { name: 'Ở lại, nhập tiếp' }));
    expect(await no).toBe(false);
  });
});

describe('ConfirmDialog used in markup', () => {
  it('reports the choice through onresult and labels its buttons', async () => {
    const onresult = vi.fn();
    render(ConfirmDialog, { props: { title: 'Xóa thiết bị?', confirmLabel: 'Xóa', onresult } });
    // Without a cancel label it says "Quay lại" (go back), never a bare "OK/Cancel".
    expect(focused()).toBe('Quay lại');
    await fireEvent.click(screen.getByRole('button', { name: 'Xóa' }));
    expect(onresult).toHaveBeenCalledWith(true);
  });
});
