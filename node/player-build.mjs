// The lesson player (dist/player/index.html): one self-contained HTML page built by
// renderer/vite.player.config.ts, which `descent render LESSON -o NAME.html` fills with a lesson
// (cli/src/render/html.ts). Built when missing or older than its sources, the way dist/web is
// (web-build.mjs): in a hidden folder of its own first, then renamed into place, so two renders
// building at once never see (or leave) half a page.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, mtimeOf } from './web-build.mjs';

/** The built page, relative to the repository root. */
export const PLAYER_HTML = join('dist', 'player', 'index.html');
/** Its vite config, relative to the repository root. */
export const PLAYER_CONFIG = join('renderer', 'vite.player.config.ts');

/**
 * True when the player page is missing or older than any source it is built from (the renderer,
 * which holds its entry, page and config; shared/; package.json and the lock file).
 * @param {{ root: string, mtime: (p: string) => number | null, list: (dir: string) => string[] }} io
 */
export function playerBuildIsStale({ root, mtime, list }) {
  const built = mtime(join(root, PLAYER_HTML));
  if (built === null) return true;
  const sources = [
    join(root, 'package.json'),
    // The page carries its dependencies: an upgrade means a new page.
    join(root, 'package-lock.json'),
    ...list(join(root, 'renderer')),
    ...list(join(root, 'shared')),
  ];
  return sources.some((file) => (mtime(file) ?? 0) > built);
}

/**
 * Builds the player page with vite in a child process (node + the repository's own vite) into a
 * hidden folder under dist/, then renames it to dist/player/index.html. Rejects with vite's
 * output when the build fails; leaves no folder behind either way.
 * @param {string} root
 * @returns {Promise<string>} the page's path
 */
export async function buildPlayer(root) {
  const dist = join(root, 'dist');
  mkdirSync(dist, { recursive: true });
  const tmp = join(dist, `.player-${randomBytes(6).toString('hex')}.tmp`);
  try {
    const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    const child = spawn(
      process.execPath,
      [
        vite,
        'build',
        '--config',
        PLAYER_CONFIG,
        '--outDir',
        tmp,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d.toString()));
    child.stderr.on('data', (d) => (output += d.toString()));
    const code = await new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code !== 0) {
      throw new Error(
        `the lesson player could not be built (vite exited with ${code}):\n${output.trim()}`,
      );
    }
    const target = join(root, PLAYER_HTML);
    mkdirSync(join(root, 'dist', 'player'), { recursive: true });
    renameSync(join(tmp, 'index.html'), target);
    return target;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The player page's path, built first when it is missing or stale; `onBuild` hears when a build
 * starts (it takes seconds).
 * @param {string} root
 * @param {{ onBuild?: () => void }} [options]
 * @returns {Promise<string>}
 */
export async function ensurePlayerBuild(root, options = {}) {
  const target = join(root, PLAYER_HTML);
  if (!playerBuildIsStale({ root, mtime: mtimeOf, list: listFiles })) return target;
  options.onBuild?.();
  return buildPlayer(root);
}
