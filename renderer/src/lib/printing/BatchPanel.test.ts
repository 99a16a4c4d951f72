import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The batch panel against a stand-in core: it starts a job, hears `job.progress` for that job only,
 * cancels on request, and reads the job's end back from the list, as the real core answers.
 */
const core = vi.hoisted(() => {
  type Listener = (p: unknown) => void;
  const core = {
    listeners: new Set<Listener>(),
    started: [] as unknown[],
    cancelled: [] as string[],
    job: { status: 'running', done: 0, total: 3, message: '', fileName: null as string | null },
    emit(p: unknown) {
      for (const l of core.listeners) l(p);
    },
  };
  const ok = (value: unknown) => Promise.resolve({ ok: true, value });
  Object.defineProperty(window, 'hssk', {
    configurable: true,
    value: {
      on: (event: string, l: Listener) => {
        // Only the batch's event: the app's own listeners (session, status) hear nothing here.
        if (event !== 'job.progress') return () => undefined;
        core.listeners.add(l);
        return () => core.listeners.delete(l);
      },
      persons: { villages: () => ok([{ village: 'Thôn Đông', residents: 3 }]) },
      forms: {
        batchStart: (input: unknown) => {
          core.started.push(input);
          return ok({ jobId: 'b1', total: 3 });
        },
        batchCancel: (input: { jobId: string }) => {
          core.cancelled.push(input.jobId);
          return ok(null);
        },
        jobs: () =>
          ok({
            jobs: [
              {
                id: 'b1',
                kind: 'batch',
                form: 'record',
                title: 'Lô in: Thôn Đông, 3 người',
                personId: null,
                printer: null,
                copies: 1,
                createdAt: '2026-12-07T05:00:00Z',
                finishedAt: null,
                createdBy: 'u',
                fileBytes: null,
                ...core.job,
              },
            ],
          }),
      },
    },
  });
  return core;
});

const { default: BatchPanel } = await import('./BatchPanel.svelte');

afterEach(() => {
  cleanup();
  core.started.length = 0;
  core.cancelled.length = 0;
});

function mount() {
  render(BatchPanel, { props: { onpreview: vi.fn(), onjobschanged: vi.fn(), active: true } });
}

const progress = (done: number, finished = false, jobId = 'b1') =>
  core.emit({ jobId, kind: 'forms.batch', done, total: 3, message: '', finished });

describe('BatchPanel', () => {
  it('runs a village with a progress bar, ignores other jobs, and offers the file when done', async () => {
    mount();
    await fireEvent.click(screen.getByTestId('batch-village'));
    await waitFor(() =>
      expect((screen.getByTestId('batch-village-select') as HTMLSelectElement).value).toBe('Thôn Đông'),
    );
    await fireEvent.click(screen.getByTestId('batch-start'));
    await waitFor(() => expect(screen.getByRole('progressbar')).toBeTruthy());
    expect(core.started).toEqual([
      { selection: { kind: 'village', village: 'Thôn Đông' }, form: 'record', output: 'one-pdf' },
    ]);
    progress(1);
    progress(3, false, 'someone-else');
    await waitFor(() => expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('33'));
    core.job = { status: 'done', done: 3, total: 3, message: '', fileName: 'lo-in.pdf' };
    progress(3, true);
    await waitFor(() => expect(screen.getByTestId('batch-done').textContent).toContain('lo-in.pdf'));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByTestId('batch-download')).toBeTruthy();
  });

  it('Esc cancels the running batch; its end says so and offers no file', async () => {
    core.job = { status: 'running', done: 0, total: 3, message: '', fileName: null };
    mount();
    await fireEvent.click(screen.getByTestId('batch-ncd'));
    await fireEvent.click(screen.getByTestId('batch-start'));
    await waitFor(() => expect(screen.getByRole('progressbar')).toBeTruthy());
    progress(1);
    await fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(core.cancelled).toEqual(['b1']));
    core.job = { status: 'cancelled', done: 1, total: 3, message: '', fileName: null };
    progress(1, true);
    await waitFor(() => expect(screen.getByTestId('batch-cancelled')).toBeTruthy());
    expect(screen.queryByTestId('batch-download')).toBeNull();
  });
});
