/**
 * `descent render`: renders a scene (a file or a chapter preset) to MP4, WebM, GIF, PNG or a
 * PNG sequence, headlessly, with the app's own export pipeline — so a script gets the same
 * animation, frame for frame, as the Export dialog.
 *
 * The steps, each refusing bad input with exit code 2 before the next costs anything: parse the
 * arguments (args.ts); check with the solver that every visible run can start; check that every
 * output file can be written (node/output-files.ts); find and start a browser (browser.ts,
 * session.ts); build the browser version when it is stale and serve it on 127.0.0.1; drive the
 * page (session.ts), whose
 * files stream into hidden temporary files; rename them all into place once the whole render has
 * succeeded. Ctrl+C or any failure leaves existing files as they were and no temporary file.
 * @see ../../../renderer/src/export/automation.ts for the page side.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Scene } from '../../../shared/scene/document.ts';
import { runLabel } from '../../../shared/scene/runName.ts';
import { checkTargets, OutputError, OutputFiles } from '../../../node/output-files.ts';
import { removeStaleTemporariesFor } from '../../../node/stale-temps.ts';
import { serve } from '../../../node/static-server.mjs';
import { listFiles, mtimeOf, webBuildIsStale } from '../../../node/web-build.mjs';
import { UsageError } from '../args.ts';
import { RENDER_HELP } from '../help.ts';
import { ROOT } from '../root.ts';
import { ask, runError, withSolver } from '../solver.ts';
import { outputTargets, parseRenderArgs } from './args.ts';
import type { RenderOptions } from './args.ts';
import { findBrowser, systemBrowserIo } from './browser.ts';
import type { BrowserChoice } from './browser.ts';
import { BrowserStartError, cancelInPage, openSession, renderInPage } from './session.ts';
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

class Cancelled extends Error {
  override readonly name = 'Cancelled';
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Refuses a scene whose visible runs cannot start (f undefined or infinite at a start point),
 * naming the run as the legend does. One step per run is enough to know.
 */
export async function checkRuns(scene: Scene, source: string): Promise<void> {
  const runs = scene.runs.filter((r) => r.visible);
  if (runs.length === 0) return;
  let result;
  try {
    result = await withSolver((client) =>
      ask(client, {
        type: 'trajectories',
        problem: scene.problem,
        domain: scene.domain,
        runs: runs.map((r) => ({
          id: r.id,
          params: r.params,
          start: r.start,
          steps: Math.min(r.steps, 1),
        })),
      }),
    );
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
async function ensureWebBuild(io: RenderIo): Promise<void> {
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

/**
 * Starts the chosen browser. When the Electron runtime was picked by itself (no --browser) and
 * will not start, a system Chromium is tried instead.
 */
async function startBrowser(
  choice: BrowserChoice,
  options: RenderOptions,
  io: RenderIo,
): Promise<Session> {
  try {
    return await openSession(choice);
  } catch (error) {
    if (choice.kind !== 'electron' || options.browser) throw error;
    const fallback = findBrowser(null, systemBrowserIo(ROOT, false));
    if (!fallback) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    io.err(`descent render: ${reason}; using ${fallback.path}.\n`);
    return await openSession(fallback);
  }
}

/** Runs `descent render`; resolves with the exit code. */
export async function render(argv: readonly string[], io: RenderIo): Promise<number> {
  const options = parseRenderArgs(argv);
  if (options === 'help') {
    await io.out(RENDER_HELP);
    return 0;
  }
  const started = Date.now();
  await checkRuns(options.scene, options.source);
  const { baseName, files: targets } = outputTargets(options);
  // Leftovers of a render that was killed outright (no chance to clean up) go first.
  await removeStaleTemporariesFor(targets.map((t) => t.path));
  try {
    await checkTargets(targets.map((t) => t.path));
  } catch (error) {
    if (error instanceof OutputError) throw new UsageError(error.message);
    throw error;
  }
  const choice = findBrowser(options.browser, systemBrowserIo(ROOT));
  if (!choice) {
    throw new UsageError(
      options.browser
        ? `No browser at ${options.browser} (not an executable file).`
        : 'No browser to render with: install Chromium or Google Chrome (or the desktop app’s Electron), or pass --browser PATH.',
    );
  }
  for (const note of options.notes) io.err(`descent render: ${note}\n`);

  const files = new OutputFiles();
  const pathOf = new Map(targets.map((t) => [t.name, t.path]));
  let server: { url: string; close: () => Promise<void> } | null = null;
  let session: Session | null = null;
  let interrupted = false;
  const onSignal = (): void => {
    if (interrupted) return;
    interrupted = true;
    if (io.isTTY) io.err('\n');
    io.err('descent render: cancelling…\n');
    if (session) void cancelInPage(session);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    // The browser starts first, so one that cannot start is reported before any build.
    session = await startBrowser(choice, options, io);
    await ensureWebBuild(io);
    server = await serve(join(ROOT, 'dist', 'web'), 0);
    if (interrupted) throw new Cancelled();
    const showProgress = io.isTTY && !options.quiet;
    const outcome = await renderInPage(
      session,
      `${server.url}?render`,
      { scene: options.scene, settings: options.settings, baseName },
      {
        sink: async (event) => {
          switch (event.op) {
            case 'open': {
              // Only the files planned (and checked) above may be written.
              const path = pathOf.get(event.name);
              if (!path || event.kind !== options.settings.kind) {
                throw new Error(`the page asked to write an unexpected file '${event.name}'`);
              }
              await files.open(event.file, path);
              break;
            }
            case 'write':
              await files.write(event.file, event.position, Buffer.from(event.data, 'base64'));
              break;
            case 'finish':
              await files.finish(event.file);
              break;
            case 'cancel':
              await files.cancel(event.file);
              break;
          }
        },
        ...(showProgress
          ? {
              progress: (p) => {
                if (p.total === 0) return;
                const pct = Math.floor((p.done / p.total) * 100);
                const eta = p.etaMs !== null ? ` · ${Math.ceil(p.etaMs / 1000)} s left` : '';
                const clip = p.clips > 1 ? ` · clip ${p.clip + 1}/${p.clips}` : '';
                io.err(`\rdescent render: frame ${p.done}/${p.total} (${pct}%)${clip}${eta}   `);
              },
            }
          : {}),
      },
    );
    if (showProgress) io.err('\n');
    if (!outcome.ok) {
      if (outcome.kind === 'canceled' || interrupted) throw new Cancelled();
      const alternatives = outcome.alternatives.length
        ? ` Alternatives: ${outcome.alternatives.join('; ')}.`
        : '';
      const message = `${outcome.message}${alternatives}`;
      if (outcome.kind === 'invalid' || outcome.kind === 'unsupported') {
        throw new UsageError(message);
      }
      throw new Error(message);
    }
    if (interrupted) throw new Cancelled();
    const written = await files.commit();
    const r = outcome.result;
    const bytes = written.reduce((n, f) => n + f.bytes, 0);
    const what =
      written.length === 1
        ? written[0]!.path
        : `${written.length} files: ${written.map((f) => f.path).join(', ')}`;
    const frames =
      options.settings.kind === 'png' ? '1 frame' : `${r.frames} frames at ${r.fps} fps`;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    await io.out(
      `descent render: wrote ${what} (${r.width}×${r.height}, ${frames}, ${r.encoder}, ${formatBytes(bytes)}) from ${options.source} in ${seconds} s with ${session.label}\n`,
    );
    return 0;
  } catch (error) {
    await files.discard();
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
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await session?.close().catch(() => undefined);
    await server?.close();
  }
}
