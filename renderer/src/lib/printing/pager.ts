/**
 * The preview's paging and zoom, as plain functions so they are tested without a PDF or a canvas.
 * The preview draws only the page on screen (an old PC cannot afford a canvas per page of a
 * 150-visit record), so "where am I" and "how big" are all the state there is.
 */

/** Zoom steps the +/- keys walk through (1 = the page's CSS size at 96 dpi). */
export const ZOOM_STEPS = [0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3] as const;
export const MIN_ZOOM = ZOOM_STEPS[0];
export const MAX_ZOOM = ZOOM_STEPS[ZOOM_STEPS.length - 1];

export interface PagerState {
  page: number;
  pages: number;
  zoom: number;
}

export function clampPage(page: number, pages: number): number {
  if (pages < 1) return 1;
  return Math.min(Math.max(1, Math.trunc(page)), pages);
}

/** The next zoom step up (+1) or down (-1) from any zoom, including a fitted one between steps. */
export function stepZoom(zoom: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((z) => z > zoom + 0.001) ?? MAX_ZOOM;
  return [...ZOOM_STEPS].reverse().find((z) => z < zoom - 0.001) ?? MIN_ZOOM;
}

/** The zoom that makes a page of `pageWidth` (CSS px at zoom 1) fill `boxWidth`, within the limits. */
export function fitWidthZoom(pageWidth: number, boxWidth: number): number {
  if (pageWidth <= 0 || boxWidth <= 0) return 1;
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.floor((boxWidth / pageWidth) * 100) / 100));
}

export type PagerAction = 'prev' | 'next' | 'first' | 'last' | 'zoomIn' | 'zoomOut' | 'fit';

/** Which action a key asks for in the preview, or null for a key the preview leaves alone. */
export function keyAction(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>,
): PagerAction | null {
  if (e.altKey || e.metaKey) return null;
  switch (e.key) {
    case 'PageUp':
    case 'ArrowLeft':
      return e.ctrlKey ? null : 'prev';
    case 'PageDown':
    case 'ArrowRight':
      return e.ctrlKey ? null : 'next';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case '+':
    case '=':
      return 'zoomIn';
    case '-':
    case '_':
      return 'zoomOut';
    case '0':
      return 'fit';
    default:
      return null;
  }
}

/** The state after an action; `fitZoom` is what "fit" means for the box the preview sits in. */
export function apply(state: PagerState, action: PagerAction, fitZoom: number): PagerState {
  switch (action) {
    case 'prev':
      return { ...state, page: clampPage(state.page - 1, state.pages) };
    case 'next':
      return { ...state, page: clampPage(state.page + 1, state.pages) };
    case 'first':
      return { ...state, page: 1 };
    case 'last':
      return { ...state, page: clampPage(state.pages, state.pages) };
    case 'zoomIn':
      return { ...state, zoom: stepZoom(state.zoom, 1) };
    case 'zoomOut':
      return { ...state, zoom: stepZoom(state.zoom, -1) };
    case 'fit':
      return { ...state, zoom: fitZoom };
  }
}

/**
 * The canvas size for a page: CSS size follows the zoom, backing pixels follow the screen's density
 * too (sharp on a high-DPI screen), capped so a huge zoom cannot ask for a canvas an old PC's GPU
 * refuses (Chromium draws nothing above ~16k px or ~268M pixels).
 */
export function canvasSize(
  cssWidth: number,
  cssHeight: number,
  devicePixelRatio: number,
  maxPixels = 16_000_000,
): { width: number; height: number; scale: number } {
  let scale = Math.max(1, devicePixelRatio || 1);
  const area = cssWidth * cssHeight * scale * scale;
  if (area > maxPixels) scale = Math.sqrt(maxPixels / (cssWidth * cssHeight));
  return { width: Math.floor(cssWidth * scale), height: Math.floor(cssHeight * scale), scale };
}

/** base64 (what the contract carries) → bytes for pdf.js. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
