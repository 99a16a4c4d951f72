import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * pdf.js itself needs a real canvas (the e2e runs it in Chromium); here a stand-in document checks
 * what the component does with it: which page it asks to draw, the page count, the keys.
 */
const drawn: number[] = [];
const destroyed: string[] = [];
vi.mock('./pdfjs.ts', () => ({
  openPdf: async (bytes: Uint8Array) => {
    const name = new TextDecoder().decode(bytes);
    const pages = Number(name.split(':')[1]);
    return {
      numPages: pages,
      destroy: async () => void destroyed.push(name),
      getPage: async (n: number) => ({
        getViewport: ({ scale }: { scale: number }) => ({ width: 595 * scale, height: 842 * scale }),
        render: () => {
          drawn.push(n);
          return { promise: Promise.resolve(), cancel: () => undefined };
        },
      }),
    };
  },
}));

// jsdom has no layout: the box's width (bind:clientWidth) stays 0, and the fitted zoom with it.
globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

const { default: PdfPreview } = await import('./PdfPreview.svelte');
const doc = (name: string) => new TextEncoder().encode(name);
const settle = async () => {
  for (let i = 0; i < 10; i++) {
    await tick();
    await new Promise((r) => setTimeout(r, 0));
  }
};

afterEach(() => {
  cleanup();
  drawn.length = 0;
  destroyed.length = 0;
});

describe('PdfPreview', () => {
  it('says what to do before there is a document', () => {
    render(PdfPreview, { bytes: null, label: 'Xem trước' });
    expect(screen.getByTestId('preview-pages').textContent).toBe('');
    expect(screen.getByText('Chọn người và mẫu phiếu để xem trước.')).toBeTruthy();
  });

  it('draws only the page on screen and pages with PageDown/PageUp, stopping at the ends', async () => {
    render(PdfPreview, { bytes: doc('a:3'), label: 'Hồ sơ' });
    await settle();
    expect(screen.getByTestId('preview-pages').textContent).toBe('Trang 1/3');
    expect(drawn).toEqual([1]);
    const box = screen.getByTestId('preview-box');
    await fireEvent.keyDown(box, { key: 'PageDown' });
    await fireEvent.keyDown(box, { key: 'PageDown' });
    await fireEvent.keyDown(box, { key: 'PageDown' });
    await settle();
    expect(screen.getByTestId('preview-pages').textContent).toBe('Trang 3/3');
    expect(drawn.at(-1)).toBe(3);
    expect(drawn).not.toContain(4);
    await fireEvent.keyDown(box, { key: 'PageUp' });
    await settle();
    expect(screen.getByTestId('preview-pages').textContent).toBe('Trang 2/3');
  });

  it('zooms with + and -, and 0 fits again', async () => {
    render(PdfPreview, { bytes: doc('a:2'), label: 'Hồ sơ' });
    await settle();
    const zoom = () => screen.getByTestId('preview-zoom').textContent;
    const fitted = zoom();
    const box = screen.getByTestId('preview-box');
    await fireEvent.keyDown(box, { key: '+' });
    await settle();
    expect(zoom()).not.toBe(fitted);
    await fireEvent.keyDown(box, { key: '0' });
    await settle();
    expect(zoom()).toBe(fitted);
  });

  it('a new document starts at its first page and frees the old one', async () => {
    const view = render(PdfPreview, { bytes: doc('a:3'), label: 'Hồ sơ' });
    await settle();
    await fireEvent.keyDown(screen.getByTestId('preview-box'), { key: 'End' });
    await settle();
    expect(screen.getByTestId('preview-pages').textContent).toBe('Trang 3/3');
    await view.rerender({ bytes: doc('b:5'), label: 'Lô in' });
    await settle();
    expect(screen.getByTestId('preview-pages').textContent).toBe('Trang 1/5');
    expect(destroyed).toContain('a:3');
  });
});
