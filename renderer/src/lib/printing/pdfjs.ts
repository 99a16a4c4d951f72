/**
 * pdf.js, loaded on first use (the clerk's screen only: the rest of the app does not pay for it).
 * The worker is bundled as a same-origin asset (Vite `?url`), so the strict CSP's `script-src 'self'`
 * covers it in both hosts (app:// in Electron, 127.0.0.1 on loopback): no blob: or eval needed.
 */
import type * as PdfJsModule from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

type PdfJs = typeof PdfJsModule;
let loading: Promise<PdfJs> | null = null;

export function loadPdfJs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
    return pdfjs;
  });
  return loading;
}

/** Opens a PDF held in memory with the options the sandbox and the CSP allow. */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfJs();
  return pdfjs.getDocument({
    // pdf.js transfers the buffer to its worker: give it a copy, the caller may reuse its bytes.
    data: bytes.slice(),
    isEvalSupported: false,
    enableXfa: false,
    // Our forms embed their fonts (Tinos); never reach for font files over the network.
    useSystemFonts: false,
    disableAutoFetch: true,
  }).promise;
}
