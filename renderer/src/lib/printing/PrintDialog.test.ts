import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The print dialog talks to the core through window.hssk; a stand-in answers as the core does: a
 * printer list, and a print that fails with the printer's Vietnamese reason or goes through.
 */
const state = vi.hoisted(() => {
  const state = {
    printed: [] as unknown[],
    answer: { jobId: 'j1', status: 'done', message: 'Đã gửi tới máy in' } as {
      jobId: string;
      status: string;
      message: string;
    },
  };
  Object.defineProperty(window, 'hssk', {
    configurable: true,
    value: {
      on: () => () => undefined,
      forms: {
        printers: () =>
          Promise.resolve({
            ok: true,
            value: {
              printers: [
                { name: 'Canon-LBP', isDefault: false },
                { name: 'HP-Tram', isDefault: true },
              ],
              directToDefault: false,
            },
          }),
        print: (input: unknown) => {
          state.printed.push(input);
          return Promise.resolve({ ok: true, value: state.answer });
        },
        jobPrint: (input: unknown) => {
          state.printed.push(input);
          return Promise.resolve({ ok: true, value: state.answer });
        },
      },
    },
  });
  return state;
});

const { default: PrintDialog } = await import('./PrintDialog.svelte');

afterEach(() => {
  cleanup();
  state.printed.length = 0;
});

const open = (onclose = vi.fn()) => {
  // `props:` spelled out: `target` is also the name of a mount option.
  render(PrintDialog, {
    props: {
      target: { kind: 'form', form: 'record', personId: 'p1', forms: ['record', 'immunization'] },
      subtitle: 'Nguyễn Văn An',
      onclose,
    },
  });
  return onclose;
};

describe('PrintDialog', () => {
  it('opens on the default printer with the print button focused; Enter in the list prints and closes', async () => {
    const onclose = open();
    const select = screen.getByTestId('printer-select') as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe('HP-Tram'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('print-go')));
    // (Enter on the focused button is the browser's own click; in the printer list it prints too.)
    select.focus();
    await fireEvent.keyDown(select, { key: 'Enter' });
    await waitFor(() => expect(onclose).toHaveBeenCalledWith(true));
    expect(state.printed).toEqual([
      { form: 'record', personId: 'p1', visitId: undefined, printer: 'HP-Tram', copies: 1 },
    ]);
  });

  it('prints the form chosen in it', async () => {
    open();
    await waitFor(() =>
      expect((screen.getByTestId('printer-select') as HTMLSelectElement).value).toBe('HP-Tram'),
    );
    await fireEvent.click(screen.getByRole('radio', { name: 'Phiếu tiêm chủng' }));
    await fireEvent.click(screen.getByTestId('print-go'));
    await waitFor(() => expect(state.printed).toHaveLength(1));
    expect(state.printed[0]).toMatchObject({ form: 'immunization' });
  });

  it('a printer that is offline keeps the dialog open with its reason and says the job is kept', async () => {
    state.answer = { jobId: 'j2', status: 'failed', message: 'Máy in "HP-Tram" đang tắt hoặc mất kết nối.' };
    const onclose = open();
    await waitFor(() =>
      expect((screen.getByTestId('printer-select') as HTMLSelectElement).value).toBe('HP-Tram'),
    );
    await fireEvent.click(screen.getByTestId('print-go'));
    const error = await screen.findByTestId('print-error');
    expect(error.textContent).toContain('đang tắt hoặc mất kết nối');
    expect(error.textContent).toContain('Lệnh in');
    expect(onclose).not.toHaveBeenCalled();
    // Esc closes it; nothing is printed by closing.
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(onclose).toHaveBeenCalledWith(false);
    expect(state.printed).toHaveLength(1);
  });
});
