/**
 * Issue 12, point 5: "every view of a record, print, export and upload is in the trail". Each is
 * done here through the dispatcher as a signed-in user, and the trail must then hold an entry
 * naming who (the user), what (the action) and, where the act concerns one resident, which one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '#contract/ops/audit.ts';
import { vnDay } from '../../main/core/clock.ts';
import { batchFinished } from '../../main/core/forms/batch/service.ts';
import { CupsDriver, type Exec } from '../../main/core/forms/printers/cups.ts';
import { setPrinterDriver } from '../../main/core/forms/service.ts';
import { makeSampleResident } from '../../main/core/forms/testing.ts';
import { makeSignedInCore, type TestCore } from '../helpers/core.ts';
import { startFhirServer, type FhirServer } from '../upstream/fhir-server.ts';

let t: TestCore;
let server: FhirServer;
let personId = '';
let visitId = '';
let userId = '';

/** A spooler that accepts every job (the print path up to `lp`, without paper). */
const acceptingCups: Exec = async (cmd, args) => {
  if (cmd === 'lpstat' && args.includes('-e')) return { stdout: 'HP_LaserJet', stderr: '', code: 0 };
  if (cmd === 'lpstat' && args.includes('-d'))
    return { stdout: 'system default destination: HP_LaserJet', stderr: '', code: 0 };
  if (cmd === 'lpstat') return { stdout: 'printer HP_LaserJet is idle.', stderr: '', code: 0 };
  return { stdout: 'request id is Q-1 (1 file(s))', stderr: '', code: 0 };
};

beforeAll(async () => {
  t = await makeSignedInCore();
  personId = await makeSampleResident(t.ok, [vnDay(new Date())]);
  visitId = (await t.ok('record.get', { personId })).visits[0].id;
  userId = (await t.ok('auth.session', {})).user?.id ?? '';
  setPrinterDriver(t.core.ctx, new CupsDriver({ exec: acceptingCups }));
  server = await startFhirServer({});
});
afterAll(async () => {
  await server?.close();
  t?.close();
});

/** The entries written while `act` ran. */
async function entriesOf(act: () => Promise<unknown>): Promise<AuditEntry[]> {
  const [last] = await t.ok('audit.list', { limit: 1 });
  await act();
  return t
    .ok('audit.list', { limit: 500, action: undefined })
    .then((all) => all.filter((e) => e.seq > last.seq));
}

/** The act left an entry by this user, with this action, about this resident (or none named). */
async function expectAudited(
  act: () => Promise<unknown>,
  action: string,
  resident: string | null = personId,
): Promise<void> {
  const written = await entriesOf(act);
  const hit = written.find((e) => e.action === action && e.userId === userId);
  expect(hit, `${action}: written ${written.map((e) => e.action).join(', ') || 'nothing'}`).toBeDefined();
  if (resident) expect(hit?.entityId).toBe(resident);
  // And the viewer says it in words, never the code.
  expect(hit?.view.what).not.toBe('Thao tác khác');
}

describe('every view, print, export and upload is on the audit trail', () => {
  it('opening the record and each of its parts', async () => {
    await expectAudited(() => t.ok('record.get', { personId }), 'record.read');
    await expectAudited(() => t.ok('persons.get', { id: personId }), 'person.read');
    await expectAudited(() => t.ok('visits.get', { id: visitId }), 'visit.read');
    await expectAudited(() => t.ok('visits.versions', { id: visitId }), 'visit.read');
    await expectAudited(() => t.ok('record.growthChart', { personId, indicator: 'wfa' }), 'growth.read');
  });

  it('print preview, saving the PDF, printing, and a batch', async () => {
    await expectAudited(() => t.ok('forms.render', { form: 'record', personId }), 'form.preview');
    await expectAudited(() => t.ok('forms.save', { form: 'record', personId }), 'form.save');
    await expectAudited(
      () => t.ok('forms.print', { form: 'visit', personId, visitId, printer: 'HP_LaserJet', copies: 1 }),
      'form.print',
    );
    let jobId = '';
    await expectAudited(async () => {
      ({ jobId } = await t.ok('forms.batchStart', {
        selection: { kind: 'ids', ids: [personId] },
        form: 'record',
        output: 'one-pdf',
      }));
    }, 'form.batch');
    // Its worker finishes in the background: wait, so the core is not closed under it.
    await batchFinished(t.core.ctx, jobId);
  });

  it('the residents export, an import, an upload and a backup', async () => {
    await expectAudited(() => t.ok('persons.export', {}), 'persons.export', null);
    const csv = 'Họ và tên,Giới tính,Năm sinh,Thôn\nĐinh Thị Nhập,Nữ,1980,Thôn Đông\n';
    await expectAudited(
      async () => {
        const opened = await t.ok('imports.open', {
          fileName: 'ds.csv',
          dataBase64: Buffer.from(csv).toString('base64'),
        });
        await t.ok('imports.commit', {
          importId: opened.importId,
          mapping: opened.detection.mapping,
          options: { similar: 'skip', janFirstIsYearOnly: false },
          saveTemplateAs: null,
        });
      },
      'import.commit',
      null,
    );
    await t.ok('upstream.saveSettings', { fhir: { enabled: true, statutory: true, url: server.url } });
    await expectAudited(() => t.ok('upstream.run', { upstream: 'fhir' }), 'upstream.run', null);
    await expectAudited(() => t.ok('backup.create', {}), 'backup.create', null);
  });
});
