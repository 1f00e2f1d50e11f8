/**
 * File ▸ Export Lesson: every beat of every slide of the open lesson (shared/lesson/plan.ts) is
 * rendered by the app's own export pipeline as an H.264 MP4 over the beat's step range (a still
 * beat is its one frame held), then put together in the page as ONE file: a PowerPoint deck (each
 * clip with its first frame as a PNG cover, shared/lesson/deck.ts) or a .zip of the numbered clips and
 * titles.txt. The same plan as `descent render LESSON`. The third form renders nothing: the
 * lesson player page that ships with the app is filled with the lesson (shared/lesson/page.ts),
 * one HTML file that plays it live, the same file as `descent render LESSON -o lesson.html`.
 *
 * Each slide's scene is put in the editor while its beats render (as present mode does) and the
 * editing state (scene, undo history, saved mark, edited slide, playhead) is put back exactly
 * afterwards, however the export ends.
 *
 * Nothing is written until every byte is ready: the file goes through one sink (a download in a
 * browser, the save dialog in the desktop app) only at the end, so Cancel or a failure leaves
 * every file as it was.
 */
import { zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { bridge } from '../platform/bridge.ts';
import { safeBaseName } from '../../../shared/export/names.ts';
import type { ExportProgress } from '../../../shared/export/report.ts';
import { defaultExportSettings, SIZE_PRESETS } from '../../../shared/export/settings.ts';
import type { ExportKind, ExportSettings, SizePreset } from '../../../shared/export/settings.ts';
import type { Deck, DeckSlide } from '../../../shared/lesson/deck.ts';
import type { Lesson } from '../../../shared/lesson/document.ts';
import { lessonPage, PLAYER_FILE } from '../../../shared/lesson/page.ts';
import {
  clipSettings,
  planLesson,
  posterSettings,
  titlesText,
} from '../../../shared/lesson/plan.ts';
import type { BeatPlan } from '../../../shared/lesson/plan.ts';
import { timelineEnd } from '../../../shared/scene/document.ts';
import { appStore } from '../store/hooks.ts';
import { clampPosition } from '../store/timeline.ts';
import type { AppStore } from '../store/types.ts';
import { bridgeSinks, downloadBytes, MemorySink } from './sinks.ts';
import type { ByteSink, SinkFactory } from './sinks.ts';

/**
 * What the export writes: a PowerPoint deck, a .zip of the numbered clips and titles.txt, or one
 * interactive HTML page.
 */
export type LessonExportFormat = 'pptx' | 'clips' | 'html';

/** The sizes offered: 720p (the default), 1080p, and a small one for quick drafts. */
export const LESSON_SIZES: readonly SizePreset[] = ['720p', '1080p', '360p'].map((id) =>
  SIZE_PRESETS.find((p) => p.id === id)!,
);

/** Frame rates offered (30 the default). */
export const LESSON_FPS = [24, 25, 30, 60] as const;

/** The dialog's choices. */
export interface LessonExportOptions {
  format: LessonExportFormat;
  width: number;
  height: number;
  fps: number;
}

export function defaultLessonExportOptions(): LessonExportOptions {
  return { format: 'pptx', width: 1280, height: 720, fps: 30 };
}

/** The name `titles.txt` has in a .zip of clips. */
export const TITLES_FILE = 'titles.txt';

/** The settings every beat's clip starts from (shared/lesson/plan.ts clipSettings narrows them). */
export function lessonBaseSettings(options: LessonExportOptions): ExportSettings {
  return {
    ...defaultExportSettings(),
    kind: 'mp4',
    width: options.width,
    height: options.height,
    fps: options.fps,
  };
}

/** The suggested file name: the lesson's title, `.pptx`, `-clips.zip` or `.html`. */
export function lessonFileName(lesson: Lesson, format: LessonExportFormat): string {
  const base = safeBaseName(lesson.title) || 'lesson';
  if (format === 'clips') return `${base}-clips.zip`;
  return `${base}.${format}`;
}

/** Where a lesson export is. */
export interface LessonExportProgress {
  phase: 'rendering' | 'building' | 'saving';
  /** The beat being rendered (1-based numbers), or the last one. */
  slide: number;
  slides: number;
  beat: number;
  beats: number;
  /** Clip `clip` of `clips` over the whole lesson. */
  clip: number;
  clips: number;
  /** 0…1 over the whole export. */
  fraction: number;
}

/** "slide 3/27 · beat 1/2", then what happens after the clips. */
export function progressLabel(p: LessonExportProgress): string {
  if (p.phase === 'building') return `Putting ${p.clips} clip${p.clips === 1 ? '' : 's'} together…`;
  if (p.phase === 'saving') return 'Saving…';
  return `slide ${p.slide}/${p.slides} · beat ${p.beat}/${p.beats}`;
}

/** One rendered beat: its clip, and its first frame as a PNG (decks only). */
export interface RenderedBeat {
  video: Uint8Array;
  poster: Uint8Array | null;
}

/** The deck's slides: one per beat, with the beat's title and the slide's notes. */
export function deckSlides(
  plan: readonly BeatPlan[],
  rendered: readonly RenderedBeat[],
): DeckSlide[] {
  if (rendered.length !== plan.length) throw new Error('a clip per beat is missing');
  return plan.map((beat, i) => {
    const r = rendered[i]!;
    if (!r.poster) throw new Error(`beat ${beat.number} has no cover picture`);
    return { title: beat.title, notes: beat.notes, video: r.video, poster: r.poster };
  });
}

/** The deck of a rendered lesson. */
export function lessonDeck(
  lesson: Lesson,
  options: LessonExportOptions,
  plan: readonly BeatPlan[],
  rendered: readonly RenderedBeat[],
): Deck {
  return {
    title: lesson.title,
    width: options.width,
    height: options.height,
    slides: deckSlides(plan, rendered),
  };
}

/** The .zip of a rendered lesson: the numbered clips (stored, MP4 does not shrink) and titles.txt. */
export function clipsZip(
  lesson: Lesson,
  plan: readonly BeatPlan[],
  rendered: readonly RenderedBeat[],
): Uint8Array<ArrayBuffer> {
  if (rendered.length !== plan.length) throw new Error('a clip per beat is missing');
  const files: Zippable = {};
  plan.forEach((beat, i) => {
    files[beat.fileName] = [rendered[i]!.video, { level: 0 }];
  });
  files[TITLES_FILE] = new TextEncoder().encode(titlesText(lesson, plan));
  return zipSync(files, { level: 6 }) as Uint8Array<ArrayBuffer>;
}

/** Runs one export of the pipeline (./pipeline.ts runExport, or a stand-in in tests). */
export type RenderOne = (job: {
  settings: ExportSettings;
  baseName: string;
  sinks: SinkFactory;
  store: AppStore;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
}) => Promise<{ frames: number }>;

const pipelineRender: RenderOne = async (job) => {
  const { runExport } = await import('./pipeline.ts');
  return runExport(job);
};

/** One lesson export's inputs. */
export interface LessonExportJob {
  lesson: Lesson;
  options: LessonExportOptions;
  signal?: AbortSignal;
  onProgress?: (progress: LessonExportProgress) => void;
  /** Defaults: the app's store, the export pipeline and the player page shipped with the app. */
  store?: AppStore;
  render?: RenderOne;
  playerPage?: (signal?: AbortSignal) => Promise<string>;
}

/** A finished lesson file, not yet written anywhere. */
export interface LessonFile {
  name: string;
  kind: 'pptx' | 'zip' | 'html';
  bytes: Uint8Array<ArrayBuffer>;
  /** Beats (clips) and frames rendered. */
  beats: number;
  frames: number;
}

/** True for the error a cancelled export ends with. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('The export was cancelled.', 'AbortError');
}

/** Sinks that keep every file in memory; `bytes()` is the one file the render wrote. */
function memorySinks(): { sinks: SinkFactory; bytes: () => Uint8Array } {
  const opened: MemorySink[] = [];
  return {
    sinks: {
      open: (name) => {
        const sink = new MemorySink(name);
        opened.push(sink);
        return Promise.resolve(sink);
      },
    },
    bytes: () => {
      if (opened.length !== 1) throw new Error(`the render wrote ${opened.length} files, not 1`);
      return opened[0]!.buffer.bytes();
    },
  };
}

/**
 * The lesson player page that ships with the app, next to its index.html (renderer/vite.config.ts
 * lessonPlayer). Rejects with a message that says so when this build has none.
 */
export async function fetchPlayerPage(signal?: AbortSignal): Promise<string> {
  const url = new URL(PLAYER_FILE, document.baseURI);
  const missing = `This build of the app has no lesson player page (${PLAYER_FILE})`;
  let response: Response;
  try {
    response = await fetch(url, signal ? { signal } : {});
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new Error(`${missing}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) throw new Error(`${missing} (HTTP ${response.status}).`);
  return response.text();
}

/** The lesson as one HTML page: the player page with the lesson in it. Nothing is rendered. */
async function buildLessonPage(job: LessonExportJob, beats: number): Promise<LessonFile> {
  const template = await (job.playerPage ?? fetchPlayerPage)(job.signal);
  throwIfAborted(job.signal);
  return {
    name: lessonFileName(job.lesson, 'html'),
    kind: 'html',
    bytes: new TextEncoder().encode(lessonPage(template, job.lesson)),
    beats,
    frames: 0,
  };
}

/**
 * Builds the file in memory: for a deck or a zip, renders every beat of the lesson first. Rejects
 * with an AbortError when `signal` fires, with the pipeline's error when a beat cannot be
 * rendered; the editor is put back as it was in every case.
 */
export async function buildLessonFile(job: LessonExportJob): Promise<LessonFile> {
  const { lesson, options, signal } = job;
  const store = job.store ?? appStore;
  const render = job.render ?? pipelineRender;
  const plan = planLesson(lesson);
  if (plan.length === 0) throw new Error('The lesson has no slides.');
  if (options.format === 'html') return buildLessonPage(job, plan.length);
  const base = lessonBaseSettings(options);
  const deck = options.format === 'pptx';
  const report = (phase: LessonExportProgress['phase'], beat: BeatPlan, within: number): void => {
    const rendered = phase === 'rendering' ? beat.number - 1 + within : plan.length;
    job.onProgress?.({
      phase,
      slide: beat.slideIndex + 1,
      slides: beat.slideCount,
      beat: beat.beatIndex + 1,
      beats: beat.beatCount,
      clip: beat.number,
      clips: plan.length,
      // The clips are most of the work; building and saving the file the last few percent.
      fraction: Math.min(1, (rendered / plan.length) * 0.95 + (phase === 'saving' ? 0.04 : 0)),
    });
  };

  // What the editor shows now, put back at the end.
  const before = store.getState();
  if (before.playing) before.pause();
  const editing = {
    scene: before.scene,
    history: before.history,
    revision: before.revision,
    savedRevision: before.savedRevision,
    editingSlideId: before.editingSlideId,
    position: before.runtime.playhead.position,
  };
  const rendered: RenderedBeat[] = [];
  let frames = 0;
  let current: BeatPlan | null = null;
  try {
    let shown: string | null = null;
    for (const beat of plan) {
      current = beat;
      throwIfAborted(signal);
      report('rendering', beat, 0);
      if (shown !== beat.slide.id) {
        // A fresh document (no edited slide: nothing is written back into the lesson).
        store.getState().resetDocument(beat.slide.scene);
        shown = beat.slide.id;
      }
      const clip = memorySinks();
      const result = await render({
        settings: clipSettings(base, beat),
        baseName: `beat-${beat.number}`,
        sinks: clip.sinks,
        store,
        ...(signal ? { signal } : {}),
        onProgress: (p) => {
          if (p.total > 0) report('rendering', beat, (p.done / p.total) * (deck ? 0.95 : 1));
        },
      });
      frames += result.frames;
      let poster: Uint8Array | null = null;
      if (deck) {
        const still = memorySinks();
        await render({
          settings: posterSettings(base, beat),
          baseName: `beat-${beat.number}`,
          sinks: still.sinks,
          store,
          ...(signal ? { signal } : {}),
        });
        poster = still.bytes();
      }
      rendered.push({ video: clip.bytes(), poster });
    }
  } catch (error) {
    if (isAbort(error) || !current) throw error;
    // Say which beat could not be rendered.
    const message = error instanceof Error ? error.message : String(error);
    const title = current.slide.title.trim();
    throw new Error(
      `Slide ${current.slideIndex + 1}${title ? ` (“${title}”)` : ''}, beat ${current.beatIndex + 1}: ${message}`,
      { cause: error },
    );
  } finally {
    store.setState((s) => ({
      scene: editing.scene,
      history: editing.history,
      revision: editing.revision,
      savedRevision: editing.savedRevision,
      editingSlideId: editing.editingSlideId,
      cameraNonce: s.cameraNonce + 1,
    }));
    store
      .getState()
      .runtime.playhead.set(clampPosition(editing.position, timelineEnd(editing.scene)));
  }
  throwIfAborted(signal);
  const last = plan[plan.length - 1]!;
  report('building', last, 1);
  let bytes: Uint8Array<ArrayBuffer>;
  if (deck) {
    const { buildDeck } = await import('../../../shared/lesson/deck.ts');
    bytes = await buildDeck(lessonDeck(lesson, options, plan, rendered));
  } else {
    bytes = clipsZip(lesson, plan, rendered);
  }
  throwIfAborted(signal);
  return {
    name: lessonFileName(lesson, options.format),
    kind: deck ? 'pptx' : 'zip',
    bytes,
    beats: plan.length,
    frames,
  };
}

const MIME = {
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  zip: 'application/zip',
  html: 'text/html',
} as const;

/**
 * Writes a finished lesson file through one sink: the desktop app's save dialog (a hidden
 * temporary file renamed into place), or a browser download. Resolves with the name it was saved
 * under, or null when the save dialog was cancelled (nothing written).
 */
export async function saveLessonFile(file: LessonFile): Promise<string | null> {
  if (!bridge) {
    downloadBytes(file.name, file.bytes, MIME[file.kind]);
    return file.name;
  }
  // The bridge's sink takes any of its EXPORT_FORMATS (shared/bridge.ts), .pptx included; the
  // renderer's sinks are typed by the pipeline's kinds only.
  const sink: ByteSink | null = await bridgeSinks(bridge).open(file.name, file.kind as ExportKind);
  if (!sink) return null;
  try {
    await sink.write(file.bytes, 0);
    return await sink.finish();
  } catch (error) {
    await sink.cancel().catch(() => undefined);
    throw error;
  }
}
