/**
 * The desktop bridge: the one typed contract between the Electron main process, the preload
 * script and the renderer. The preload exposes an object of type {@link DescentBridge} as
 * `window.descent`; the main process registers one handler per {@link INVOKE_CHANNELS} entry
 * and validates every payload with {@link INVOKE_PAYLOADS}. Channel names appear nowhere else
 * than in bridgeChannels.ts (re-exported here).
 *
 * In a plain browser `window.descent` is absent and the renderer uses its browser fallbacks
 * (download links, file inputs, `navigator.clipboard`), through the same `platform` module.
 *
 * Pure TypeScript (no DOM, no Node). Main and renderer compile it in; the preload takes only
 * its types and the channel names, so it does not carry zod.
 */
import { z } from 'zod';
import { CAMERA_PRESETS, overlaysSchema } from './scene/document.ts';
import type { CameraPreset, Overlays, Scene } from './scene/document.ts';
import { LESSON_EXTENSION } from './lesson/document.ts';

// Channel names live apart so the preload can take them without zod (see bridgeChannels.ts).
export { BRIDGE_GLOBAL, EVENT_CHANNELS, INVOKE_CHANNELS } from './bridgeChannels.ts';

// ─── Menu actions ────────────────────────────────────────────────────────────────────────────

/** Overlay switches of the scene document, in schema order. */
export const OVERLAY_KEYS: readonly (keyof Overlays)[] = overlaysSchema.keyof().options;

/** Scene themes the View menu can switch to. */
export const SCENE_THEMES = ['light', 'dark'] as const;
/** A scene theme. */
export type SceneTheme = (typeof SCENE_THEMES)[number];

/** `view.preset:<id>`: open the chapter preset with that id (ids from `shared/presets.ts`). */
export type PresetAction = `view.preset:${string}`;

/**
 * Everything the application menu can ask the renderer to do. Renderer shortcuts and buttons
 * drive the same action names, so a menu click and a key press take one code path.
 */
export type MenuAction =
  | 'file.new'
  | 'file.open'
  | 'file.save'
  | 'file.saveAs'
  | 'file.openLesson'
  | 'file.saveLesson'
  | 'file.saveLessonAs'
  | 'file.exportLesson'
  | 'file.export'
  | 'edit.undo'
  | 'edit.redo'
  | 'edit.copyStepTable'
  | `view.camera.${CameraPreset}`
  | `view.overlay.${keyof Overlays}`
  | `view.theme.${SceneTheme}`
  | 'view.hud'
  | 'view.present'
  | 'help.shortcuts'
  | PresetAction;

/** The menu actions that do not carry a parameter (every {@link MenuAction} but presets). */
export type FixedMenuAction = Exclude<MenuAction, PresetAction>;

const PRESET_PREFIX = 'view.preset:';

/** Every parameterless menu action, in menu order. */
export const FIXED_MENU_ACTIONS: readonly FixedMenuAction[] = [
  'file.new',
  'file.open',
  'file.save',
  'file.saveAs',
  'file.openLesson',
  'file.saveLesson',
  'file.saveLessonAs',
  'file.exportLesson',
  'file.export',
  'edit.undo',
  'edit.redo',
  'edit.copyStepTable',
  ...CAMERA_PRESETS.map((p) => `view.camera.${p}` as const),
  ...OVERLAY_KEYS.map((k) => `view.overlay.${k}` as const),
  ...SCENE_THEMES.map((t) => `view.theme.${t}` as const),
  'view.hud',
  'view.present',
  'help.shortcuts',
];

const FIXED_ACTION_SET: ReadonlySet<string> = new Set(FIXED_MENU_ACTIONS);

/** The action that opens preset `id`. */
export function presetAction(id: string): PresetAction {
  return `${PRESET_PREFIX}${id}`;
}

/** The preset id of a `view.preset:<id>` action, or null for any other action. */
export function presetIdOf(action: MenuAction): string | null {
  return action.startsWith(PRESET_PREFIX) ? action.slice(PRESET_PREFIX.length) : null;
}

/** True when `value` is a menu action name (used where a string comes from outside). */
export function isMenuAction(value: string): value is MenuAction {
  if (FIXED_ACTION_SET.has(value)) return true;
  return (
    value.startsWith(PRESET_PREFIX) &&
    /^[a-z0-9][a-z0-9-]{0,63}$/.test(value.slice(PRESET_PREFIX.length))
  );
}

/** Human-readable labels, shared by the native menu and the renderer's shortcut help. */
export const ACTION_LABELS: Readonly<Record<FixedMenuAction, string>> = {
  'file.new': 'New Scene',
  'file.open': 'Open…',
  'file.save': 'Save',
  'file.saveAs': 'Save As…',
  'file.openLesson': 'Open Lesson…',
  'file.saveLesson': 'Save Lesson',
  'file.saveLessonAs': 'Save Lesson As…',
  'file.exportLesson': 'Export Lesson…',
  'file.export': 'Export…',
  'edit.undo': 'Undo',
  'edit.redo': 'Redo',
  'edit.copyStepTable': 'Copy Step Table',
  'view.camera.three-quarter': 'Three-Quarter View',
  'view.camera.top': 'Top View',
  'view.camera.front': 'Front View',
  'view.camera.side': 'Side View',
  'view.overlay.gradient': 'Gradient Arrows',
  'view.overlay.tangent': 'Tangent Plane',
  'view.overlay.hessian': 'Hessian Directions',
  'view.overlay.readout': 'Numeric Readout',
  'view.overlay.contours': 'Contours on Surface',
  'view.overlay.floorContours': 'Contours on Floor',
  'view.overlay.wireframe': 'Wireframe',
  'view.overlay.minima': 'Minima Markers',
  'view.overlay.axes': 'Axes',
  'view.overlay.colorBar': 'Colour Bar',
  'view.overlay.lrPlot': 'Learning-Rate Plot',
  'view.overlay.directional': 'Directional Derivative',
  'view.overlay.batchSurface': 'Minibatch Loss Surface',
  'view.theme.light': 'Light',
  'view.theme.dark': 'Dark',
  'view.hud': 'Performance HUD',
  'view.present': 'Present',
  'help.shortcuts': 'Keyboard Shortcuts',
};

/**
 * Keyboard shortcuts, in Electron accelerator syntax (`CmdOrCtrl` is ⌘ on macOS, Ctrl
 * elsewhere). In the desktop app the native menu owns these keys: the renderer must not bind
 * them itself there, or Windows and Linux would deliver the action twice. In the browser the
 * renderer binds them. None is a bare letter or digit, so typing in a field never fires one.
 */
export function acceleratorFor(action: FixedMenuAction, platform: string): string | undefined {
  if (action === 'edit.redo') return platform === 'win32' ? 'Ctrl+Y' : 'Shift+CmdOrCtrl+Z';
  return ACCELERATORS[action];
}

const ACCELERATORS: Partial<Record<FixedMenuAction, string>> = {
  'file.new': 'CmdOrCtrl+N',
  'file.open': 'CmdOrCtrl+O',
  'file.save': 'CmdOrCtrl+S',
  'file.saveAs': 'Shift+CmdOrCtrl+S',
  'file.export': 'CmdOrCtrl+E',
  'edit.undo': 'CmdOrCtrl+Z',
  'edit.copyStepTable': 'Shift+CmdOrCtrl+C',
  'view.camera.three-quarter': 'CmdOrCtrl+1',
  'view.camera.top': 'CmdOrCtrl+2',
  'view.camera.front': 'CmdOrCtrl+3',
  'view.camera.side': 'CmdOrCtrl+4',
  'view.hud': 'Shift+CmdOrCtrl+P',
  'view.present': 'F5',
  'help.shortcuts': 'CmdOrCtrl+/',
};

// ─── Values that cross the bridge ────────────────────────────────────────────────────────────

/**
 * The result of a request that the user can cancel or that can fail for a reason worth
 * showing. Refused requests (foreign sender, malformed payload) reject instead.
 */
export type Outcome<T extends object = object> =
  ({ status: 'ok' } & T) | { status: 'canceled' } | { status: 'error'; message: string };

/** A scene file on disk. */
export interface DocumentRef {
  /** Absolute path. */
  filePath: string;
  /** Base name shown to the user, e.g. `bowl.descent.json`. */
  fileName: string;
}

/** A scene the main process has opened (or a new, untitled one); sent with `onSceneOpened`. */
export interface OpenedScene {
  /** Already validated with `parseScene` in the main process. */
  scene: Scene;
  /** Absolute path, or null for a new untitled scene. */
  filePath: string | null;
  /** Base name, or 'Untitled'. */
  fileName: string;
}

/**
 * A lesson the main process has opened (dialog, drop, command line, file association, second
 * launch); sent with `onLessonOpened`. The text was checked with `parseLessonText` in the main
 * process, and the renderer parses it again (nothing that crosses the bridge is trusted).
 */
export interface OpenedLesson {
  /** The file's text, as read. */
  text: string;
  /** Absolute path. */
  filePath: string;
  /** Base name, e.g. `calculus.descent-lesson.json`. */
  fileName: string;
  /** Start present mode at its first slide (`--present` on the command line). */
  present: boolean;
}

/**
 * Lesson file extensions: `.descent-lesson` too, because Windows and macOS associate files by
 * their last extension only (as `.descent` is for scenes).
 */
export const LESSON_EXTENSIONS = [LESSON_EXTENSION, '.descent-lesson'] as const;
/** The lesson extensions as messages name them. */
export const LESSON_PATTERNS = LESSON_EXTENSIONS.map((ext) => `*${ext}`).join(', ');
/** Whether `name` (a file name or path) has one of {@link LESSON_EXTENSIONS}, in any case. */
export function isLessonPath(name: string): boolean {
  const lower = name.toLowerCase();
  return LESSON_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Versions shown in About and useful in bug reports. */
export interface AppInfo {
  name: string;
  version: string;
  electron: string;
  chrome: string;
  node: string;
  v8: string;
  /** `process.platform` of the main process. */
  platform: string;
  arch: string;
}

/** The app-wide colour preference; `system` follows the OS. */
export const THEME_PREFERENCES = ['system', 'light', 'dark'] as const;
/** See {@link THEME_PREFERENCES}. */
export type ThemePreference = (typeof THEME_PREFERENCES)[number];

/** Largest scene text accepted for saving (characters). Real scenes are a few KB. */
export const MAX_SCENE_TEXT = 5_000_000;
/** Largest lesson text accepted for saving (characters): up to 300 slides of scenes. */
export const MAX_LESSON_TEXT = 50_000_000;
/** Largest text put on the clipboard (characters). */
export const MAX_CLIPBOARD_TEXT = 5_000_000;
/** Largest chunk one `exportWrite` may carry (bytes); stream bigger outputs in pieces. */
export const MAX_EXPORT_CHUNK = 64 * 1024 * 1024;

/**
 * Last-used export options, owned by the export dialog: a flat record of small scalars
 * (format, width, height, fps, …) so the settings file stays readable and bounded.
 */
export const exportOptionsSchema = z
  .record(
    z.string().min(1).max(64),
    z.union([z.string().max(256), z.number(), z.boolean(), z.null()]),
  )
  .refine((r) => Object.keys(r).length <= 64, { message: 'at most 64 export options' });
/** See {@link exportOptionsSchema}. */
export type ExportOptions = z.infer<typeof exportOptionsSchema>;

/**
 * The public web build's address that desktop share links point at: an http(s) URL, or '' for
 * none. Checked in the main process (settings and the request below) and in the dialog.
 */
export const shareBaseUrlSchema = z.union([
  z.literal(''),
  z.url({ protocol: /^https?$/ }).max(2048),
]);

/** What the renderer can read of the settings. */
export interface Preferences {
  theme: ThemePreference;
  /** Null until the user has exported once. */
  lastExportOptions: ExportOptions | null;
  /**
   * Address of the public web build (`https://…/`) that desktop share links point at, or null
   * when none is set: an `app://` link opens nowhere outside the app, so Share link is hidden.
   */
  shareBaseUrl: string | null;
}

/** File kinds the export sink writes; the key is also the file extension. */
export const EXPORT_FORMATS = {
  mp4: 'MP4 video (H.264)',
  webm: 'WebM video (VP9)',
  gif: 'Animated GIF',
  png: 'PNG image',
  zip: 'PNG sequence (zip)',
  pptx: 'PowerPoint deck',
  html: 'Web page (HTML)',
} as const;
/** See {@link EXPORT_FORMATS}. */
export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** An open export sink: bytes go to a hidden temporary file until `exportFinish`. */
export interface ExportSinkRef extends DocumentRef {
  /** Opaque handle for the other export calls; only the window that opened it may use it. */
  sinkId: string;
}

/**
 * The part of a dropped `File` the bridge needs. A DOM `File` fits; the preload turns it
 * into a path with `webUtils.getPathForFile` (the renderer never sees paths of drops).
 */
export interface DroppedFile {
  readonly name: string;
}

/** Unsubscribes a listener. */
export type Unsubscribe = () => void;

// ─── Channels and payload schemas ────────────────────────────────────────────────────────────

const sinkId = z.string().regex(/^[0-9a-f-]{36}$/, 'not an export sink id');

/**
 * zod schema of the payload of every renderer → main request, keyed by bridge method name.
 * Methods without an argument take `undefined`. Objects are strict: unknown keys are refused.
 */
export const INVOKE_PAYLOADS = {
  ready: z.undefined(),
  getAppInfo: z.undefined(),
  getPreferences: z.undefined(),
  setDocumentState: z.strictObject({
    dirty: z.boolean(),
    /** An open lesson has unsaved changes (omitted: no lesson, or unchanged). */
    lessonDirty: z.boolean().optional(),
  }),
  newScene: z.strictObject({ presetId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/) }).optional(),
  openScene: z.undefined(),
  openPath: z.strictObject({ path: z.string().min(1).max(4096) }),
  saveScene: z.strictObject({ text: z.string().max(MAX_SCENE_TEXT), saveAs: z.boolean() }),
  openLesson: z.undefined(),
  saveLesson: z.strictObject({
    text: z.string().max(MAX_LESSON_TEXT),
    /** Always ask where (Save Lesson As). */
    saveAs: z.boolean(),
    /** The renderer's lesson has no file yet (new, built-in): ask where, as Save As would. */
    untitled: z.boolean(),
  }),
  copyText: z.strictObject({ text: z.string().max(MAX_CLIPBOARD_TEXT) }),
  setThemePreference: z.strictObject({ theme: z.enum(THEME_PREFERENCES) }),
  setExportOptions: z.strictObject({ options: exportOptionsSchema }),
  setShareBaseUrl: z.strictObject({ url: shareBaseUrlSchema }),
  exportBegin: z.strictObject({
    format: z.enum(Object.keys(EXPORT_FORMATS) as [ExportFormat, ...ExportFormat[]]),
    /** File name proposed in the save dialog, without folder. */
    suggestedName: z.string().min(1).max(200),
  }),
  exportWrite: z.strictObject({
    sinkId,
    bytes: z
      .instanceof(Uint8Array)
      .refine((b) => b.byteLength <= MAX_EXPORT_CHUNK, { message: 'chunk too large' }),
    /** Byte offset to write at (muxers patch headers); omitted: append. */
    position: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  }),
  exportFinish: z.strictObject({ sinkId }),
  exportCancel: z.strictObject({ sinkId }),
} as const;

/** Name of a renderer → main request (a bridge method, except `openPath`). */
export type InvokeMethod = keyof typeof INVOKE_PAYLOADS;
/** Validated payload type of request `M`. */
export type InvokeArgs<M extends InvokeMethod> = z.output<(typeof INVOKE_PAYLOADS)[M]>;

/** Result type of each request. */
export interface InvokeResults {
  ready: void;
  getAppInfo: AppInfo;
  getPreferences: Preferences;
  setDocumentState: void;
  newScene: Outcome;
  openScene: Outcome<DocumentRef>;
  openPath: Outcome<DocumentRef>;
  saveScene: Outcome<DocumentRef>;
  openLesson: Outcome<DocumentRef>;
  saveLesson: Outcome<DocumentRef>;
  copyText: Outcome;
  setThemePreference: void;
  setExportOptions: void;
  setShareBaseUrl: void;
  exportBegin: Outcome<ExportSinkRef>;
  exportWrite: Outcome<{ bytesWritten: number }>;
  exportFinish: Outcome<DocumentRef>;
  exportCancel: void;
}
/** Result type of request `M`. */
export type InvokeResult<M extends InvokeMethod> = InvokeResults[M];

/** Payload of each main → renderer event. */
export interface EventPayloads {
  menuAction: MenuAction;
  sceneOpened: OpenedScene;
  lessonOpened: OpenedLesson;
}
/** Name of a main → renderer event. */
export type EventName = keyof EventPayloads;

// ─── The object on window.descent ────────────────────────────────────────────────────────────

/**
 * `window.descent` in the desktop app. Every method resolves with a plain value; a request
 * the main process refuses (it should never happen from our own renderer) rejects.
 *
 * Startup: register `onMenuAction`, `onSceneOpened` and `onLessonOpened`, then call `ready()`;
 * files opened before that (command line, file association, second launch) are delivered right
 * after it.
 */
export interface DescentBridge {
  /** `process.platform` (`darwin`, `win32`, `linux`): for shortcut labels (⌘ vs Ctrl). */
  readonly platform: string;
  /** The renderer's listeners are registered: deliver pending scenes now. */
  ready(): Promise<InvokeResult<'ready'>>;
  /** App, Electron, Chromium and Node versions. */
  getAppInfo(): Promise<InvokeResult<'getAppInfo'>>;
  /** Theme preference and last export options. */
  getPreferences(): Promise<InvokeResult<'getPreferences'>>;
  /** Report unsaved changes; drives the title mark and the save prompt on close/quit. */
  setDocumentState(state: InvokeArgs<'setDocumentState'>): Promise<void>;
  /**
   * Start a new, untitled scene: the default one, or chapter preset `presetId` (the
   * `view.preset:<id>` action). Asks to save unsaved changes first. On `ok` the scene
   * arrives through `onSceneOpened` with `filePath: null`, so a later Save never overwrites
   * the file that was open before.
   */
  newScene(request?: InvokeArgs<'newScene'>): Promise<InvokeResult<'newScene'>>;
  /** Open dialog; the scene arrives through `onSceneOpened`. Errors are shown natively. */
  openScene(): Promise<InvokeResult<'openScene'>>;
  /**
   * Open a scene or lesson file dropped on the window; it arrives through `onSceneOpened` or
   * `onLessonOpened`.
   */
  openDroppedFile(file: DroppedFile): Promise<InvokeResult<'openPath'>>;
  /**
   * Save the current scene text (`serializeScene(scene)`): to its file, or through a Save
   * dialog when untitled or `saveAs`. Atomic; on `error` the message says why (also shown
   * natively) and the document stays dirty. On `ok` the main process marks it clean.
   */
  saveScene(request: InvokeArgs<'saveScene'>): Promise<InvokeResult<'saveScene'>>;
  /**
   * Open dialog for a lesson (asks to save unsaved lesson and scene changes first: the lesson's
   * first slide replaces the scene in the editor); the lesson arrives through `onLessonOpened`.
   */
  openLesson(): Promise<InvokeResult<'openLesson'>>;
  /**
   * Save the lesson text (`serializeLesson(lesson)`): to its file, or through a Save dialog when
   * `untitled` or `saveAs`. Atomic; errors are also shown natively. On `ok` the main process
   * marks the lesson clean. (Dropped lesson files go through `openDroppedFile`.)
   */
  saveLesson(request: InvokeArgs<'saveLesson'>): Promise<InvokeResult<'saveLesson'>>;
  /** Put text (e.g. the step table) on the clipboard; `error` when the system refused it. */
  copyText(request: InvokeArgs<'copyText'>): Promise<InvokeResult<'copyText'>>;
  /** Remember the theme preference (also updates the View menu and native dialogs). */
  setThemePreference(request: InvokeArgs<'setThemePreference'>): Promise<void>;
  /** Remember the export dialog's options. */
  setExportOptions(request: InvokeArgs<'setExportOptions'>): Promise<void>;
  /** Remember the public web build's address for share links ('' forgets it). */
  setShareBaseUrl(request: InvokeArgs<'setShareBaseUrl'>): Promise<void>;
  /** Save dialog for an export; on `ok` write chunks to `sinkId`. */
  exportBegin(request: InvokeArgs<'exportBegin'>): Promise<InvokeResult<'exportBegin'>>;
  /** Write one chunk (at `position`, or appended). On `error` the sink is already removed. */
  exportWrite(request: InvokeArgs<'exportWrite'>): Promise<InvokeResult<'exportWrite'>>;
  /** Flush and move the file into place under its chosen name. */
  exportFinish(request: InvokeArgs<'exportFinish'>): Promise<InvokeResult<'exportFinish'>>;
  /** Abandon the export and delete the partial file. */
  exportCancel(request: InvokeArgs<'exportCancel'>): Promise<void>;
  /** Menu clicks (and their accelerators). */
  onMenuAction(listener: (action: MenuAction) => void): Unsubscribe;
  /** A scene to show: opened, dropped, from the command line, or new. */
  onSceneOpened(listener: (opened: OpenedScene) => void): Unsubscribe;
  /** A lesson to show: opened, dropped, from the command line (perhaps to present at once). */
  onLessonOpened(listener: (opened: OpenedLesson) => void): Unsubscribe;
}
