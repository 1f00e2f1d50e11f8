// The bundle of the `descent` command (dist/cli): esbuild compiles cli/src and what it imports
// into a few ES modules, so a call no longer compiles TypeScript at start-up (seconds) but loads
// plain JavaScript (tens of milliseconds). Setup, `npm run build:cli` and the test run build it;
// the bin runs it when it is at least as new as every source it was built from (listed in its
// manifest), and runs the sources through tsx otherwise.
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the bundle goes, relative to the repository root. */
export const BUNDLE_DIR = join('dist', 'cli');
const MANIFEST = 'manifest.json';
/** Copied as is: Electron loads it by path (see cli/src/render/session.ts). */
const ELECTRON_MAIN = join('cli', 'src', 'render', 'electron-main.mjs');

/**
 * Modification time in ms, or null when the file is missing.
 * @param {string} path
 */
function mtimeOf(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * 'fresh' when dist/cli was built after every source it contains last changed, 'stale' when a
 * source changed (or went) since, 'missing' when there is no complete bundle.
 * @param {string} root
 * @param {(path: string) => number | null} [mtime]
 * @returns {'fresh' | 'stale' | 'missing'}
 */
export function cliBundleState(root, mtime = mtimeOf) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(root, BUNDLE_DIR, MANIFEST), 'utf8'));
  } catch {
    return 'missing';
  }
  if (typeof manifest?.builtAt !== 'number' || !Array.isArray(manifest.inputs)) return 'missing';
  for (const input of manifest.inputs) {
    const changed = mtime(join(root, input));
    if (changed === null || changed > manifest.builtAt) return 'stale';
  }
  return 'fresh';
}

/**
 * Builds dist/cli from the sources: in a hidden folder first, then swapped into place, so a
 * `descent` started meanwhile never loads half a bundle.
 * @param {string} root
 * @returns {Promise<{ ms: number, bytes: number }>}
 */
export async function buildCliBundle(root) {
  const { build } = await import('esbuild');
  // Taken before reading any source: an edit made during the build makes the result stale.
  const builtAt = Date.now();
  const dist = join(root, 'dist');
  mkdirSync(dist, { recursive: true });
  const tmp = join(dist, `.cli-${randomBytes(6).toString('hex')}.tmp`);
  try {
    const result = await build({
      absWorkingDir: root,
      entryPoints: {
        descent: join('cli', 'src', 'entry.ts'),
        // The solver's worker thread; solver.ts finds it next to itself as solver-worker.mjs.
        'solver-worker': join('cli', 'src', 'solver-worker.ts'),
      },
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
      // Flat chunk names: every module's import.meta.url then points into dist/cli itself.
      chunkNames: 'chunk-[hash]',
      bundle: true,
      // `render` (and playwright-core) load only when asked for; shared code is one chunk.
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // playwright-core finds its own files at run time; electron exists only inside Electron.
      external: ['playwright-core', 'electron'],
      // CommonJS dependencies may require() Node's built-ins, which plain ESM lacks.
      banner: {
        js: "import { createRequire as __descentCreateRequire } from 'node:module'; const require = __descentCreateRequire(import.meta.url);",
      },
      metafile: true,
      logLevel: 'silent',
    });
    copyFileSync(join(root, ELECTRON_MAIN), join(tmp, 'electron-main.mjs'));
    const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.includes('node_modules'));
    // Dependencies are bundled too: a changed lock file means a changed bundle.
    const extra = [ELECTRON_MAIN, join('node', 'cli-bundle.mjs'), 'package-lock.json'];
    for (const file of extra) if (existsSync(join(root, file))) inputs.push(file);
    writeFileSync(
      join(tmp, MANIFEST),
      JSON.stringify({ builtAt, inputs: [...new Set(inputs)].sort() }, null, 2) + '\n',
    );
    replaceFolder(tmp, join(root, BUNDLE_DIR));
    const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
    return { ms: Date.now() - builtAt, bytes };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Moves the folder `from` to `to`, replacing what is there. A build running at the same time
 * may win the race; its bundle is as fresh as ours, so ours is then dropped.
 * @param {string} from
 * @param {string} to
 */
function replaceFolder(from, to) {
  const old = `${to}.${randomBytes(6).toString('hex')}.old`;
  try {
    renameSync(to, old);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
  }
  try {
    renameSync(from, to);
  } catch {
    // Another build placed its bundle first.
  }
  rmSync(old, { recursive: true, force: true });
}

/**
 * Builds the bundle unless it is fresh; says what it did.
 * @param {string} root
 * @returns {Promise<{ state: 'fresh' | 'stale' | 'missing', ms?: number, bytes?: number }>}
 */
export async function ensureCliBundle(root) {
  const state = cliBundleState(root);
  if (state === 'fresh') return { state };
  return { state, ...(await buildCliBundle(root)) };
}

/**
 * The `main` of the `descent` command: from the bundle when it is fresh; otherwise from the
 * sources, compiled on the fly by tsx (slow but right), saying so in one line when the bundle
 * is missing (setup was skipped), or on a terminal when it is merely out of date.
 * @param {string} root
 * @param {{ state?: 'fresh' | 'stale' | 'missing', warn?: (text: string) => void, interactive?: boolean }} [options]
 * @returns {Promise<{ main: (argv: readonly string[]) => Promise<number> }>}
 */
export async function loadCli(root, options = {}) {
  const state = options.state ?? cliBundleState(root);
  if (state === 'fresh') return import(pathToFileURL(join(root, BUNDLE_DIR, 'descent.mjs')).href);
  const warn = options.warn ?? ((text) => process.stderr.write(text));
  if (state === 'missing' || (options.interactive ?? process.stderr.isTTY)) {
    const what = state === 'missing' ? 'is missing' : 'is older than the sources';
    warn(
      `descent: the built command (dist/cli) ${what}; running the sources instead, which is slower (npm run build:cli builds it).\n`,
    );
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(root, 'cli', 'src', 'entry.ts')).href);
}
