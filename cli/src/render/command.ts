/**
 * `descent render`: renders a scene (a file, a chapter preset or a loss-landscape file) to MP4,
 * WebM, GIF, PNG or a PNG sequence, headlessly, with the app's own export pipeline — so a script
 * gets the same animation, frame for frame, as the Export dialog. A lesson (or one scene) can also
 * become a PowerPoint deck or a folder of clips (lesson-command.ts) or one HTML page (html.ts).
 *
 * The steps, each refusing bad input with exit code 2 before the next costs anything: parse the
 * arguments (args.ts; a landscape file is read there, landscape.ts); check with the solver that
 * every visible run can start; check that every output file can be written (node/output-files.ts);
 * find and start a browser (browser.ts, session.ts); build the browser version when it is stale
 * and serve it on 127.0.0.1; drive the page (session.ts), whose files stream into hidden temporary
 * files; rename them all into place once the whole render has succeeded. Ctrl+C or any failure
 * leaves existing files as they were and no temporary file.
 * @see ../../../renderer/src/export/automation.ts for the page side.
 */
import { join } from 'node:path';
import { checkTargets, OutputError, OutputFiles } from '../../../node/output-files.ts';
import { removeStaleTemporariesFor } from '../../../node/stale-temps.ts';
import { serve } from '../../../node/static-server.mjs';
import { UsageError } from '../args.ts';
import { RENDER_HELP } from '../help.ts';
import { ROOT } from '../root.ts';
import { outputTargets, readRenderCommand } from './args.ts';
import type { HtmlOptions, RenderOptions } from './args.ts';
import {
  CANCELLED,
  Cancelled,
  checkRuns,
  checkScenes,
  chooseBrowser,
  ensureWebBuild,
  formatBytes,
  outcomeError,
  renderFailure,
  startBrowser,
} from './common.ts';
import type { RenderIo } from './common.ts';
import { renderLesson, slideSources } from './lesson-command.ts';
import { cancelInPage, renderInPage } from './session.ts';
import type { Session } from './session.ts';

export { CANCELLED, checkRuns };
export type { RenderIo };

/** Runs `descent render`; resolves with the exit code. */
export async function render(argv: readonly string[], io: RenderIo): Promise<number> {
  // Asynchronous for a landscape file, which is read (h5wasm) before the checks that follow.
  const command = await readRenderCommand(argv);
  if (command === 'help') {
    await io.out(RENDER_HELP);
    return 0;
  }
  switch (command.mode) {
    case 'scene':
      return await renderScene(command.options, io);
    case 'lesson':
      return await renderLesson(command.options, io);
    case 'html':
      return await renderHtml(command.options, io);
  }
}

/** `-o NAME.html`: one self-contained page (html.ts) of a lesson, or of one scene. */
async function renderHtml(options: HtmlOptions, io: RenderIo): Promise<number> {
  const started = Date.now();
  await checkScenes(slideSources(options.lesson, options.source));
  for (const note of options.notes ?? []) io.err(`descent render: ${note}\n`);
  // Loaded only here: the HTML writer is its own module (html.ts).
  const { writeLessonHtml } = await import('./html.ts');
  let written: { path: string; bytes: number };
  try {
    written = await writeLessonHtml(options.lesson, options.output);
  } catch (error) {
    if (error instanceof OutputError) throw new UsageError(error.message);
    throw error;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const slides = options.lesson.slides.length;
  await io.out(
    `descent render: wrote ${written.path} (${slides} slide${slides === 1 ? '' : 's'}, ${formatBytes(written.bytes)}) from ${options.source} in ${seconds} s\n`,
  );
  return 0;
}

/** One scene to a media file (or numbered clips with --clips). */
async function renderScene(options: RenderOptions, io: RenderIo): Promise<number> {
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
  const choice = chooseBrowser(options.browser);
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
    session = await startBrowser(choice, options.browser, io);
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
    if (!outcome.ok) throw outcomeError(outcome, interrupted);
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
    return renderFailure(error, session, io);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await session?.close().catch(() => undefined);
    await server?.close();
  }
}
