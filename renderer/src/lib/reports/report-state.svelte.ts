import type { Dashboard } from '#contract';
import { stationToday } from './today.ts';

/**
 * The period and village the reports screen shows, kept while the user opens a list or a resident
 * and comes back (the screen is re-created on each route, its choices are not).
 */
class ReportScope {
  from = $state<string | null>(`${stationToday().slice(0, 4)}-01-01`);
  to = $state<string | null>(stationToday());
  village = $state('');
  /** The last dashboard shown, so coming back from a list does not wait for it again. */
  dashboard = $state<Dashboard | null>(null);

  input(): { from: string; to: string; village?: string } {
    return {
      from: this.from ?? '',
      to: this.to ?? '',
      ...(this.village ? { village: this.village } : {}),
    };
  }
}

export const reportScope = new ReportScope();
