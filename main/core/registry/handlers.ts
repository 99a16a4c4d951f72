import { requireActor, type HandlersOf } from '../handler-types.ts';
import { applyCard } from './card-update.ts';
import { personFromCard } from './cards.ts';
import { randomUUID } from 'node:crypto';
import { findDuplicates } from './duplicates.ts';
import { exportPersons } from './export.ts';
import { searchHouseholds } from './household-search.ts';
import { createHousehold, findHouseholdByCode, getHousehold, moveMember, setHead } from './households.ts';
import { listPersons, listVillages } from './list.ts';
import { createPerson, readPerson, setPersonStatus, updatePerson } from './persons.ts';
import { searchPersons } from './search.ts';
import { progressReporter } from '../jobs.ts';
import {
  commitImport,
  detectColumns,
  dryRun,
  errorReport,
  importRows,
  openImport,
} from './list-import/service.ts';
import { deleteTemplate, listTemplates } from './list-import/templates.ts';

/** persons.merge moves health records too: record/handlers.ts serves it (record sits above registry). */
export function personsHandlers(): Omit<HandlersOf<'persons'>, 'persons.merge'> {
  return {
    'persons.search': ({ q, limit }, { ctx }) => searchPersons(ctx, q, limit),
    'persons.list': ({ filters, sort, offset, limit }, { ctx }) =>
      listPersons(ctx, filters, sort, offset, limit),
    'persons.villages': (_input, { ctx }) => listVillages(ctx),
    'persons.get': ({ id }, call) => readPerson(call.ctx, requireActor(call), id),
    'persons.checkDuplicates': ({ person, excludeId }, { ctx }) =>
      findDuplicates(ctx, person, excludeId ?? null),
    'persons.create': ({ person, confirmSimilar, newHousehold }, call) =>
      createPerson(call.ctx, requireActor(call), person, confirmSimilar, newHousehold),
    'persons.update': ({ id, version, person, confirmSimilar, newHousehold }, call) =>
      updatePerson(call.ctx, requireActor(call), id, version, person, confirmSimilar, newHousehold),
    'persons.setStatus': ({ id, status, date, note }, call) =>
      setPersonStatus(call.ctx, requireActor(call), id, status, date, note),
    'persons.fromCard': ({ card }, { ctx }) => personFromCard(ctx, card),
    'persons.applyCard': ({ id, version, card, fields }, call) =>
      applyCard(call.ctx, requireActor(call), id, version, card, fields),
    'persons.export': async ({ filters }, call) => {
      const jobId = randomUUID();
      const report = progressReporter(call.ctx.events, jobId, 'export');
      const message = 'Đang xuất danh sách dân cư';
      const r = await exportPersons(call.ctx, requireActor(call), filters, (done, total) =>
        report(done, total, message),
      );
      report(r.rows, r.rows, message, true);
      return { fileName: r.fileName, contentBase64: r.bytes.toString('base64'), rows: r.rows };
    },
  };
}

export function householdsHandlers(): HandlersOf<'households'> {
  return {
    'households.get': ({ id }, { ctx }) => getHousehold(ctx, id),
    'households.findByCode': ({ code }, { ctx }) => findHouseholdByCode(ctx, code),
    'households.search': ({ q, limit }, { ctx }) => searchHouseholds(ctx, q, limit),
    'households.create': (input, call) => createHousehold(call.ctx, requireActor(call), input),
    'households.moveMember': ({ personId, toHouseholdId, relationToHead }, call) =>
      moveMember(call.ctx, requireActor(call), personId, toHouseholdId, relationToHead),
    'households.setHead': ({ householdId, personId }, call) =>
      setHead(call.ctx, requireActor(call), householdId, personId),
  };
}

/** Population lists: open a file, map its columns, dry run, commit, the rows left out. */
export function importHandlers(): HandlersOf<'imports'> {
  return {
    // The upload's base64 is checked and decoded where the file is read (the import worker).
    'imports.open': ({ fileName, dataBase64 }, call) =>
      openImport(call.ctx, requireActor(call), fileName, { base64: dataBase64 }),
    'imports.detect': ({ importId, sheetName, templateId }, { ctx }) =>
      detectColumns(ctx, importId, sheetName, templateId),
    'imports.dryRun': ({ importId, mapping, options }, { ctx }) => dryRun(ctx, importId, mapping, options),
    'imports.rows': ({ importId, view, offset, limit }, { ctx }) =>
      importRows(ctx, importId, view, offset, limit),
    'imports.commit': ({ importId, mapping, options, saveTemplateAs }, call) =>
      commitImport(call.ctx, requireActor(call), importId, mapping, options, saveTemplateAs || null),
    'imports.errorReport': async ({ importId }, { ctx }) => {
      const r = await errorReport(ctx, importId);
      return { fileName: r.fileName, dataBase64: r.bytes.toString('base64'), rows: r.rows };
    },
    'imports.templates': (_input, { ctx }) => listTemplates(ctx),
    'imports.deleteTemplate': ({ id }, { ctx }) => {
      deleteTemplate(ctx, id);
      return null;
    },
  };
}
