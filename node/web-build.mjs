// Whether the browser build (dist/web) is older than its sources, so `npm start`, `descent
// render` and the benchmarks rebuild it before serving.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * True when dist/web is missing or older than any source it is built from.
 * @param {{ root: string, mtime: (p: string) => number | null, list: (dir: string) => string[] }} io
 */
export function webBuildIsStale({ root, mtime, list }) {
  const built = mtime(join(root, 'dist', 'web', 'index.html'));
  if (built === null) return true;
  const sources = [
    join(root, 'package.json'),
    ...list(join(root, 'renderer')),
    ...list(join(root, 'shared')),
  ];
  return sources.some((file) => (mtime(file) ?? 0) > built);
}

/** Every file below `dir` (node_modules and dot-folders skipped), or [] if it is missing. */
export function listFiles(dir) {
  /** @type {string[]} */
  const out = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}

/**
 * Modification time in ms, or null when the file is missing.
 * @param {string} path
 */
export function mtimeOf(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}
