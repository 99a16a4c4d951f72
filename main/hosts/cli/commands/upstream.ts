import { UsageError, type CliCommand } from '../io.ts';

type StartServer = (o: { port: number; faults?: string }) => Promise<{ url: string; close(): Promise<void> }>;
import { parse } from '../options.ts';

/**
 * `hssk upstream serve`: a test upstream for demos, training and tests (test/upstream/): a strict
 * FHIR R4 server, or the provincial 831 XML receiver, with optional fault injection. Runs until
 * interrupted (Ctrl+C). Never part of the installed app: the test servers live outside main/.
 */
export const upstreamCommand: CliCommand = {
  name: 'upstream',
  summary: 'run a test upstream (FHIR R4 server or provincial 831 XML receiver) with optional faults',
  usage: 'hssk upstream serve --kind fhir|xml831 [--port P] [--faults SPEC] [--json]',
  operations: [],
  async run(args, io) {
    const { values, positionals } = parse(args, {
      kind: { type: 'string' },
      port: { type: 'string' },
      faults: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals[0] !== 'serve') throw new UsageError('use `hssk upstream serve --kind fhir|xml831`');
    const port = values.port ? Number(values.port) : 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError('--port must be a port number');
    let url: string;
    let close: () => Promise<void>;
    // Loaded only here: the test servers (and Medplum's router) are not part of the app itself.
    const testDir = '../../../../test/upstream/';
    if (values.kind === 'fhir') {
      const { startFhirServer } = (await import(`${testDir}fhir-server.ts`)) as {
        startFhirServer: StartServer;
      };
      const s = await startFhirServer({ port, faults: values.faults });
      url = s.url;
      close = s.close;
    } else if (values.kind === 'xml831') {
      let mod: {
        startXml831Server?: (o: {
          port: number;
          faults?: string;
        }) => Promise<{ url: string; close(): Promise<void> }>;
      };
      try {
        mod = (await import(`${testDir}xml831-server.ts`)) as typeof mod;
      } catch {
        throw new UsageError(
          'the provincial XML test receiver (test/upstream/xml831-server.ts) is not in this build',
        );
      }
      if (!mod.startXml831Server)
        throw new UsageError('test/upstream/xml831-server.ts has no startXml831Server');
      const s = await mod.startXml831Server({ port, faults: values.faults });
      url = s.url;
      close = s.close;
    } else throw new UsageError('--kind must be fhir or xml831');
    io.out(
      values.json
        ? JSON.stringify({ kind: values.kind, url })
        : `${values.kind} test upstream at ${url} (Ctrl+C to stop)`,
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await close();
    return 0;
  },
};
