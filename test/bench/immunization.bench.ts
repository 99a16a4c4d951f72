/**
 * The commune's immunisation due list (issue 14): everyone due by a session day, from each
 * person's schedule kept in `immunization_due`. Budget: `immunization.dueList` for the whole
 * commune, this month (session on the month's last day), p95 ≤ 150 ms through the dispatcher.
 * The village and vaccine filters and the XLSX invitation list of one village are measured beside it.
 */
import { emit, measure } from './harness.ts';
import { benchSession } from './session.ts';

/** The last day of the month of `day` (yyyy-mm-dd). */
function monthEnd(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export async function immunizationBenches(persons: number): Promise<void> {
  const s = await benchSession(persons);
  try {
    const sessionDate = monthEnd(s.today);
    const whole = await s.call('immunizations.dueList', { sessionDate });
    emit(
      await measure('immunization.dueList', persons, () => s.call('immunizations.dueList', { sessionDate }), {
        runs: 40,
        warmup: 3,
        extra: {
          sessionDate,
          due: whole.total,
          shown: whole.rows.length,
          villages: whole.villages.length,
          pending: whole.pending,
          budget_p95_ms: 150,
        },
      }),
    );
    const village = [...whole.villages].sort((a, b) => b.count - a.count)[0]?.village ?? '';
    const one = await s.call('immunizations.dueList', { sessionDate, village });
    emit(
      await measure(
        'immunization.dueList.village',
        persons,
        () => s.call('immunizations.dueList', { sessionDate, village }),
        { runs: 40, warmup: 2, extra: { village, due: one.total } },
      ),
    );
    emit(
      await measure(
        'immunization.dueList.vaccine',
        persons,
        () => s.call('immunizations.dueList', { sessionDate, vaccine: 'DPT-VGB-HIB' }),
        { runs: 20, warmup: 2 },
      ),
    );
    emit(
      await measure(
        'immunization.dueListExport.village',
        persons,
        () => s.call('immunizations.dueListExport', { sessionDate, village }),
        { runs: 5, warmup: 1, extra: { rows: one.total } },
      ),
    );
  } finally {
    s.close();
  }
}
