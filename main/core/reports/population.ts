/**
 * The commune's official population per year (the coverage denominator), set by the station's
 * administrator from the commune People's Committee's figure; audited with the figure before.
 */
import { isoNow } from '../clock.ts';
import type { CoreContext } from '../context.ts';
import { appendAudit, type Actor } from '../audit/audit.ts';
import { populationOf, readPopulations, writePopulation, type PopulationRow } from './repo/population.ts';

export function populations(ctx: CoreContext): PopulationRow[] {
  return readPopulations(ctx.store);
}

export function setPopulation(
  ctx: CoreContext,
  actor: Actor,
  input: { year: number; population: number | null; source: string },
): PopulationRow[] {
  const at = isoNow(ctx.clock);
  ctx.store.tx(() => {
    const before = populationOf(ctx.store, input.year);
    writePopulation(ctx.store, input, at, actor.userId);
    appendAudit(
      ctx.store,
      actor,
      {
        action: 'reports.population.set',
        details: { year: input.year, before, after: input.population, source: input.source },
      },
      at,
    );
  });
  return readPopulations(ctx.store);
}
