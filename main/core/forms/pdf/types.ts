import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';

/** A pdfmake document definition: what every form builder returns (pure data, no I/O). */
export type DocDefinition = TDocumentDefinitions;
export type { Content };
