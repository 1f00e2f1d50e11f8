/**
 * The repository root (where package.json, node_modules and dist/web are), found from this
 * module's own location so it is right both in the sources (cli/src) and in the bundle
 * (dist/cli), which sit at different depths.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `from` that holds a package.json. */
export function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

/** The repository root of this checkout. */
export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
