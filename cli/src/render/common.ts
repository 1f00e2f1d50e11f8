/**
 * What the two kinds of `descent render` share: the scene render of command.ts and the lesson
 * render of lesson-command.ts both check runs with the solver, find and start one browser,
 * build and serve the browser version, and turn the page's failures into messages.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { SolverClient } from '../../../shared/client.ts';
import type { RenderOutcome } from '../../../shared/export/report.ts';
import type { Scene } from '../../../shared/scene/document.ts';
import { runLabel } from '../../../shared/scene/runName.ts';
import { listFiles, mtimeOf, webBuildIsStale } from '../../../node/web-build.mjs';
import { OutputError } from '../../../node/output-files.ts';
import { UsageError } from '../args.ts';
import { ROOT } from '../root.ts';
import { ask, runError, withSolver } from '../solver.ts';
import { findBrowser, systemBrowserIo } from './browser.ts';
import type { BrowserChoice } from './browser.ts';
import { BrowserStartError, openSession } from './session.ts';
import type { Session } from './session.ts';

/** Output of the command (injectable for tests). */
export interface RenderIo {
  out: (text: string) => void | Promise<void>;
  err: (text: string) => void;
  /** Progress goes to stderr on a terminal only. */
  isTTY: boolean;
}

/** Exit code for a cancelled render (the shell's for SIGINT). */
export const CANCELLED = 130;

export class Cancelled extends Error {
  override readonly name = 'Cancelled';
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Refuses a scene whose visible runs cannot start (f undefined or infinite at a start point),
 * naming the run as the legend does. One step per run is enough to know.
 */
export async function checkRuns(scene: Scene, source: string): Promise<void> {
  await checkScenes([{ scene, source }]);
}

/** {@link checkRuns} for several scenes (a lesson's slides), with one solver worker. */
export async function checkScenes(
  scenes: readonly { scene: Scene; source: string }[],
): Promise<void> {
  const todo = scenes.filter(({ scene }) => scene.runs.some((r) => r.visible));
  if (todo.length === 0) return;
  await withSolver(async (client) => {
    for (const { scene, source } of todo) await checkWith(client, scene, source);
  });
}

async function checkWith(client: SolverClient, scene: Scene, source: string): Promise<void> {
  const runs = scene.runs.filter((r) => r.visible);
  let result;
  try {
    result = await ask(client, {
      type: 'trajectories',
      problem: scene.problem,
      domain: scene.domain,
      runs: runs.map((r) => ({
        id: r.id,
        params: r.params,
        start: r.start,
        steps: Math.min(r.steps, 1),
      })),
    });
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${source}: ${error.message}`);
    throw error;
  }
  for (const t of result.trajectories) {
    if (t.error === null) continue;
    const run = runs.find((r) => r.id === t.id);
    const label = run ? runLabel(run).trim() : '';
    const name = `'${label || t.id}'`;
    throw new UsageError(`Run ${name} of ${source} cannot start: ${runError(t.error, t.id)}`);
  }
}

/** Builds dist/web when it is missing or older than its sources. */
export async function ensureWebBuild(io: RenderIo): Promise<void> {
  if (!webBuildIsStale({ root: ROOT, mtime: mtimeOf, list: listFiles })) return;
  io.err('descent render: building the browser version (dist/web)…\n');
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  // Asynchronous: the browser is already up and its connection must keep being served.
  const child = spawn(
    process.execPath,
    [vite, 'build', '--config', join('renderer', 'vite.config.ts')],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) {
    io.err(output);
    throw new Error('the browser build failed (see above)');
  }
}

/** The browser to render with, or a usage error saying why there is none. */
export function chooseBrowser(requested: string | null): BrowserChoice {
  const choice = findBrowser(requested, systemBrowserIo(ROOT));
  if (!choice) {
    throw new UsageError(
      requested
        ? `No browser at ${requested} (not an executable file).`
        : 'No browser to render with: install Chromium or Google Chrome (or the desktop app’s Electron), or pass --browser PATH.',
    );
  }
  return choice;
}

/**
 * Starts the chosen browser. When the Electron runtime was picked by itself (no --browser) and
 * will not start, a system Chromium is tried instead.
 */
export async function startBrowser(
  choice: BrowserChoice,
  requested: string | null,
  io: RenderIo,
): Promise<Session> {
  try {
    return await openSession(choice);
  } catch (error) {
    if (choice.kind !== 'electron' || requested) throw error;
    const fallback = findBrowser(null, systemBrowserIo(ROOT, false));
    if (!fallback) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    io.err(`descent render: ${reason}; using ${fallback.path}.\n`);
    return await openSession(fallback);
  }
}

/**
 * The error for a render the page did not complete: Cancelled, a usage error (bad settings, no
 * encoder for them: exit 2) or a failure (exit 1).
 */
export function outcomeError(
  outcome: Extract<RenderOutcome, { ok: false }>,
  interrupted: boolean,
  prefix = '',
): Error {
  if (outcome.kind === 'canceled' || interrupted) return new Cancelled();
  const alternatives = outcome.alternatives.length
    ? ` Alternatives: ${outcome.alternatives.join('; ')}.`
    : '';
  const message = `${prefix}${outcome.message}${alternatives}`;
  if (outcome.kind === 'invalid' || outcome.kind === 'unsupported') {
    return new UsageError(message);
  }
  return new Error(message);
}

/**
 * What a failed render ends with, once its files are discarded: the cancel exit code (after
 * saying nothing was written), a usage error (exit 2) for bad output paths or a browser that
 * will not start, or the error itself, with the page's first error when it reported one.
 */
export function renderFailure(error: unknown, session: Session | null, io: RenderIo): number {
  if (error instanceof Cancelled) {
    io.err('descent render: cancelled; nothing was written.\n');
    return CANCELLED;
  }
  if (error instanceof OutputError || error instanceof BrowserStartError) {
    throw new UsageError(error.message);
  }
  const pageErrors = session?.pageErrors ?? [];
  if (pageErrors.length > 0 && !(error instanceof UsageError)) {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)} (page: ${pageErrors[0]})`,
    );
  }
  throw error;
}
