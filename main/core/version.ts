import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sourceRoot } from './paths.ts';

function readVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(sourceRoot, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return '0.0.0';
  }
}

/** Bundled builds replace this at build time; from source it comes from package.json. */
export const APP_VERSION: string = typeof __HSSK_VERSION__ === 'string' ? __HSSK_VERSION__ : readVersion();

declare const __HSSK_VERSION__: string | undefined;
