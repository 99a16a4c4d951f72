import { describe, expect, it } from 'vitest';
import { largeCsv, largeWorkbook, personRow } from '../../../../test/fixtures/import/workbooks.ts';
import { CodeLists } from '../../codes/code-lists.ts';
import { defaultResourcesDir } from '../../paths.ts';
import { detectMapping } from './mapping.ts';
import { readTable } from './read-table.ts';
import { toPersonRowsAsync } from './rows.ts';

const ethnicities = new CodeLists(defaultResourcesDir).ethnicities();
const N = 20_000;

/** Counts event-loop turns while `work` runs: a loop held for the whole run would allow none. */
async function withTurns<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let running = true;
  const tick = (): void => {
    turns++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    return { result: await work(), turns };
  } finally {
    running = false;
  }
}

describe('large lists', { timeout: 60_000 }, () => {
  for (const kind of ['csv', 'xlsx'] as const) {
    it(`${N.toLocaleString('en')} rows of ${kind.toUpperCase()}: every row read right, the event loop never held for long`, async () => {
      const bytes = kind === 'csv' ? largeCsv(N) : await largeWorkbook(N);
      const progress: number[] = [];
      const { result: table, turns } = await withTurns(() =>
        readTable(`ds.${kind}`, bytes, { onProgress: (f) => progress.push(f) }),
      );
      if (!table.ok) throw new Error(table.error.message);
      expect(turns).toBeGreaterThan(1);
      expect(progress.at(-1)).toBe(1);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));

      const sheet = table.sheets[table.defaultSheet];
      const { mapping } = detectMapping(sheet);
      const fractions: number[] = [];
      const { result, turns: rowTurns } = await withTurns(() =>
        toPersonRowsAsync(sheet, mapping, {
          today: '2026-11-22',
          ethnicities,
          onProgress: (f) => fractions.push(f),
        }),
      );
      expect(result.counts).toEqual({ rows: N, fatal: 0, withDropped: 0, withWarnings: 0, clean: N });
      expect(rowTurns).toBeGreaterThan(1);
      expect(fractions.at(-1)).toBe(1);
      const sample = result.rows[N - 1];
      const expected = personRow(N - 1);
      expect(sample.line).toBe(N + 1);
      expect(sample.person).toMatchObject({
        fullName: expected[1],
        cccd: expected[4],
        householdCode: expected[8],
      });
    });
  }

  it('reading and interpreting can be cancelled', async () => {
    const bytes = largeCsv(N);
    const stop = new AbortController();
    stop.abort();
    expect(await readTable('ds.csv', bytes, { signal: stop.signal })).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED' },
    });
    const table = await readTable('ds.csv', bytes);
    if (!table.ok) throw new Error(table.error.message);
    const sheet = table.sheets[0];
    const controller = new AbortController();
    const run = toPersonRowsAsync(sheet, detectMapping(sheet).mapping, {
      today: '2026-11-22',
      ethnicities,
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('stopped by the user')),
    });
    await expect(run).rejects.toThrow('stopped by the user');
  });
});
