import { describe, expect, it } from 'vitest';
import {
  apply,
  base64ToBytes,
  canvasSize,
  clampPage,
  fitWidthZoom,
  keyAction,
  MAX_ZOOM,
  MIN_ZOOM,
  stepZoom,
} from './pager.ts';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {}) =>
  keyAction({ key: k, ctrlKey: false, altKey: false, metaKey: false, ...mods });

describe('preview pager', () => {
  it('pages through and stops at the first and last page', () => {
    let s = { page: 1, pages: 3, zoom: 1 };
    s = apply(s, 'prev', 1);
    expect(s.page).toBe(1);
    s = apply(apply(apply(s, 'next', 1), 'next', 1), 'next', 1);
    expect(s.page).toBe(3);
    expect(apply(s, 'first', 1).page).toBe(1);
    expect(apply({ ...s, page: 1 }, 'last', 1).page).toBe(3);
  });

  it('keeps a typed page number inside the document', () => {
    expect(clampPage(0, 5)).toBe(1);
    expect(clampPage(9, 5)).toBe(5);
    expect(clampPage(2.7, 5)).toBe(2);
    expect(clampPage(3, 0)).toBe(1);
  });

  it('zooms in steps from any zoom, within the limits, and fits back', () => {
    expect(stepZoom(1, 1)).toBe(1.1);
    expect(stepZoom(1, -1)).toBe(0.9);
    // A fitted zoom between steps goes to the neighbouring step, not two away.
    expect(stepZoom(1.03, 1)).toBe(1.1);
    expect(stepZoom(1.03, -1)).toBe(1);
    expect(stepZoom(MAX_ZOOM, 1)).toBe(MAX_ZOOM);
    expect(stepZoom(MIN_ZOOM, -1)).toBe(MIN_ZOOM);
    expect(apply({ page: 2, pages: 3, zoom: 2 }, 'fit', 0.93)).toEqual({ page: 2, pages: 3, zoom: 0.93 });
  });

  it('fits an A4 page (794 px wide at 96 dpi) to the box', () => {
    expect(fitWidthZoom(794, 794)).toBe(1);
    expect(fitWidthZoom(794, 600)).toBe(0.75);
    expect(fitWidthZoom(794, 100)).toBe(MIN_ZOOM);
    expect(fitWidthZoom(0, 600)).toBe(1);
  });

  it('maps the keys the clerk uses, and leaves the others alone', () => {
    expect(key('PageDown')).toBe('next');
    expect(key('PageUp')).toBe('prev');
    expect(key('+')).toBe('zoomIn');
    expect(key('=')).toBe('zoomIn');
    expect(key('-')).toBe('zoomOut');
    expect(key('0')).toBe('fit');
    expect(key('Home')).toBe('first');
    expect(key('End')).toBe('last');
    expect(key('Enter')).toBeNull();
    expect(key('p', { ctrlKey: true })).toBeNull();
    // Ctrl+PageDown belongs to the browser / Alt+digits to the menu.
    expect(key('PageDown', { ctrlKey: true })).toBeNull();
    expect(key('1', { altKey: true })).toBeNull();
  });

  it('sizes the canvas for the screen density but never beyond what a GPU draws', () => {
    expect(canvasSize(794, 1123, 1)).toEqual({ width: 794, height: 1123, scale: 1 });
    expect(canvasSize(794, 1123, 2)).toEqual({ width: 1588, height: 2246, scale: 2 });
    const huge = canvasSize(794 * 3, 1123 * 3, 2);
    expect(huge.width * huge.height).toBeLessThanOrEqual(16_000_000);
    expect(huge.scale).toBeLessThan(2);
  });

  it('decodes the base64 the contract carries', () => {
    expect([...base64ToBytes(btoa('%PDF-1.7'))]).toEqual([...new TextEncoder().encode('%PDF-1.7')]);
  });
});
