/**
 * `hssk print`: the 831 forms from the command line, through the same operations and permissions
 * as the app's "In ấn" screen (forms.save for one form, forms.batchStart for a batch), as the CLI
 * operator. `--person` takes the local id, a CCCD or a BHYT number.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { BATCH_MAX_IDS, type BatchSelection, type FormKind } from '#contract/ops/forms.ts';
import { UsageError, type CliCommand } from '../io.ts';
import { asOperator, type Operator } from '../operator.ts';
import { parse, storageFrom } from '../options.ts';

const OPERATIONS = [
  'forms.save',
  'forms.batchStart',
  'forms.jobs',
  'forms.jobFile',
  'persons.search',
] as const;
type PrintOperator = Operator<(typeof OPERATIONS)[number]>;

const ONE: readonly FormKind[] = ['record', 'visit', 'immunization', 'appointment'];
const BLANK: readonly FormKind[] = ['blank-record', 'blank-visit'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A local id as is; a CCCD or BHYT number through the registry's search (an exact identifier match). */
async function personId(operator: PrintOperator, given: string): Promise<string> {
  const q = given.trim();
  if (UUID.test(q)) return q.toLowerCase();
  const found = await operator.call('persons.search', { q, limit: 5 }, { q: '--person' });
  const hits = found.results.filter((r) => r.matchedBy === 'identifier');
  if (hits.length === 1) return hits[0].id;
  throw new UsageError(
    hits.length
      ? `several residents hold ${q}; use the local id`
      : `no resident with the id, CCCD or BHYT number ${q}`,
  );
}

async function waitForJob(operator: PrintOperator, jobId: string) {
  for (;;) {
    const job = (await operator.call('forms.jobs', { limit: 200 })).jobs.find((j) => j.id === jobId);
    if (!job) throw new Error(`job ${jobId} vanished`);
    if (job.status !== 'running' && job.status !== 'queued') return job;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function readJobFile(operator: PrintOperator, jobId: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const piece: { base64: string; nextOffset: number | null } = await operator.call('forms.jobFile', {
      jobId,
      offset,
    });
    parts.push(Buffer.from(piece.base64, 'base64'));
    offset = piece.nextOffset;
  }
  return Buffer.concat(parts);
}

/** The entries of a zip the batch wrote (stored or deflated, no zip64): name and bytes. */
export function unzipEntries(zip: Buffer): { name: string; data: Buffer }[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  const out: { name: string; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataStart, dataStart + size);
    out.push({ name, data: method === 0 ? Buffer.from(raw) : inflateRawSync(raw) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

export const printCommand: CliCommand = {
  name: 'print',
  summary: 'print Decision 831 forms to PDF (one resident, blank forms, or a batch)',
  usage: [
    'hssk print record|visit|immunization|appointment --person ID [--visit ID] --out FILE',
    '       hssk print blank-record|blank-visit --out FILE',
    '       hssk print batch (--village V | --date yyyy-mm-dd | --ncd | --ids FILE) [--form record|visit|immunization|appointment] --out FILE.pdf|DIR [--json]',
    '       (all: [--data DIR] [--db FILE] [--json]; --person takes the local id, a CCCD or a BHYT number)',
  ].join('\n'),
  operations: OPERATIONS,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      person: { type: 'string' },
      visit: { type: 'string' },
      out: { type: 'string' },
      village: { type: 'string' },
      date: { type: 'string' },
      ncd: { type: 'boolean' },
      ids: { type: 'string' },
      form: { type: 'string' },
      data: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    });
    const what = positionals[0] as FormKind | 'batch' | undefined;
    if (!what || (what !== 'batch' && !ONE.includes(what) && !BLANK.includes(what)))
      throw new UsageError(
        'say what to print: record, visit, immunization, appointment, blank-record, blank-visit or batch',
      );
    if (!values.out) throw new UsageError('--out is required');
    const out = resolve(io.cwd, values.out);
    const started = performance.now();
    const report = (summary: Record<string, unknown>, line: string) => {
      io.out(
        values.json
          ? JSON.stringify({ ...summary, duration_ms: Math.round(performance.now() - started) })
          : line,
      );
      return 0;
    };

    if (what !== 'batch') {
      if (ONE.includes(what) && !values.person) throw new UsageError('--person is required');
      return asOperator(OPERATIONS, storageFrom(values, io), io, async (operator) => {
        const id = values.person ? await personId(operator, values.person) : undefined;
        const r = await operator.call(
          'forms.save',
          { form: what, personId: id, visitId: values.visit },
          { personId: '--person', visitId: '--visit' },
        );
        writeFileSync(out, Buffer.from(r.pdfBase64, 'base64'));
        return report(
          { file: out, form: what, pages: r.pages },
          `Wrote ${what} (${r.pages} pages) to ${out}`,
        );
      });
    }

    const chosen = [
      values.village !== undefined,
      values.date !== undefined,
      !!values.ncd,
      values.ids !== undefined,
    ];
    if (chosen.filter(Boolean).length !== 1)
      throw new UsageError('choose one of --village, --date, --ncd, --ids');
    const toDir = !out.toLowerCase().endsWith('.pdf');
    return asOperator(OPERATIONS, storageFrom(values, io), io, async (operator) => {
      let selection: BatchSelection;
      if (values.village !== undefined) selection = { kind: 'village', village: values.village };
      else if (values.date !== undefined) selection = { kind: 'visits-on', date: values.date };
      else if (values.ncd) selection = { kind: 'ncd' };
      else {
        const lines = readFileSync(resolve(io.cwd, values.ids as string), 'utf8')
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean);
        if (lines.length > BATCH_MAX_IDS)
          throw new UsageError(`--ids: at most ${BATCH_MAX_IDS} residents in one batch`);
        const ids: string[] = [];
        for (const l of lines) ids.push(await personId(operator, l));
        selection = { kind: 'ids', ids };
      }
      const { jobId, total } = await operator.call(
        'forms.batchStart',
        {
          selection,
          form: (values.form ?? 'record') as 'record',
          output: toDir ? 'zip' : 'one-pdf',
        },
        {
          form: '--form',
          'selection.village': '--village',
          'selection.date': '--date',
          'selection.ids': '--ids',
        },
      );
      if (!values.json) io.out(`Printing ${total} residents…`);
      const job = await waitForJob(operator, jobId);
      if (job.status !== 'done') {
        io.err(job.message);
        return 1;
      }
      const bytes = await readJobFile(operator, jobId);
      let files = 1;
      if (toDir) {
        mkdirSync(out, { recursive: true });
        const entries = unzipEntries(bytes);
        for (const e of entries) writeFileSync(join(out, e.name), e.data);
        files = entries.length;
      } else writeFileSync(out, bytes);
      return report(
        { out, jobId, total, files, bytes: toDir ? undefined : statSync(out).size, message: job.message },
        `${job.message} → ${out}`,
      );
    });
  },
};
