import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { backupOnExit } from '../../../core/backup/schedule.ts';
import type { CoreContext } from '../../../core/context.ts';
import { createLogger } from '../../../core/log.ts';
import { sourceRoot } from '../../../core/paths.ts';
import { getStation, isSetUp } from '../../../core/station/station.ts';
import { restartInProcess } from '../../loopback/restart.ts';
import { createCoreOrBlocked } from '../../common/blocked-core.ts';
import { startLoopbackServer } from '../../loopback/server.ts';
import type { CliCommand } from '../io.ts';
import { intOption, parse, storageFrom } from '../options.ts';

export const distDir = join(sourceRoot, 'dist');

/** Which database this is, in words: nobody should mistake a demo or an empty one for the station's. */
function describeDatabase(ctx: CoreContext, existed: boolean): string {
  if (isSetUp(ctx)) {
    const s = getStation(ctx);
    return `station ${s.code}, ${s.name}`;
  }
  return existed
    ? 'not set up yet: the browser opens the first-run wizard'
    : 'new and empty: the browser opens the first-run wizard';
}

/**
 * Serving starts a host (the loopback one), it does not act on data: the browser's users sign in
 * and call operations through it as themselves.
 */
export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve the app to a browser on this machine (127.0.0.1 only)',
  usage: 'hssk serve [--port N] [--data DIR] [--db FILE] [--no-encrypt] [--verbose]',
  operations: [],
  async run(args, io) {
    const { values } = parse(args, {
      port: { type: 'string' },
      data: { type: 'string' },
      db: { type: 'string' },
      'no-encrypt': { type: 'boolean' },
      verbose: { type: 'boolean' },
    });
    const rendererDir = join(distDir, 'renderer');
    const bridgeFile = join(distDir, 'preload', 'loopback.js');
    if (!existsSync(join(rendererDir, 'index.html')) || !existsSync(bridgeFile)) {
      io.err(
        'The user interface is not built yet. Run `npm run build` first (`npm start` builds it for you).',
      );
      return 1;
    }
    const { dataDir, dbFile, logDir } = storageFrom(values, io);
    const existed = existsSync(dbFile);
    const log = createLogger({ dir: logDir, stderr: values.verbose ?? false });
    // A database that cannot be opened is served as a page saying why and what to do (blocked-core.ts).
    const options = { host: 'loopback', dataDir, dbFile, encryptNew: !values['no-encrypt'], log } as const;
    const onBlocked = (problem: { id: string }, e: unknown) =>
      log.error('database cannot be opened', { check: problem.id, error: String(e) });
    const open = () => createCoreOrBlocked(options, onBlocked);
    const { core, blocked } = open();
    const server = await startLoopbackServer({
      core,
      rendererDir,
      bridgeFile,
      port: intOption(values.port, 'port', Number(io.env.HSSK_PORT ?? 0)),
      log,
    });
    // The browser UI is the app here: the station's scanners, monitors and scales are read by this process.
    core.startServices();
    // A restore from Quản trị → Sao lưu reopens the database here, in this process.
    const serving = restartInProcess(server, core, () => open().core, log);
    io.out(`HSSK Trạm is running. Open this address in a browser on this machine:`);
    io.out(`  ${server.launchUrl}`);
    if (blocked)
      io.err(`The database cannot be opened: ${blocked.title}.\n${blocked.action}\n(${blocked.path})`);
    else io.out(`Database: ${dbFile} (${describeDatabase(core.ctx, existed)})`);
    io.out(`Logs:     ${logDir}`);
    io.out('Press Ctrl+C to stop.');
    await new Promise<void>((done) => {
      const stop = () => done();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    // The backup on exit, bounded: Ctrl+C never waits more than 30 s for it.
    await backupOnExit(serving.current.ctx, 30_000);
    await server.close();
    serving.current.close();
    io.out('Stopped.');
    return 0;
  },
};
