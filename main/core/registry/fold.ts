// Folding lives in the contract so the UI filters lists exactly the way the core searches.
export { fold } from '#contract/text.ts';
