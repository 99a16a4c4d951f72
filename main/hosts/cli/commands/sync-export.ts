import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, type CliCommand, type CliIo } from '../io.ts';
import { asOperator } from '../operator.ts';
import { parse, storageFrom } from '../options.ts';

export const EXPORT_XML_OPERATIONS = ['xml831.export'] as const;
export const EXPORT_XML_USAGE =
  'hssk sync export-xml --person ID --out FILE [--data DIR] [--db FILE] [--json]';

/**
 * `hssk sync export-xml`: the signed 831 XML of one resident (by the app's id, a CCCD/CMND or a BHYT
 * number), written as the province would receive it, for checking by hand (xmlsec1 --verify, a
 * viewer). Through the dispatcher as the CLI operator, like every data command.
 */
export async function exportXml(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, {
    person: { type: 'string' },
    out: { type: 'string' },
    data: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.person) throw new UsageError('--person ID is required (the app id, a CCCD or a BHYT number)');
  if (!values.out) throw new UsageError('--out FILE is required');
  const out = resolve(io.cwd, values.out);
  return asOperator(EXPORT_XML_OPERATIONS, storageFrom(values, io), io, async (operator) => {
    const r = await operator.call('xml831.export', { person: values.person ?? '' }, { person: '--person' });
    // UTF-8 without a byte-order mark, exactly the bytes that would be sent.
    writeFileSync(out, Buffer.from(r.xml, 'utf8'));
    const summary = {
      file: out,
      person_id: r.personId,
      request_id: r.requestId,
      signed: r.signed,
      bytes: Buffer.byteLength(r.xml),
    };
    if (values.json) io.out(JSON.stringify(summary));
    else {
      io.out(`Wrote the 831 XML of ${r.fullName} (${r.personId}) to ${out}${r.signed ? ', signed' : ''}`);
      if (!r.signed) io.err(`Not signed: ${r.messageVi}`);
    }
    return 0;
  });
}

/**
 * `hssk sync`: the sync engine's command (run, status) with `export-xml` added, so neither file
 * has to know the other's insides: export-xml comes here, everything else goes to `sync`.
 */
export function withExportXml(sync: CliCommand): CliCommand {
  return {
    ...sync,
    summary: `${sync.summary}; export-xml writes one resident’s signed 831 XML`,
    usage: `${sync.usage}\n       ${EXPORT_XML_USAGE}`,
    operations: [...sync.operations, ...EXPORT_XML_OPERATIONS],
    run(args, io) {
      return args[0] === 'export-xml' ? exportXml(args.slice(1), io) : sync.run(args, io);
    },
  };
}
