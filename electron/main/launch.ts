/**
 * How scene files reach the app from outside: command-line arguments (Windows and Linux file
 * associations pass the path this way), a second launch (forwarded to the running instance
 * through the single-instance lock, so one app owns the settings and the open files), and
 * macOS's open-file event (Finder, Dock). Files that arrive before the app is ready wait.
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { isSceneFileName } from '../../shared/scene/document.ts';
import { targetWindow } from './windows.ts';

/**
 * The path an argument names: itself, or for a `file://` URL the path it encodes. Linux file
 * managers may pass URLs for the desktop entry's `%U`, percent-encoded (`My%20Talk`,
 * `B%C3%A9zier`). Null for any other URL (`https:`, a `file:` URL with a remote host, …).
 */
export function argumentPath(arg: string): string | null {
  if (/^file:/i.test(arg)) {
    try {
      return fileURLToPath(arg);
    } catch {
      return null;
    }
  }
  // Two letters at least before `://`, so a Windows drive (`C:\…`) stays a path.
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(arg) ? null : arg;
}

/**
 * Scene paths among command-line arguments: arguments that are not switches and end in
 * `.descent.json` or `.descent`, made absolute against `cwd`; `file://` URLs count as their paths. The
 * executable, the app path Electron puts in `argv` during development and Chromium's switches
 * are thereby skipped.
 */
export function sceneArguments(argv: readonly string[], cwd: string): string[] {
  const found: string[] = [];
  for (const raw of argv.slice(1)) {
    if (raw.startsWith('-')) continue;
    const arg = argumentPath(raw);
    if (arg === null || !isSceneFileName(arg)) continue;
    const abs = isAbsolute(arg) ? arg : resolve(cwd, arg);
    if (!found.includes(abs)) found.push(abs);
  }
  return found;
}

type Opener = (paths: readonly string[]) => Promise<void>;

let opener: Opener | null = null;
const waiting: string[] = [];

function route(paths: readonly string[]): void {
  if (paths.length === 0) return;
  if (opener) {
    opener(paths).catch((error: unknown) => console.error('[launch] open failed:', error));
  } else {
    waiting.push(...paths);
  }
}

/**
 * Takes the single-instance lock. Returns false in a second instance, which hands its
 * arguments to the first (Electron delivers them as `second-instance` there) and quits.
 * Must run before `ready` so macOS open-file events at launch are caught.
 */
export function setupSingleInstance(): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const paths = sceneArguments(argv, workingDirectory);
    // Launching the app again without a file means "show me the app".
    if (paths.length === 0 && app.isReady()) targetWindow();
    route(paths);
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    route([path]);
  });
  route(sceneArguments(process.argv, process.cwd()));
  return true;
}

/**
 * Starts delivering files to `open` (the files module), beginning with the ones that arrived
 * while the app was starting.
 */
export function setupLaunchFiles(open: Opener): void {
  opener = open;
  route(waiting.splice(0));
}
