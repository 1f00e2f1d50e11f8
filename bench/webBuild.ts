/** The browser build the Chromium benchmarks serve. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

/** Where `npm run build:web` puts the build: the benchmarks' default. */
export const WEB_DIR = join(root, 'dist', 'web');

/**
 * Builds the browser app (`npm run build:web`, into dist/web) when `rebuild` is set or `dir` has
 * no build yet. The build's output goes to stderr: the benchmarks' stdout carries only their
 * Markdown tables. Throws when `dir` still has no index.html (another folder than dist/web,
 * given with --dir, is never built here).
 */
export function ensureWebBuild(dir: string, rebuild: boolean): void {
  const index = join(dir, 'index.html');
  if (rebuild || !existsSync(index)) {
    const built = spawnSync('npm', ['run', 'build:web'], { cwd: root, stdio: ['ignore', 2, 2] });
    if (built.status !== 0) throw new Error('npm run build:web failed');
  }
  if (!existsSync(index)) throw new Error(`${dir} has no browser build (no index.html)`);
}
