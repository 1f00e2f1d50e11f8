#!/usr/bin/env node
// `npm run build:cli`: bundles the `descent` command into dist/cli (see node/cli-bundle.mjs).
// It is also the test run's global setup (vitest.config.ts), so tests that start the real
// command always run the current sources, rebuilt only when they changed.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCliBundle, ensureCliBundle } from '../node/cli-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Vitest global setup: build the bundle if the sources are newer. */
export async function setup() {
  await ensureCliBundle(root);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { ms, bytes } = await buildCliBundle(root);
    console.log(
      `build:cli: built dist/cli (${(bytes / 2 ** 20).toFixed(1)} MB) in ${(ms / 1000).toFixed(1)} s.`,
    );
  } catch (error) {
    console.error(
      `build:cli: the bundle could not be built: ${error instanceof Error ? error.message : error}`,
    );
    process.exit(1);
  }
}
