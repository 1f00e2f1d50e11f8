/**
 * `descent render`'s arguments: the scene (a file or a preset), the output path and the export
 * settings, parsed by the same parser as the other subcommands and validated with the export
 * schema. Nothing here starts a browser or writes a file.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
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
import type { Scene } from '../../../shared/scene/document.ts';
import { parseScene } from '../../../shared/scene/parse.ts';
import { getPreset, PRESET_IDS } from '../../../shared/scene/presets.ts';
import { describeIssue, parseFlags, UsageError } from '../args.ts';
import type { CommandSpec, Values } from '../args.ts';

/** The render subcommand as the shared parser sees it. */
export const RENDER: CommandSpec = {
  name: 'render',
  options: [
    'output',
    'preset',
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

/** Scenes are a few kilobytes; anything far larger is not one, and is not read whole. */
const MAX_SCENE_BYTES = 8 * 1024 * 1024;

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
    `-o must end in .mp4, .webm, .gif, .png or .zip (PNG sequence); got '${basename(output)}'.`,
  );
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

/**
 * Reads the scene file. Messages say what is wrong and where, never quoting the file: it may
 * be anything at all (a video passed by mistake, a private document).
 */
function readSceneFile(file: string, cwd: string): { scene: Scene; source: string } {
  const path = resolve(cwd, file);
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_SCENE_BYTES) {
      throw new UsageError(`${file} is not a scene: it is ${Math.round(size / 2 ** 20)} MB.`);
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`No such scene file: ${file}`);
    if (code === 'EISDIR') throw new UsageError(`${file} is a folder, not a scene file.`);
    throw new UsageError(`Cannot read ${file} (${code ?? 'unknown error'}).`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${file} is not a scene: it is not valid JSON${jsonErrorPlace(error, text)}.`,
    );
  }
  const parsed = parseScene(value);
  if (!parsed.ok) {
    const message =
      parsed.message.length > 300 ? `${parsed.message.slice(0, 297)}…` : parsed.message;
    throw new UsageError(`${file}: ${message}`);
  }
  return { scene: parsed.scene, source: basename(path) };
}

/** Reads the scene named on the command line. */
function loadScene(file: string | undefined, preset: string | undefined, cwd: string) {
  if (file && preset) throw new UsageError('Give either a scene file or --preset ID, not both.');
  if (preset) {
    const p = getPreset(preset);
    if (!p) {
      throw new UsageError(`Unknown preset '${preset}'. Presets: ${PRESET_IDS.join(', ')}.`);
    }
    return { scene: structuredClone(p.scene), source: `preset ${preset}` };
  }
  if (!file) {
    throw new UsageError('Missing the scene: give SCENE.descent.json or --preset ID.');
  }
  return readSceneFile(file, cwd);
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

/** Parses and validates the command line (no browser, no files written). */
export function parseRenderArgs(
  argv: readonly string[],
  cwd = process.cwd(),
): RenderOptions | 'help' {
  const { values: v, positionals } = parseFlags(argv, RENDER);
  if (v.help) return 'help';
  const { scene, source } = loadScene(positionals[0], v.preset, cwd);
  if (!v.output) throw new UsageError('Missing -o OUT.(mp4|webm|gif|png|zip).');
  const output = resolve(cwd, v.output);
  const kind = kindOf(output);
  if (!existsSync(dirname(output))) {
    throw new UsageError(`The folder of ${v.output} does not exist.`);
  }
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
  const { settings, notes } = normalizeSettings(checked.data);
  const problem = checkSettings(settings);
  if (problem) throw new UsageError(problem);
  if (settings.clips && scene.timeline.markers.length === 0) {
    notes.push('The scene has no timeline markers: --clips writes a single file.');
  }
  return {
    scene,
    source,
    output,
    settings,
    notes,
    browser: v.browser ?? null,
    quiet: v.quiet === true,
  };
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
