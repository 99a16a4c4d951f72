/** Loads the byte traces in test/fixtures/devices/*.hex (format: ../trace.ts). Tests only. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseTrace, type TraceStep } from '../trace.ts';

export { parseTrace, runTrace, type TraceRun, type TraceStep } from '../trace.ts';

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/devices/', import.meta.url));

export function loadTrace(name: string): TraceStep[] {
  return parseTrace(readFileSync(FIXTURES + name, 'utf8'));
}
