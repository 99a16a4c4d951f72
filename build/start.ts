/**
 * `npm start`: builds the app, then runs it in Electron where the Electron runtime is installed.
 * Where it is not (or it cannot start, e.g. no display), it says so in one line and serves the same
 * app on 127.0.0.1 for a browser, printing the address to open. With --data DIR or --db FILE
 * (a fresh folder, a demo database) it always serves in the browser: see below.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { desktopAppDataDir } from '../main/core/paths.ts';
import { runCli } from '../main/hosts/cli/main.ts';
import { processIo } from '../main/hosts/cli/io.ts';
import { buildAll } from './build.ts';
import { findElectronBinary } from './electron-runtime.ts';

const root = join(import.meta.dirname, '..');
const extraArgs = process.argv.slice(2);

async function runElectron(binary: string): Promise<boolean> {
  // Said out loud: the Electron window opens the installed app's own data folder, not this checkout's.
  console.log(`Starting the Electron app. Its data folder: ${desktopAppDataDir()}`);
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(binary, [join(root, 'dist', 'main', 'main.js'), ...extraArgs], { stdio: 'inherit' });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => {
      // Exiting at once with an error means it could not start here; a later exit is the user quitting.
      resolve(!(code !== 0 && Date.now() - started < 5000));
    });
  });
}

async function serveInBrowser(reason: string): Promise<number> {
  console.log(
    `${reason} Serving the same app on the loopback host instead — open the address below in a browser.`,
  );
  return runCli(['serve', ...extraArgs], processIo);
}

await buildAll();
const binary = findElectronBinary(root);
// The Electron host always opens the installed app's folder; a named database or folder (a demo, a
// fresh folder) is only honoured by the loopback host, so ask for one and that is where it opens.
const namesData = extraArgs.some((a) => /^--(data|db)(=|$)/.test(a));
if (namesData) {
  process.exitCode = await serveInBrowser(
    '--data/--db given: the Electron window opens only the installed app’s folder.',
  );
} else if (!binary) {
  process.exitCode = await serveInBrowser(
    'The Electron runtime is not installed here (node_modules/electron/dist is missing).',
  );
} else if (!(await runElectron(binary))) {
  process.exitCode = await serveInBrowser('The Electron runtime could not start here.');
}
