/**
 * `descent render LESSON -o NAME.pptx` and `-o DIR/`: every beat of every slide (lesson.ts) is
 * rendered as an H.264 MP4 by the app's own export pipeline, all in one browser and one page
 * load (batch.ts). A deck also gets each beat's first frame as a PNG (the video's cover) and is
 * put together by shared/lesson/deck.ts; a folder gets one numbered MP4 per beat and titles.txt.
 *
 * As for one scene (command.ts): bad input is refused with exit code 2 before anything starts;
 * every file goes through a hidden temporary file and all are renamed into place only once the
 * whole lesson has rendered (node/output-files.ts); Ctrl+C or a failure leaves pre-existing
 * files as they were and no temporary file (and removes the folder of clips if it made it).
 */
import { existsSync } from 'node:fs';
import { mkdir, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SinkEvent } from '../../../shared/export/automation.ts';
import type { ExportKind, ExportSettings } from '../../../shared/export/settings.ts';
import type { ExportResult } from '../../../shared/export/report.ts';
import { buildDeck } from '../../../shared/lesson/deck.ts';
import type { DeckSlide } from '../../../shared/lesson/deck.ts';
import type { Lesson } from '../../../shared/lesson/document.ts';
import { checkTargets, OutputError, OutputFiles } from '../../../node/output-files.ts';
import { removeStaleTemporariesFor } from '../../../node/stale-temps.ts';
import { serve } from '../../../node/static-server.mjs';
import { UsageError } from '../args.ts';
import { ROOT } from '../root.ts';
import type { LessonOptions } from './args.ts';
import { openRenderPage } from './batch.ts';
import type { RenderPage } from './batch.ts';
import {
  Cancelled,
  checkScenes,
  chooseBrowser,
  ensureWebBuild,
  formatBytes,
  outcomeError,
  renderFailure,
  startBrowser,
} from './common.ts';
import type { RenderIo } from './common.ts';
import {
  clipSettings,
  planLesson,
  posterSettings,
  titlesText,
} from '../../../shared/lesson/plan.ts';
import type { BeatPlan } from '../../../shared/lesson/plan.ts';
import { cancelInPage } from './session.ts';
import type { Driver, Session } from './session.ts';

/** Each slide's scene with the words that name it in a message. */
export function slideSources(
  lesson: Lesson,
  source: string,
): { scene: Lesson['slides'][number]['scene']; source: string }[] {
  return lesson.slides.map((slide, i) => ({
    scene: slide.scene,
    source:
      lesson.slides.length === 1
        ? source
        : `slide ${i + 1}${slide.title ? ` (“${slide.title}”)` : ''} of ${source}`,
  }));
}

/** The name of `titles.txt` in a folder of clips. */
export const TITLES_FILE = 'titles.txt';

/** Bytes written at positions, put together once the file is finished. */
class MemoryFile {
  private parts: { at: number; data: Buffer }[] = [];
  private end = 0;

  write(position: number | null, data: Buffer): void {
    const at = position ?? this.end;
    this.parts.push({ at, data });
    this.end = Math.max(this.end, at + data.byteLength);
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.end);
    for (const { at, data } of this.parts) out.set(data, at);
    return out;
  }
}

/** Where a page's file goes: into memory, or through the output files to `path`. */
type Destination = { to: 'memory'; file: MemoryFile } | { to: 'disk'; path: string };

/**
 * A sink for one render that expects exactly the file `name` of `kind`; `ids` hands out the
 * output files' ids (the page numbers its files from 0 in every render).
 */
function sinkFor(
  name: string,
  kind: ExportKind,
  destination: Destination,
  files: OutputFiles,
  ids: { next: number },
): Driver['sink'] {
  const own = new Map<number, number>();
  return async (event: SinkEvent) => {
    if (event.op === 'open') {
      if (event.name !== name || event.kind !== kind || own.size > 0) {
        throw new Error(`the page asked to write an unexpected file '${event.name}'`);
      }
      const id = ids.next++;
      own.set(event.file, id);
      if (destination.to === 'disk') await files.open(id, destination.path);
      return;
    }
    const id = own.get(event.file);
    if (id === undefined) throw new Error(`the page wrote to a file it never opened`);
    if (destination.to === 'memory') {
      if (event.op === 'write') {
        destination.file.write(event.position, Buffer.from(event.data, 'base64'));
      }
      return;
    }
    switch (event.op) {
      case 'write':
        await files.write(id, event.position, Buffer.from(event.data, 'base64'));
        break;
      case 'finish':
        await files.finish(id);
        break;
      case 'cancel':
        await files.cancel(id);
        break;
    }
  };
}

/** Runs a lesson render; resolves with the exit code. */
export async function renderLesson(options: LessonOptions, io: RenderIo): Promise<number> {
  const started = Date.now();
  const { lesson, settings } = options;
  const plan = planLesson(lesson);
  const folder = options.format === 'folder';
  await checkScenes(slideSources(lesson, options.source));
  const targets = folder
    ? [...plan.map((b) => join(options.output, b.fileName)), join(options.output, TITLES_FILE)]
    : [options.output];
  const choice = chooseBrowser(options.browser);

  // The folder of clips is made now (all input is checked) and removed again on failure.
  let madeFolder = false;
  if (folder && !existsSync(options.output)) {
    try {
      await mkdir(options.output);
      madeFolder = true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new UsageError(`Cannot make the folder ${options.output} (${code}).`);
    }
  }
  const removeFolder = async (): Promise<void> => {
    if (madeFolder) await rmdir(options.output).catch(() => undefined);
  };
  try {
    // Leftovers of a render that was killed outright (no chance to clean up) go first.
    await removeStaleTemporariesFor(targets);
    await checkTargets(targets);
  } catch (error) {
    await removeFolder();
    if (error instanceof OutputError) throw new UsageError(error.message);
    throw error;
  }
  for (const note of options.notes) io.err(`descent render: ${note}\n`);

  const showProgress = io.isTTY && !options.quiet;
  /** A progress line is on the terminal, waiting for its end of line. */
  let lineOpen = false;
  const endLine = (): void => {
    if (lineOpen) io.err('\n');
    lineOpen = false;
  };
  const files = new OutputFiles();
  const ids = { next: 0 };
  let server: { url: string; close: () => Promise<void> } | null = null;
  let session: Session | null = null;
  let interrupted = false;
  const onSignal = (): void => {
    if (interrupted) return;
    interrupted = true;
    endLine();
    io.err('descent render: cancelling…\n');
    if (session) void cancelInPage(session);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  /** Renders one file of a beat (its clip or its poster) to `destination`. */
  const renderOne = async (
    page: RenderPage,
    beat: BeatPlan,
    fileSettings: ExportSettings,
    destination: Destination,
  ): Promise<ExportResult> => {
    if (interrupted) throw new Cancelled();
    const baseName = `beat-${beat.number}`;
    const kind = fileSettings.kind;
    const where = `Slide ${beat.slideIndex + 1} (“${beat.slide.title}”), beat ${beat.beatIndex + 1}: `;
    const outcome = await page.render(
      { scene: beat.slide.scene, settings: fileSettings, baseName },
      {
        sink: sinkFor(`${baseName}.${kind}`, kind, destination, files, ids),
        ...(showProgress && kind === 'mp4'
          ? {
              progress: (p) => {
                if (p.total === 0) return;
                const pct = Math.floor((p.done / p.total) * 100);
                lineOpen = true;
                io.err(
                  `\rdescent render: slide ${beat.slideIndex + 1}/${beat.slideCount} · beat ${beat.beatIndex + 1}/${beat.beatCount} · frame ${p.done}/${p.total} (${pct}%) · clip ${beat.number}/${plan.length}   `,
                );
              },
            }
          : {}),
      },
    );
    if (!outcome.ok) throw outcomeError(outcome, interrupted, where);
    if (interrupted) throw new Cancelled();
    return outcome.result;
  };

  try {
    // The browser starts first, so one that cannot start is reported before any build.
    session = await startBrowser(choice, options.browser, io);
    await ensureWebBuild(io);
    server = await serve(join(ROOT, 'dist', 'web'), 0);
    if (interrupted) throw new Cancelled();
    const page = await openRenderPage(session, `${server.url}?render`);
    const slides: DeckSlide[] = [];
    let first: ExportResult | null = null;
    let frames = 0;
    for (const beat of plan) {
      const clip = clipSettings(settings, beat);
      if (folder) {
        const path = join(options.output, beat.fileName);
        const r = await renderOne(page, beat, clip, { to: 'disk', path });
        first ??= r;
        frames += r.frames;
      } else {
        const video = new MemoryFile();
        const r = await renderOne(page, beat, clip, { to: 'memory', file: video });
        first ??= r;
        frames += r.frames;
        const poster = new MemoryFile();
        await renderOne(page, beat, posterSettings(settings, beat), {
          to: 'memory',
          file: poster,
        });
        slides.push({
          title: beat.title,
          notes: beat.notes,
          video: video.bytes(),
          poster: poster.bytes(),
        });
      }
    }
    endLine();

    const id = ids.next++;
    if (folder) {
      await files.open(id, join(options.output, TITLES_FILE));
      await files.write(id, 0, Buffer.from(titlesText(lesson, plan), 'utf8'));
    } else {
      const bytes = await buildDeck({
        title: lesson.title,
        width: settings.width,
        height: settings.height,
        slides,
      });
      await files.open(id, options.output);
      await files.write(id, 0, bytes);
    }
    await files.finish(id);
    if (interrupted) throw new Cancelled();
    const written = await files.commit();
    const bytes = written.reduce((n, f) => n + f.bytes, 0);
    const what = folder
      ? `${plan.length} clips and ${TITLES_FILE} to ${join(options.output, '/')}`
      : `${options.output} (${plan.length} slide${plan.length === 1 ? '' : 's'})`;
    const encoder = first ? `, ${first.encoder}` : '';
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    await io.out(
      `descent render: wrote ${what} from ${lesson.slides.length} lesson slide${lesson.slides.length === 1 ? '' : 's'} (${settings.width}×${settings.height}, ${frames} frames at ${settings.fps} fps${encoder}, ${formatBytes(bytes)}) from ${options.source} in ${seconds} s with ${session.label}\n`,
    );
    return 0;
  } catch (error) {
    endLine();
    await files.discard();
    await removeFolder();
    return renderFailure(error, session, io);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await session?.close().catch(() => undefined);
    await server?.close();
  }
}
