/**
 * `descent render`: renders a scene (a file or a chapter preset) to MP4, WebM, GIF, PNG or a
 * PNG sequence, headlessly, with the app's own export pipeline — so a script gets the same
 * animation, frame for frame, as the Export dialog.
 *
 * How: serve the browser build (dist/web, built first when missing or stale) on 127.0.0.1, open
 * it with `?render` in a browser driven by playwright-core — the Electron app's runtime when its
 * binary is installed, otherwise a Chromium or Chrome found on the system (`--browser PATH`
 * chooses) — and call `window.__descentRender`. The page streams each file's bytes back through
 * an exposed function; they go to a hidden temporary file next to the output, renamed into place
 * at the end. Ctrl+C or any failure removes what was written: a cancelled render leaves nothing.
 * @see ../../renderer/src/export/automation.ts for the page side.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  constants as fsConstants,
  accessSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { _electron, chromium } from 'playwright-core';
import type { Browser, ElectronApplication, Page } from 'playwright-core';
import {
  checkSettings,
  defaultExportSettings,
  EXPORT_KINDS,
  exportSettingsSchema,
  GIF_FPS,
  normalizeSettings,
  SIZE_PRESETS,
  VIDEO_FPS,
} from '../../shared/export/settings.ts';
import { planExport } from '../../shared/export/plan.ts';
import type { ExportKind, ExportSettings } from '../../shared/export/settings.ts';
import type { ExportProgress, RenderOutcome } from '../../shared/export/report.ts';
import { getPreset, PRESET_IDS } from '../../shared/scene/presets.ts';
import { parseSceneText } from '../../shared/scene/parse.ts';
import type { Scene } from '../../shared/scene/document.ts';
import { findElectronBinary } from '../../node/electron-binary.mjs';
import { serve } from '../../node/static-server.mjs';
import { webBuildIsStale } from '../../node/web-build.mjs';
import { UsageError } from './args.ts';

/** The repository root (dist/web and node_modules live there). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const RENDER_HELP = `descent render — render a scene to video or images, headlessly

Usage: descent render (SCENE.descent.json | --preset ID) -o OUT.(mp4|webm|gif|png|zip) [options]

  -o, --output FILE     output file; the extension picks the format:
                          .mp4  H.264 (PowerPoint/Keynote-safe: yuv420p, fast start)
                          .webm VP9 (add --transparent for an alpha channel)
                          .gif  animated GIF (loops; 10, 20, 25 or 50 fps)
                          .png  one still frame      .zip  PNG sequence
  --preset ID           a chapter preset instead of a file (${PRESET_IDS.slice(0, 4).join(', ')}, …)
  --size WxH | NAME     output size, e.g. 1280x720, or ${SIZE_PRESETS.map((p) => p.id).join(', ')}
                        (default 1920x1080; GIF 640x360)
  --fps N               frames per second: ${VIDEO_FPS.join(', ')} (GIF: ${GIF_FPS.join(', ')}); default 30 (GIF 20)
  --duration S          render S seconds from the start (exactly S·fps frames)
  --steps A:B           render from step A to step B (default: the whole run)
  --speed N             playback speed in steps per second (default: the scene's)
  --hold S              hold the last frame S seconds (default 0)
  --transparent         transparent background, no floor (WebM, PNG, PNG sequence)
  --orbit DEG           turn the camera DEG degrees about the surface over the clip
  --caption             burn in the formula and a legend of the runs with their η
  --clips               one numbered file per slide clip (timeline markers split the run)
  --at STEP             step shown by a PNG still (default: the scene's playhead)
  --browser PATH        the browser to render with (Chromium, Chrome, Edge or Electron)
  -q, --quiet           no progress line

Uses the Electron app's runtime when its binary is installed, else a Chromium or Chrome found on
this system. Exit codes: 0 done, 2 bad input / unsupported encoder / no browser, 1 failure,
130 cancelled (Ctrl+C; nothing is left behind).
`;

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

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  preset: { type: 'string' },
  size: { type: 'string' },
  fps: { type: 'string' },
  duration: { type: 'string' },
  steps: { type: 'string' },
  speed: { type: 'string' },
  hold: { type: 'string' },
  transparent: { type: 'boolean' },
  orbit: { type: 'string' },
  caption: { type: 'boolean' },
  clips: { type: 'boolean' },
  at: { type: 'string' },
  browser: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `--orbit -90` would read -90 as an option: join such values to their flag. */
function joinNegatives(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (/^--(orbit|speed|at|hold|duration|fps)$/.test(arg) && next && /^-[\d.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

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
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `No such scene file: ${file}` : `Cannot read ${file} (${code ?? error}).`,
    );
  }
  const parsed = parseSceneText(text);
  if (!parsed.ok) throw new UsageError(`${file}: ${parsed.message}`);
  return { scene: parsed.scene, source: basename(path) };
}

/** Parses and validates the command line (no browser, no files written). */
export function parseRenderArgs(
  argv: readonly string[],
  cwd = process.cwd(),
): RenderOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegatives(argv),
      options: OPTIONS,
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (parsed.positionals.length > 1) {
    throw new UsageError(`One scene at a time; got ${parsed.positionals.join(', ')}.`);
  }
  const { scene, source } = loadScene(parsed.positionals[0], v.preset, cwd);
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
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    const flag = field.startsWith('range') ? (v.duration ? 'duration' : 'steps') : field;
    throw new UsageError(`--${flag}: ${issue?.message ?? 'invalid value'}.`);
  }
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

// ─── Browsers ────────────────────────────────────────────────────────────────────────────────

/** A browser to render with. */
export interface BrowserChoice {
  kind: 'chromium' | 'electron';
  path: string;
}

function executable(path: string): boolean {
  try {
    accessSync(path, fsConstants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Where Chromium-based browsers usually live, per platform. */
export function browserCandidates(
  platform: string,
  env: Record<string, string | undefined>,
): string[] {
  const fromEnv = [env.DESCENT_CHROMIUM, env.CHROME_PATH, env.CHROMIUM_PATH].filter(
    (p): p is string => Boolean(p),
  );
  if (platform === 'darwin') {
    return [
      ...fromEnv,
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
      (p): p is string => Boolean(p),
    );
    return [
      ...fromEnv,
      ...roots.flatMap((r) => [
        join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        join(r, 'Chromium', 'Application', 'chrome.exe'),
        join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      ]),
    ];
  }
  return [
    ...fromEnv,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/snap/bin/chromium',
  ];
}

/**
 * The browser to render with: `--browser PATH` if given; else the Electron binary when it is
 * installed; else the first Chromium-based browser found. Null when there is none.
 */
export function findBrowser(
  requested: string | null,
  io: {
    root: string;
    platform: string;
    env: Record<string, string | undefined>;
    isExecutable: (path: string) => boolean;
    electron: () => string | null;
  },
): BrowserChoice | null {
  if (requested) {
    if (!io.isExecutable(requested)) return null;
    const kind = /electron/i.test(basename(requested)) ? 'electron' : 'chromium';
    return { kind, path: requested };
  }
  const electron = io.electron();
  if (electron) return { kind: 'electron', path: electron };
  const found = browserCandidates(io.platform, io.env).find((p) => io.isExecutable(p));
  return found ? { kind: 'chromium', path: found } : null;
}

function systemBrowser(requested: string | null): BrowserChoice | null {
  return findBrowser(requested, {
    root: ROOT,
    platform: process.platform,
    env: process.env,
    isExecutable: executable,
    electron: () =>
      findElectronBinary({
        root: ROOT,
        env: process.env,
        exists: existsSync,
        readText: (p) => readFileSync(p, 'utf8'),
      }),
  });
}

/** Flags for a quiet headless Chromium (no network chatter, software WebGL allowed). */
export function chromiumArgs(isRoot: boolean): string[] {
  return [
    ...(isRoot ? ['--no-sandbox'] : []),
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Without a GPU, WebGL falls back to SwiftShader only when allowed.
    '--enable-unsafe-swiftshader',
    '--ignore-gpu-blocklist',
  ];
}

/** A page in the chosen browser, and how to close it all. */
interface Session {
  page: Page;
  close: () => Promise<void>;
  label: string;
}

/** Small window: the app's own on-screen view stays cheap while the export renders offscreen. */
const PAGE_SIZE = { width: 480, height: 360 };

async function openChromium(path: string): Promise<Session> {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const browser: Browser = await chromium.launch({
    executablePath: path,
    headless: true,
    args: chromiumArgs(isRoot),
    // Ctrl+C is ours: cancel the render and clean up, then close the browser.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const context = await browser.newContext({ viewport: PAGE_SIZE });
  const page = await context.newPage();
  return { page, close: () => browser.close(), label: basename(path) };
}

async function openElectron(path: string): Promise<Session> {
  // A minimal main script: one hidden window, no menus, nothing from the desktop app's main
  // process (the page is the same browser build the Chromium path serves).
  const main = fileURLToPath(new URL('./render-electron.mjs', import.meta.url));
  const app: ElectronApplication = await _electron.launch({
    executablePath: path,
    args: [main],
    env: { ...process.env, ELECTRON_DISABLE_SECURITY_WARNINGS: 'true' },
  });
  const page = await app.firstWindow();
  await page.setViewportSize(PAGE_SIZE).catch(() => undefined);
  return { page, close: () => app.close(), label: 'Electron' };
}

// ─── Files ───────────────────────────────────────────────────────────────────────────────────

/** Output files being written: positioned writes to hidden temporary files, renamed at the end. */
class OutputFiles {
  private readonly open = new Map<
    number,
    { fd: number; tmp: string; final: string; end: number }
  >();
  /** Files completed (renamed into place). */
  readonly written: { path: string; bytes: number }[] = [];

  constructor(private readonly dir: string) {}

  begin(file: number, name: string): void {
    const final = join(this.dir, basename(name));
    const tmp = join(this.dir, `.${basename(name)}.${process.pid}.part`);
    const fd = openSync(tmp, 'w', 0o666);
    this.open.set(file, { fd, tmp, final, end: 0 });
  }

  write(file: number, position: number | null, data: Buffer): void {
    const f = this.open.get(file);
    if (!f) throw new Error(`write to a file that is not open (${file})`);
    const at = position ?? f.end;
    let done = 0;
    while (done < data.length) {
      done += writeSync(f.fd, data, done, data.length - done, at + done);
    }
    f.end = Math.max(f.end, at + data.length);
  }

  finish(file: number): void {
    const f = this.open.get(file);
    if (!f) return;
    this.open.delete(file);
    fsyncSync(f.fd);
    closeSync(f.fd);
    renameSync(f.tmp, f.final);
    this.written.push({ path: f.final, bytes: f.end });
  }

  cancel(file: number): void {
    const f = this.open.get(file);
    if (!f) return;
    this.open.delete(file);
    closeSync(f.fd);
    rmQuiet(f.tmp);
  }

  /** Removes everything this render wrote (open and completed files). */
  discardAll(): void {
    for (const id of [...this.open.keys()]) this.cancel(id);
    for (const f of this.written.splice(0)) rmQuiet(f.path);
  }
}

function rmQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

// ─── Running ─────────────────────────────────────────────────────────────────────────────────

/** Output of the command (injectable for tests). */
export interface RenderIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Progress goes to stderr on a terminal only. */
  isTTY: boolean;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Builds dist/web when it is missing or older than its sources. */
function ensureWebBuild(io: RenderIo): void {
  const list = (dir: string): string[] => {
    const out: string[] = [];
    const walk = (d: string): void => {
      let names: string[];
      try {
        names = readdirSync(d);
      } catch {
        return;
      }
      for (const name of names) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else out.push(p);
      }
    };
    walk(dir);
    return out;
  };
  const mtime = (p: string): number | null => {
    try {
      return statSync(p).mtimeMs;
    } catch {
      return null;
    }
  };
  if (!webBuildIsStale({ root: ROOT, mtime, list })) return;
  io.err('descent render: building the browser version (dist/web)…\n');
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', join('renderer', 'vite.config.ts')],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    io.err(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error('the browser build failed (see above)');
  }
}

/** Exit code for a cancelled render (the shell's for SIGINT). */
export const CANCELLED = 130;

/** Runs `descent render`; resolves with the exit code. */
export async function render(argv: readonly string[], io: RenderIo): Promise<number> {
  const options = parseRenderArgs(argv);
  if (options === 'help') {
    io.out(RENDER_HELP);
    return 0;
  }
  const started = Date.now();
  const choice = systemBrowser(options.browser);
  if (!choice) {
    throw new UsageError(
      options.browser
        ? `No browser at ${options.browser} (not an executable file).`
        : 'No browser to render with: install Chromium or Google Chrome (or the desktop app’s Electron), or pass --browser PATH.',
    );
  }
  for (const note of options.notes) io.err(`descent render: ${note}\n`);
  ensureWebBuild(io);

  const plan = planExport(options.scene, options.settings, options.scene.timeline.position);
  const ext = extname(options.output);
  const baseName = basename(options.output, ext);
  const files = new OutputFiles(dirname(options.output));
  const server = await serve(join(ROOT, 'dist', 'web'), 0);
  let session: Session | null = null;
  let interrupted = false;
  const pageErrors: string[] = [];

  const onSignal = (): void => {
    if (interrupted) return;
    interrupted = true;
    if (io.isTTY) io.err('\n');
    io.err('descent render: cancelling…\n');
    void session?.page
      .evaluate(() => {
        (globalThis as { __descentCancel?: () => void }).__descentCancel?.();
      })
      .catch(() => undefined);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    try {
      session =
        choice.kind === 'electron'
          ? await openElectron(choice.path)
          : await openChromium(choice.path);
    } catch (error) {
      if (choice.kind !== 'electron' || options.browser) throw error;
      // The Electron runtime could not be driven: fall back to a system browser.
      const fallback = findBrowser(null, {
        root: ROOT,
        platform: process.platform,
        env: process.env,
        isExecutable: executable,
        electron: () => null,
      });
      if (!fallback) throw error;
      io.err(
        `descent render: Electron did not start (${String(error)}); using ${fallback.path}.\n`,
      );
      session = await openChromium(fallback.path);
    }
    const page = session.page;
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await page.exposeBinding(
      '__descentSink',
      (
        _source,
        event: { op: string; file: number; name?: string; position?: number | null; data?: string },
      ) => {
        switch (event.op) {
          case 'open':
            files.begin(event.file, event.name ?? `${baseName}${ext}`);
            break;
          case 'write':
            files.write(
              event.file,
              event.position ?? null,
              Buffer.from(event.data ?? '', 'base64'),
            );
            break;
          case 'finish':
            files.finish(event.file);
            break;
          case 'cancel':
            files.cancel(event.file);
            break;
        }
        return true;
      },
    );
    const showProgress = io.isTTY && !options.quiet;
    await page.exposeBinding('__descentProgress', (_source, p: ExportProgress) => {
      if (!showProgress || p.total === 0) return;
      const pct = Math.floor((p.done / p.total) * 100);
      const eta = p.etaMs !== null ? ` · ${Math.ceil(p.etaMs / 1000)} s left` : '';
      const clip = p.clips > 1 ? ` · clip ${p.clip + 1}/${p.clips}` : '';
      io.err(`\rdescent render: frame ${p.done}/${p.total} (${pct}%)${clip}${eta}   `);
    });

    await page.goto(`${server.url}?render`);
    // The page registers its entry points once it has started (see automation.ts).
    await page.waitForFunction('document.documentElement.dataset.renderReady === "true"', null, {
      timeout: 60_000,
    });
    if (interrupted) throw new Cancelled();
    const outcome = (await page.evaluate(
      (request) =>
        (
          globalThis as unknown as { __descentRender: (r: unknown) => Promise<unknown> }
        ).__descentRender(request),
      { scene: options.scene, settings: options.settings, baseName },
    )) as RenderOutcome;
    if (showProgress) io.err('\n');

    if (!outcome.ok) {
      files.discardAll();
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
    if (interrupted) {
      files.discardAll();
      throw new Cancelled();
    }
    const r = outcome.result;
    const names = files.written.map((f) => basename(f.path));
    const bytes = files.written.reduce((n, f) => n + f.bytes, 0);
    const what =
      names.length === 1 ? names[0]! : `${names.length} files ${names[0]} … ${names.at(-1)}`;
    const frames = plan.settings.kind === 'png' ? '1 frame' : `${r.frames} frames at ${r.fps} fps`;
    io.out(
      `descent render: wrote ${what} (${r.width}×${r.height}, ${frames}, ${r.encoder}, ${formatBytes(bytes)}) from ${options.source} in ${((Date.now() - started) / 1000).toFixed(1)} s with ${session.label}\n`,
    );
    return 0;
  } catch (error) {
    files.discardAll();
    if (error instanceof Cancelled) {
      io.err('descent render: cancelled; nothing was written.\n');
      return CANCELLED;
    }
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
    await server.close();
  }
}

class Cancelled extends Error {
  override readonly name = 'Cancelled';
}
