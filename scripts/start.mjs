#!/usr/bin/env node
// `npm start`: opens the desktop app when the Electron binary is installed; where it is not
// (it could not be downloaded, see scripts/setup.mjs), says so in one line and serves the
// browser build on 127.0.0.1 instead, opening it in the default browser when there is a
// display. The decisions are exported functions with their inputs passed in, so
// scripts/start.test.ts checks every branch without Electron, a browser or a build.
//
//   npm start [-- [--browser | --desktop] [--dev] [--no-open] [--port N] [--present LESSON] [scene.descent.json …]]
//
// `--present LESSON` opens a `.descent-lesson.json` file in present mode: the desktop app gets
// `--present=<path>` on its command line; the browser build is opened with `?present=` naming
// the fixed path at which the local server serves that one file.
//
// Exit codes: 0 done (or Ctrl+C while serving), 1 the app or the build failed, 2 bad arguments.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../node/electron-binary.mjs';
import { createStaticServer, serve } from '../node/static-server.mjs';
import { listFiles, mtimeOf, webBuildIsStale } from '../node/web-build.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export const USAGE =
  'usage: npm start [-- [--browser | --desktop] [--dev] [--no-open] [--port N] [--present LESSON] [scene.descent.json …]]';

/** Where the local server serves the lesson `--present` names (browser build). */
export const PRESENT_LESSON_PATH = '/present/lesson.descent-lesson.json';

/** Lesson file extensions (shared/bridge.ts LESSON_EXTENSIONS). */
const LESSON_EXTENSIONS = ['.descent-lesson.json', '.descent-lesson'];

/**
 * Whether `name` is a lesson file name.
 * @param {string} name
 */
export function isLessonFile(name) {
  const lower = name.toLowerCase();
  return LESSON_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/**
 * The browser build's address that presents the served lesson.
 * @param {string} serverUrl
 */
export function presentUrl(serverUrl) {
  const url = new URL(serverUrl);
  url.search = new URLSearchParams({ present: PRESENT_LESSON_PATH }).toString();
  return url.href;
}

/**
 * Parses the arguments after `npm start --`.
 * @param {readonly string[]} argv
 */
export function parseStartArgs(argv) {
  /** @type {{ mode: 'auto' | 'browser' | 'desktop', dev: boolean, open: boolean, port: number, files: string[], present?: string }} */
  const options = { mode: 'auto', dev: false, open: true, port: 0, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--browser') options.mode = 'browser';
    else if (arg === '--desktop') options.mode = 'desktop';
    else if (arg === '--dev') options.dev = true;
    else if (arg === '--no-open') options.open = false;
    else if (arg === '--help' || arg === '-h') return { help: true };
    else if (arg === '--port') {
      const port = Number(argv[++i]);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        return { error: `--port needs a port number (0–65535), got '${argv[i] ?? ''}'.` };
      }
      options.port = port;
    } else if (arg === '--present' || arg.startsWith('--present=')) {
      const lesson = arg === '--present' ? argv[++i] : arg.slice('--present='.length);
      if (!lesson || lesson.startsWith('-') || !isLessonFile(lesson)) {
        return {
          error: `--present needs a lesson file (.descent-lesson.json), got '${lesson ?? ''}'.`,
        };
      }
      options.present = lesson;
    } else if (arg.startsWith('-')) return { error: `unknown option '${arg}'.` };
    else options.files.push(arg);
  }
  return { options };
}

/** The one line printed when the desktop app cannot start here. */
export const NO_ELECTRON_NOTICE =
  'The Electron binary is not installed here (it could not be downloaded), so the desktop app cannot start; serving the browser build instead.';

/**
 * What `npm start` does.
 * @param {{ mode: 'auto' | 'browser' | 'desktop' }} options
 * @param {string | null} binary
 * @returns {{ kind: 'desktop' } | { kind: 'browser', notice: string | null } | { kind: 'fail', message: string, code: number }}
 */
export function decideStart(options, binary) {
  if (options.mode === 'browser') return { kind: 'browser', notice: null };
  if (binary) return { kind: 'desktop' };
  if (options.mode === 'desktop') {
    return {
      kind: 'fail',
      message:
        'The Electron binary is not installed, so the desktop app cannot start. On a machine that can reach GitHub, run `node scripts/setup.mjs`.',
      code: 1,
    };
  }
  return { kind: 'browser', notice: NO_ELECTRON_NOTICE };
}

/**
 * Whether a browser window can be shown: always on macOS and Windows; on Linux and the BSDs
 * only with an X11 or Wayland display. BROWSER=none (the usual convention) turns it off.
 * @param {string} platform
 * @param {Record<string, string | undefined>} env
 */
export function canOpenBrowser(platform, env) {
  if (env.BROWSER === 'none') return false;
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * The system command that opens `url` in the default browser.
 * @param {string} platform
 * @param {string} url
 * @returns {[string, string[]]}
 */
export function browserCommand(platform, url) {
  if (platform === 'darwin') return ['open', [url]];
  // `start` is a cmd built-in; its first quoted argument is a window title.
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return ['xdg-open', [url]];
}

/** Real side effects; tests pass their own. */
export function defaultDeps() {
  return {
    root: ROOT,
    env: process.env,
    platform: process.platform,
    cwd: process.cwd(),
    log: (/** @type {string} */ line) => console.log(line),
    error: (/** @type {string} */ line) => console.error(line),
    exists: existsSync,
    readText: (/** @type {string} */ p) => readFileSync(p, 'utf8'),
    mtime: mtimeOf,
    list: listFiles,
    /** Runs a command with inherited output and returns its exit status. */
    run: (
      /** @type {string} */ cmd,
      /** @type {string[]} */ args,
      /** @type {Record<string, string>} */ env = {},
    ) => {
      const result = spawnSync(cmd, args, {
        cwd: ROOT,
        stdio: 'inherit',
        env: { ...process.env, ...env },
        shell: process.platform === 'win32' && cmd.endsWith('.cmd'),
      });
      return result.status ?? 1;
    },
    /** Serves `dir`, and with `lesson` that file at {@link PRESENT_LESSON_PATH} too. */
    serve: (
      /** @type {string} */ dir,
      /** @type {number} */ port,
      /** @type {string | null} */ lesson = null,
    ) => (lesson ? serveWithLesson(dir, port, lesson) : serve(dir, port)),
    /** Opens a URL in the default browser; never throws, never waits. */
    openUrl: (/** @type {string} */ url) => {
      const [cmd, args] = browserCommand(process.platform, url);
      try {
        const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
        child.on('error', () => undefined);
        child.unref();
      } catch {
        // No opener installed: the printed URL is enough.
      }
    },
  };
}

/**
 * A request listener that answers {@link PRESENT_LESSON_PATH} with the lesson file (read on
 * each request, so edits show on reload) and hands every other request to `fallback`.
 * @param {string} lessonPath
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void} fallback
 */
export function presentLessonHandler(lessonPath, fallback) {
  return (
    /** @type {import('node:http').IncomingMessage} */ req,
    /** @type {import('node:http').ServerResponse} */ res,
  ) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== PRESENT_LESSON_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) {
      fallback(req, res);
      return;
    }
    readFile(lessonPath).then(
      (body) => {
        res.writeHead(200, {
          'Content-Type': 'application/json; charset=utf-8',
          'Cache-Control': 'no-cache',
          'X-Content-Type-Options': 'nosniff',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => res.writeHead(404).end(),
    );
  };
}

/**
 * As static-server.mjs's `serve`, with the one lesson file `--present` names served at
 * {@link PRESENT_LESSON_PATH} (same origin as the page, so its CSP lets it fetch it).
 * @param {string} dir
 * @param {number} port
 * @param {string} lessonPath
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function serveWithLesson(dir, port, lessonPath) {
  const server = createStaticServer(dir);
  const [files] = /** @type {Array<(req: any, res: any) => void>} */ (server.listeners('request'));
  server.removeAllListeners('request');
  server.on(
    'request',
    presentLessonHandler(lessonPath, (req, res) => files?.(req, res)),
  );
  return new Promise((resolveServe, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolveServe({
        url: `http://127.0.0.1:${actual}/`,
        close: () => new Promise((done) => server.close(() => done(undefined))),
      });
    });
  });
}

/**
 * Runs `npm start`. Resolves with an exit code, or null while the browser build is being
 * served (the open server keeps the process alive until Ctrl+C).
 * @param {readonly string[]} argv
 * @param {ReturnType<typeof defaultDeps>} deps
 * @returns {Promise<number | null>}
 */
export async function main(argv, deps) {
  const parsed = parseStartArgs(argv);
  if ('help' in parsed) {
    deps.log(USAGE);
    return 0;
  }
  if ('error' in parsed) {
    deps.error(`npm start: ${parsed.error}`);
    deps.error(USAGE);
    return 2;
  }
  const { options } = parsed;
  const present = options.present === undefined ? null : resolve(deps.cwd, options.present);
  if (present !== null && !deps.exists(present)) {
    deps.error(`npm start: the lesson to present does not exist: ${present}`);
    return 2;
  }
  const binary = findElectronBinary(deps);
  const decision = decideStart(options, binary);

  if (decision.kind === 'fail') {
    deps.error(`npm start: ${decision.message}`);
    return decision.code;
  }

  if (decision.kind === 'desktop') {
    // electron-vite builds main, preload and renderer into out/ (a complete app with its own
    // package.json) and starts Electron on it; `dev` also serves the renderer with hot reload.
    const files = options.files.map((f) => resolve(deps.cwd, f));
    // One argument, so nothing can come between the switch and its lesson.
    if (present !== null) files.push(`--present=${present}`);
    const cli = join(deps.root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    return deps.run(process.execPath, [cli, options.dev ? 'dev' : 'preview'], {
      ELECTRON_ENTRY: 'out',
      ELECTRON_EXEC_PATH: /** @type {string} */ (binary),
      ELECTRON_CLI_ARGS: JSON.stringify(files),
    });
  }

  if (decision.notice) deps.log(decision.notice);
  if (options.files.length > 0) {
    deps.log(
      '(Scene files on the command line open only in the desktop app; use Open in the page.)',
    );
  }
  if (webBuildIsStale(deps)) {
    deps.log('Building the browser version (npm run build:web)…');
    const npm = deps.platform === 'win32' ? 'npm.cmd' : 'npm';
    const status = deps.run(npm, ['run', 'build:web']);
    if (status !== 0) {
      deps.error('npm start: the browser build failed (see above); nothing to serve.');
      return 1;
    }
  }
  let server;
  try {
    const dir = join(deps.root, 'dist', 'web');
    server = await (present === null
      ? deps.serve(dir, options.port)
      : deps.serve(dir, options.port, present));
  } catch (error) {
    deps.error(
      `npm start: could not start the local server: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  const url = present === null ? server.url : presentUrl(server.url);
  deps.log(`Descent Studio (browser build) is at ${url}  (Ctrl+C stops it)`);
  if (present !== null) {
    deps.log(
      `Presenting ${present}. The browser may keep the page out of full screen until you click it; press F to try again.`,
    );
  }
  if (options.open && canOpenBrowser(deps.platform, deps.env)) deps.openUrl(url);
  return null;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2), defaultDeps()).then(
    (code) => {
      if (code !== null) process.exit(code);
      process.on('SIGINT', () => process.exit(0));
      process.on('SIGTERM', () => process.exit(0));
    },
    (error) => {
      console.error(`npm start: ${error instanceof Error ? error.stack : String(error)}`);
      process.exit(1);
    },
  );
}
