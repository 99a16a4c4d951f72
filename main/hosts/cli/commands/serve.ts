import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCore } from '../../../core/app.ts';
import { createLogger } from '../../../core/log.ts';
import { dataPaths, sourceRoot } from '../../../core/paths.ts';
import { startLoopbackServer } from '../../loopback/server.ts';
import type { CliCommand } from '../io.ts';
import { dataDirFrom, intOption, parse } from '../options.ts';

export const distDir = join(sourceRoot, 'dist');

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve the app to a browser on this machine (127.0.0.1 only)',
  usage: 'hssk serve [--port N] [--data DIR] [--db FILE] [--no-encrypt] [--verbose]',
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
      io.err('The user interface is not built yet. Run `npm run build` first (`npm start` builds it for you).');
      return 1;
    }
    const dataDir = dataDirFrom(values.data, io);
    const log = createLogger({ dir: dataPaths(dataDir).logDir, stderr: values.verbose ?? false });
    const core = createCore({
      host: 'loopback',
      dataDir,
      dbFile: values.db ? resolve(io.cwd, values.db) : undefined,
      encryptNew: !values['no-encrypt'],
      log,
    });
    const server = await startLoopbackServer({
      core,
      rendererDir,
      bridgeFile,
      port: intOption(values.port, 'port', Number(io.env.HSSK_PORT ?? 0)),
      log,
    });
    // The browser UI is the app here: the station's scanners, monitors and scales are read by this process.
    core.startServices();
    io.out(`HSSK Trạm is running. Open this address in a browser on this machine:`);
    io.out(`  ${server.launchUrl}`);
    io.out(`Data: ${dataDir}   (press Ctrl+C to stop)`);
    await new Promise<void>((done) => {
      const stop = () => done();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    core.close();
    io.out('Stopped.');
    return 0;
  },
};
