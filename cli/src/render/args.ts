/**
 * `descent render`'s arguments: what to render (a scene file, a preset, a lesson file, a
 * built-in lesson or a loss-landscape file), the output (a media file; a .pptx, an .html or a
 * folder of clips) and the export settings, parsed by the same parser as the other subcommands
 * and validated with the export schema. Nothing here starts a browser or writes a file. A
 * landscape file is read asynchronously (h5wasm) by {@link readRenderCommand} before the
 * synchronous checks.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, resolve, sep } from 'node:path';
import type { z } from 'zod';
import { clipFileName } from '../../../shared/export/names.ts';
import { planExport } from '../../../shared/export/plan.ts';
import {
  checkSettings,
  defaultExportSettings,
  EXPORT_KINDS,
  exportSettingsSchema,
  normalizeSettings,
  SIZE_PRESETS,
} from '../../../shared/export/settings.ts';
import type { ExportKind, ExportSettings } from '../../../shared/export/settings.ts';
import { calculusLesson } from '../../../shared/lesson/builtin.ts';
import { isLessonFileName, LESSON_VERSION } from '../../../shared/lesson/document.ts';
import type { Lesson } from '../../../shared/lesson/document.ts';
import { parseLesson } from '../../../shared/lesson/parse.ts';
import type { Scene } from '../../../shared/scene/document.ts';
import { parseScene } from '../../../shared/scene/parse.ts';
import { getPreset, PRESET_IDS } from '../../../shared/scene/presets.ts';
import { describeIssue, parseFlags, UsageError } from '../args.ts';
import type { CommandSpec, Values } from '../args.ts';
import { isLandscapeFile, readLandscapeFile } from './landscape.ts';
import type { LandscapeInput } from './landscape.ts';

/** The render subcommand as the shared parser sees it. */
export const RENDER: CommandSpec = {
  name: 'render',
  options: [
    'output',
    'preset',
    'lesson',
    'surface',
    'size',
    'fps',
    'duration',
    'steps',
    'speed',
    'hold',
    'transparent',
    'orbit',
    'caption',
    'show-ahead',
    'clips',
    'at',
    'browser',
    'quiet',
  ],
  positionals: 1,
};

/** Everything `render` needs, parsed and validated. */
export interface RenderOptions {
  scene: Scene;
  /** Where the scene came from (for messages). */
  source: string;
  /** Absolute output path (the first file's name when --clips makes several). */
  output: string;
  settings: ExportSettings;
  /** Adjustments made to the settings (even sizes, …). */
  notes: string[];
  browser: string | null;
  quiet: boolean;
}

/** What a lesson render writes: one PowerPoint deck, or a folder of clips. */
export type LessonFormat = 'pptx' | 'folder';

/** Everything a lesson render (`-o NAME.pptx` or `-o DIR/`) needs, parsed and validated. */
export interface LessonOptions {
  lesson: Lesson;
  /** Where the lesson came from (for messages). */
  source: string;
  format: LessonFormat;
  /** Absolute path of the .pptx, or of the folder of clips. */
  output: string;
  /** Settings every clip starts from (MP4; the range is set per beat). */
  settings: ExportSettings;
  notes: string[];
  browser: string | null;
  quiet: boolean;
}

/** An HTML render (`-o NAME.html`): a lesson, or one scene as a one-slide lesson. */
export interface HtmlOptions {
  lesson: Lesson;
  source: string;
  output: string;
  /** What reading the input had to say (a landscape's notes), when anything. */
  notes?: string[];
}

/** What `descent render` was asked to do. */
export type RenderCommand =
  | { mode: 'scene'; options: RenderOptions }
  | { mode: 'lesson'; options: LessonOptions }
  | { mode: 'html'; options: HtmlOptions };

/** The built-in lessons, by the name `--lesson` takes. */
export const BUILTIN_LESSONS: Readonly<Record<string, () => Lesson>> = {
  calculus: calculusLesson,
};

/** Scenes are a few kilobytes; anything far larger is not one, and is not read whole. */
const MAX_SCENE_BYTES = 8 * 1024 * 1024;
/** A lesson holds up to 300 scenes. */
const MAX_LESSON_BYTES = 64 * 1024 * 1024;

function number(flag: string, text: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new UsageError(`--${flag} expects a number, got '${text}'.`);
  }
  return value;
}

/** `1280x720`, `1280×720` or a size preset name. */
export function parseSize(text: string): { width: number; height: number } {
  const preset = SIZE_PRESETS.find((p) => p.id === text.toLowerCase());
  if (preset) return { width: preset.width, height: preset.height };
  const m = /^(\d+)\s*[x×]\s*(\d+)$/i.exec(text.trim());
  if (!m) {
    throw new UsageError(
      `--size expects WxH (e.g. 1280x720) or one of ${SIZE_PRESETS.map((p) => p.id).join(', ')}; got '${text}'.`,
    );
  }
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** The export kind an output path's extension names. */
export function kindOf(output: string): ExportKind {
  const ext = extname(output).slice(1).toLowerCase();
  if ((EXPORT_KINDS as readonly string[]).includes(ext)) return ext as ExportKind;
  throw new UsageError(
    `-o must end in .mp4, .webm, .gif, .png or .zip (PNG sequence), .pptx or .html, or name a folder ending in ${sep} (a folder of clips); got '${basename(output)}'.`,
  );
}

/** What an output path asks for: a media file, a deck, a web page or a folder of clips. */
export type OutputForm =
  { kind: 'media'; media: ExportKind } | { kind: 'pptx' | 'html' | 'folder' };

/**
 * Reads the form of `-o` as typed: a trailing path separator is a folder of clips; else the
 * extension decides; a path without a known extension that is an existing folder is a folder of
 * clips too.
 */
export function outputFormOf(typed: string, absolute: string): OutputForm {
  if (typed.endsWith('/') || typed.endsWith(sep)) return { kind: 'folder' };
  const ext = extname(absolute).slice(1).toLowerCase();
  if (ext === 'pptx') return { kind: 'pptx' };
  if (ext === 'html' || ext === 'htm') return { kind: 'html' };
  if ((EXPORT_KINDS as readonly string[]).includes(ext)) {
    return { kind: 'media', media: ext as ExportKind };
  }
  let isFolder = false;
  try {
    isFolder = statSync(absolute).isDirectory();
  } catch {
    isFolder = false;
  }
  if (isFolder) return { kind: 'folder' };
  return { kind: 'media', media: kindOf(absolute) };
}

/** Where a JSON syntax error is, as "line L, column C", when the parser says. */
function jsonErrorPlace(error: unknown, text: string): string {
  const m = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  if (!m) return '';
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return ` (line ${line}, column ${column})`;
}

/** What was read from the command line: one scene or a whole lesson. */
type Input =
  | { kind: 'scene'; scene: Scene; source: string; notes?: string[] }
  | { kind: 'lesson'; lesson: Lesson; source: string };

/** A long message from a parser, cut to one readable line. */
function clip(message: string): string {
  return message.length > 300 ? `${message.slice(0, 297)}…` : message;
}

/**
 * Reads a scene or lesson file. A lesson is told by its name (`.descent-lesson.json`) or by its
 * `slides` list. Messages say what is wrong and where, never quoting the file: it may be
 * anything at all (a video passed by mistake, a private document).
 */
function readDocumentFile(file: string, cwd: string): Input {
  const path = resolve(cwd, file);
  const named = isLessonFileName(file);
  const what = named ? 'lesson' : 'scene';
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > (named ? MAX_LESSON_BYTES : MAX_SCENE_BYTES)) {
      throw new UsageError(`${file} is not a ${what}: it is ${Math.round(size / 2 ** 20)} MB.`);
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`No such ${what} file: ${file}`);
    if (code === 'EISDIR') throw new UsageError(`${file} is a folder, not a ${what} file.`);
    throw new UsageError(`Cannot read ${file} (${code ?? 'unknown error'}).`);
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${file} is not a ${what}: it is not valid JSON${jsonErrorPlace(error, text)}.`,
    );
  }
  const looksLikeLesson =
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { slides?: unknown }).slides) &&
    !('runs' in value);
  if (named || looksLikeLesson) {
    const parsed = parseLesson(value);
    if (!parsed.ok) throw new UsageError(`${file}: ${clip(parsed.message)}`);
    return { kind: 'lesson', lesson: parsed.lesson, source: basename(path) };
  }
  const parsed = parseScene(value);
  if (!parsed.ok) throw new UsageError(`${file}: ${clip(parsed.message)}`);
  return { kind: 'scene', scene: parsed.scene, source: basename(path) };
}

/** Reads the scene or lesson named on the command line (a landscape file is read already). */
function loadInput(
  file: string | undefined,
  v: Values,
  cwd: string,
  landscape: LandscapeInput | undefined,
): Input {
  const { preset, lesson, surface } = v;
  const given = [
    file && 'a file',
    preset !== undefined && '--preset',
    lesson !== undefined && '--lesson',
  ];
  if (given.filter(Boolean).length > 1) {
    throw new UsageError(
      'Give one of a scene, lesson or landscape file, --preset ID or --lesson NAME.',
    );
  }
  const isLandscape = file !== undefined && isLandscapeFile(file);
  if (surface !== undefined && !isLandscape) {
    const input = preset !== undefined ? '--preset' : lesson !== undefined ? '--lesson' : file;
    throw new UsageError(
      `--surface picks a surface of a loss-landscape file (.h5, .npy or .csv); it does not apply to ${input ? input : 'no input'}.`,
    );
  }
  if (isLandscape) {
    if (landscape?.file !== file || landscape.surface !== surface) {
      // A programming error, not the user's: the file must be read first (it is asynchronous).
      throw new Error(`${file} is a landscape file: parse the command with readRenderCommand.`);
    }
    return {
      kind: 'scene',
      scene: landscape.scene,
      source: landscape.source,
      notes: landscape.notes,
    };
  }
  if (preset !== undefined) {
    const p = getPreset(preset);
    if (!p) {
      throw new UsageError(`Unknown preset '${preset}'. Presets: ${PRESET_IDS.join(', ')}.`);
    }
    return { kind: 'scene', scene: structuredClone(p.scene), source: `preset ${preset}` };
  }
  if (lesson !== undefined) {
    const make = Object.hasOwn(BUILTIN_LESSONS, lesson) ? BUILTIN_LESSONS[lesson] : undefined;
    if (!make) {
      throw new UsageError(
        `Unknown built-in lesson '${lesson}'. Built-in lessons: ${Object.keys(BUILTIN_LESSONS).join(', ')} (or give LESSON.descent-lesson.json).`,
      );
    }
    return { kind: 'lesson', lesson: make(), source: `lesson ${lesson}` };
  }
  if (!file) {
    throw new UsageError(
      'Missing the scene: give SCENE.descent.json, --preset ID or a landscape (LOSS.h5, .npy, .csv), or a lesson: LESSON.descent-lesson.json or --lesson calculus.',
    );
  }
  return readDocumentFile(file, cwd);
}

/** One scene as a lesson of one slide (titled as the scene). */
export function sceneLesson(scene: Scene): Lesson {
  return {
    version: LESSON_VERSION,
    title: scene.title,
    slides: [{ id: 'slide-1', title: scene.title, notes: '', scene }],
  };
}

/** Each settings field → the flag that sets it, and what it is, for messages. */
function settingSubject(field: string, v: Values): string {
  const typed = (flag: keyof Values, what: string): string =>
    v[flag] === undefined ? what : `--${flag} ${String(v[flag])}: ${what}`;
  switch (field) {
    case 'width':
      return typed('size', 'the width in pixels');
    case 'height':
      return typed('size', 'the height in pixels');
    case 'fps':
      return typed('fps', 'the frame rate');
    case 'speed':
      return typed('speed', 'the speed in steps per second');
    case 'hold':
      return typed('hold', 'the hold in seconds');
    case 'orbit':
      return typed('orbit', 'the orbit in degrees');
    case 'at':
      return typed('at', 'the step');
    default:
      if (field.startsWith('range')) {
        return v.duration !== undefined
          ? typed('duration', 'the duration in seconds')
          : typed('steps', 'the step range');
      }
      return field;
  }
}

function settingsMessage(error: z.ZodError, v: Values): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid export settings.';
  return describeIssue(settingSubject(issue.path.map(String).join('.'), v), issue);
}

/** Export settings of `kind` from the flags, validated and normalised. */
function settingsFrom(kind: ExportKind, v: Values): { settings: ExportSettings; notes: string[] } {
  if (v.duration !== undefined && v.steps !== undefined) {
    throw new UsageError('Give either --duration S or --steps A:B, not both.');
  }
  const base = defaultExportSettings();
  const size = v.size
    ? parseSize(v.size)
    : kind === 'gif'
      ? { width: 640, height: 360 }
      : { width: base.width, height: base.height };
  let range: ExportSettings['range'] = { kind: 'all' };
  if (v.duration !== undefined) {
    const seconds = number('duration', v.duration);
    if (!(seconds > 0)) throw new UsageError(`--duration must be more than 0 seconds.`);
    range = { kind: 'time', from: 0, to: seconds };
  } else if (v.steps !== undefined) {
    const m = /^\s*([\d.]+)\s*:\s*([\d.]+)\s*$/.exec(v.steps);
    if (!m) throw new UsageError(`--steps expects A:B (e.g. 0:20), got '${v.steps}'.`);
    range = { kind: 'steps', from: number('steps', m[1]!), to: number('steps', m[2]!) };
  }
  const candidate = {
    ...base,
    kind,
    ...size,
    fps: v.fps !== undefined ? number('fps', v.fps) : kind === 'gif' ? 20 : 30,
    range,
    speed: v.speed !== undefined ? number('speed', v.speed) : null,
    hold: v.hold !== undefined ? number('hold', v.hold) : 0,
    transparent: v.transparent === true,
    orbit: v.orbit !== undefined ? number('orbit', v.orbit) : 0,
    caption: v.caption === true,
    // Exports reveal each path as it plays unless asked to show what lies ahead.
    reveal: v['show-ahead'] !== true,
    clips: v.clips === true,
    at: v.at !== undefined ? number('at', v.at) : null,
  };
  if (candidate.transparent && (kind === 'mp4' || kind === 'gif')) {
    throw new UsageError(
      `--transparent needs .webm, .png or .zip: ${kind === 'mp4' ? 'H.264 MP4' : 'GIF'} has no alpha channel here.`,
    );
  }
  if (candidate.clips && kind === 'png') {
    throw new UsageError('--clips makes one file per slide clip; a .png is a single still.');
  }
  const checked = exportSettingsSchema.safeParse(candidate);
  if (!checked.success) throw new UsageError(settingsMessage(checked.error, v));
  const result = normalizeSettings(checked.data);
  const problem = checkSettings(result.settings);
  if (problem) throw new UsageError(problem);
  return result;
}

/** Flags that choose a part of one scene, meaningless for a whole lesson. */
const SCENE_ONLY_FLAGS = ['steps', 'duration', 'at', 'clips'] as const;
/** Flags that shape rendered clips (an HTML page renders live in the viewer's browser). */
const CLIP_FLAGS = [
  'size',
  'fps',
  'duration',
  'steps',
  'speed',
  'hold',
  'transparent',
  'orbit',
  'caption',
  'show-ahead',
  'clips',
  'at',
  'browser',
] as const;

/**
 * Parses and validates the command line (no browser, no files written), reading a landscape
 * file first when the input is one: what `descent render` runs.
 */
export async function readRenderCommand(
  argv: readonly string[],
  cwd = process.cwd(),
): Promise<RenderCommand | 'help'> {
  const { values: v, positionals } = parseFlags(argv, RENDER);
  const file = positionals[0];
  const readFirst =
    !v.help &&
    file !== undefined &&
    isLandscapeFile(file) &&
    v.preset === undefined &&
    v.lesson === undefined;
  const landscape = readFirst ? await readLandscapeFile(file, cwd, v.surface) : undefined;
  return parseRenderCommand(argv, cwd, landscape);
}

/**
 * Parses and validates the command line (no browser, no files written). A landscape input must
 * have been read already (`landscape`, as {@link readRenderCommand} does).
 */
export function parseRenderCommand(
  argv: readonly string[],
  cwd = process.cwd(),
  landscape?: LandscapeInput,
): RenderCommand | 'help' {
  const { values: v, positionals } = parseFlags(argv, RENDER);
  if (v.help) return 'help';
  const input = loadInput(positionals[0], v, cwd, landscape);
  if (!v.output) {
    throw new UsageError(
      input.kind === 'lesson'
        ? `Missing -o: a lesson renders to -o NAME.pptx, -o NAME.html or a folder -o DIR${sep}.`
        : 'Missing -o OUT.(mp4|webm|gif|png|zip|pptx|html).',
    );
  }
  const output = resolve(cwd, v.output);
  const form = outputFormOf(v.output, output);
  const lessonOf = (i: Input): Lesson => (i.kind === 'lesson' ? i.lesson : sceneLesson(i.scene));

  if (form.kind === 'media') {
    if (input.kind === 'lesson') {
      throw new UsageError(
        `A lesson renders to -o NAME.pptx, -o NAME.html or a folder of clips -o DIR${sep}; got '${basename(output)}'.`,
      );
    }
    if (!existsSync(dirname(output))) {
      throw new UsageError(`The folder of ${v.output} does not exist.`);
    }
    const { settings, notes } = settingsFrom(form.media, v);
    notes.unshift(...(input.notes ?? []));
    if (settings.clips && input.scene.timeline.markers.length === 0) {
      notes.push('The scene has no timeline markers: --clips writes a single file.');
    }
    return {
      mode: 'scene',
      options: {
        scene: input.scene,
        source: input.source,
        output,
        settings,
        notes,
        browser: v.browser ?? null,
        quiet: v.quiet === true,
      },
    };
  }

  const lesson = lessonOf(input);
  if (lesson.slides.length === 0) {
    throw new UsageError(`${input.source} has no slides: there is nothing to render.`);
  }
  if (form.kind === 'html') {
    const ignored = CLIP_FLAGS.find((f) => v[f] !== undefined);
    if (ignored) {
      throw new UsageError(
        `--${ignored} does not apply to -o ${basename(output)}: an HTML page plays the scenes live in the browser that opens it.`,
      );
    }
    if (!existsSync(dirname(output))) {
      throw new UsageError(`The folder of ${v.output} does not exist.`);
    }
    const notes = input.kind === 'scene' ? (input.notes ?? []) : [];
    return {
      mode: 'html',
      options: { lesson, source: input.source, output, ...(notes.length > 0 ? { notes } : {}) },
    };
  }

  const where = form.kind === 'pptx' ? `-o ${basename(output)}` : 'a folder of clips';
  const refused = SCENE_ONLY_FLAGS.find((f) => v[f] !== undefined);
  if (refused) {
    const why =
      refused === 'clips'
        ? 'every beat is already its own clip'
        : refused === 'at'
          ? 'each beat’s poster is its first frame'
          : 'each clip plays its beat, from one stop to the next';
    throw new UsageError(`--${refused} does not apply to ${where}: ${why}.`);
  }
  if (v.transparent) {
    throw new UsageError(
      `--transparent does not apply to ${where}: its clips are H.264 MP4, which has no alpha channel here.`,
    );
  }
  if (form.kind === 'pptx' && !existsSync(dirname(output))) {
    throw new UsageError(`The folder of ${v.output} does not exist.`);
  }
  if (form.kind === 'folder' && !existsSync(output) && !existsSync(dirname(output))) {
    throw new UsageError(`The folder above ${v.output} does not exist.`);
  }
  const { settings, notes } = settingsFrom('mp4', v);
  if (input.kind === 'scene') notes.unshift(...(input.notes ?? []));
  return {
    mode: 'lesson',
    options: {
      lesson,
      source: input.source,
      format: form.kind,
      output,
      settings,
      notes,
      browser: v.browser ?? null,
      quiet: v.quiet === true,
    },
  };
}

/**
 * Parses a command line that renders one scene to a media file (the README's examples); a
 * lesson, a .pptx, an .html or a folder is refused (see {@link parseRenderCommand}).
 */
export function parseRenderArgs(
  argv: readonly string[],
  cwd = process.cwd(),
): RenderOptions | 'help' {
  const command = parseRenderCommand(argv, cwd);
  if (command === 'help') return 'help';
  if (command.mode !== 'scene') {
    throw new UsageError('This renders a lesson or a web page, not one scene to a media file.');
  }
  return command.options;
}

/** One file the render writes: the name the page gives it, and where it goes. */
export interface OutputTarget {
  name: string;
  path: string;
}

/**
 * Every file the render will write, in order: the output itself, or with --clips one numbered
 * file per clip beside it (`out-01.mp4`, `out-02.mp4`, …), under the names the page uses.
 */
export function outputTargets(options: RenderOptions): {
  baseName: string;
  files: OutputTarget[];
} {
  const { output, settings, scene } = options;
  const baseName = basename(output, extname(output));
  const plan = planExport(scene, settings, scene.timeline.position);
  const count = plan.clips.length;
  const files = plan.clips.map((c) => {
    const name = clipFileName(baseName, settings.kind, c.index, count);
    // A single file goes exactly where -o said (keeping, say, an upper-case extension).
    return { name, path: count <= 1 ? output : resolve(dirname(output), name) };
  });
  return { baseName, files };
}
