/**
 * How scene and lesson files reach the app from outside: command-line arguments (Windows and
 * Linux file associations pass the path this way; `--present LESSON` also starts present mode), a second launch (forwarded to the running instance
 * through the single-instance lock, so one app owns the settings and the open files), and
 * macOS's open-file event (Finder, Dock). Files that arrive before the app is ready wait.
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { isLessonPath } from '../../shared/bridge.ts';
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

/** The switch that starts present mode with a lesson: `--present LESSON` or `--present=LESSON`. */
export const PRESENT_SWITCH = '--present';

/** What a command line asks the app to open. */
export interface LaunchRequest {
  /** Scene and lesson files, absolute, in order (the lesson to present first among lessons). */
  paths: string[];
  /** Present the first lesson among `paths` once it is open. */
  present: boolean;
}

function absolute(arg: string, cwd: string): string {
  return isAbsolute(arg) ? arg : resolve(cwd, arg);
}

/**
 * Scene and lesson files among command-line arguments (see {@link sceneArguments}; lessons end
 * in `.descent-lesson.json` or `.descent-lesson`), and whether `--present` asks to present a
 * lesson. `--present=LESSON` names the lesson to present; a bare `--present` presents the first
 * lesson given (so `--present LESSON` works either way, even if Chromium moves switches first).
 */
export function launchRequest(argv: readonly string[], cwd: string): LaunchRequest {
  const paths: string[] = [];
  let present = false;
  let presented: string | null = null;
  for (const raw of argv.slice(1)) {
    if (raw === PRESENT_SWITCH) {
      present = true;
      continue;
    }
    if (raw.startsWith(`${PRESENT_SWITCH}=`)) {
      present = true;
      const arg = argumentPath(raw.slice(PRESENT_SWITCH.length + 1));
      if (arg !== null && arg !== '' && isLessonPath(arg)) presented ??= absolute(arg, cwd);
      continue;
    }
    if (raw.startsWith('-')) continue;
    const arg = argumentPath(raw);
    if (arg === null || !(isSceneFileName(arg) || isLessonPath(arg))) continue;
    const abs = absolute(arg, cwd);
    if (!paths.includes(abs)) paths.push(abs);
  }
  if (presented !== null) {
    const rest = paths.filter((p) => p !== presented);
    const firstLesson = rest.findIndex(isLessonPath);
    rest.splice(firstLesson < 0 ? rest.length : firstLesson, 0, presented);
    return { paths: rest, present };
  }
  return { paths, present: present && paths.some(isLessonPath) };
}

type Opener = (paths: readonly string[], options: { present: boolean }) => Promise<void>;

let opener: Opener | null = null;
const waiting: LaunchRequest[] = [];

function route(request: LaunchRequest): void {
  if (request.paths.length === 0) return;
  if (opener) {
    opener(request.paths, { present: request.present }).catch((error: unknown) =>
      console.error('[launch] open failed:', error),
    );
  } else {
    waiting.push(request);
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
    const request = launchRequest(argv, workingDirectory);
    // Launching the app again without a file means "show me the app".
    if (request.paths.length === 0 && app.isReady()) targetWindow();
    route(request);
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    route({ paths: [path], present: false });
  });
  route(launchRequest(process.argv, process.cwd()));
  return true;
}

/**
 * Starts delivering files to `open` (the files module), beginning with the ones that arrived
 * while the app was starting.
 */
export function setupLaunchFiles(open: Opener): void {
  opener = open;
  // What arrived while starting goes as one batch, in arrival order.
  const early = waiting.splice(0);
  const paths: string[] = [];
  for (const request of early) for (const p of request.paths) if (!paths.includes(p)) paths.push(p);
  route({ paths, present: early.some((r) => r.present) });
}
