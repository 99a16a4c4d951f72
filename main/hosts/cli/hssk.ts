#!/usr/bin/env node
// The `hssk` command (package.json "bin"). Runs TypeScript directly on the project's Node 24.
import { runCli } from './main.ts';
import { processIo } from './io.ts';

process.exitCode = await runCli(process.argv.slice(2), processIo);
