/**
 * The shape of the one application store: the scene document (with undo history), what the
 * solver computed from it, and transient UI state. Each slice's actions sit next to its state.
 * @see ./appStore.ts for how the slices are combined.
 */
import type { DataSpec } from '../../../shared/schema.ts';
import type { MlpSpec } from '../../../shared/model/mlpSpec.ts';
import type { StoreApi } from 'zustand/vanilla';
import type { CameraPreset, Overlays, RunDoc, Scene } from '../../../shared/scene/document.ts';
import type { SceneParse } from '../../../shared/scene/parse.ts';
import type { FigureSettings } from '../../../shared/scene/figure.ts';
import type { Lesson, Slide } from '../../../shared/lesson/document.ts';
import type { LessonParse } from '../../../shared/lesson/parse.ts';
import type {
  AnalyzeResult,
  ProblemInfo,
  SolverError,
  SurfaceResult,
  TrajectoryResult,
} from '../../../shared/protocol.ts';
import type { Dim, Domain, OptimizerParams } from '../../../shared/types.ts';
import type { History } from './history.ts';
import type { PerfTracker } from './perf.ts';
import type { Playhead } from './playhead.ts';

/** Where the current document lives on disk (desktop app). */
export interface DocumentFile {
  /** Absolute path, or null while the document is untitled. */
  filePath: string | null;
  /** Name shown to the user, e.g. `bowl.descent.json` or `Untitled`. */
  fileName: string;
}

/** The scene document and every edit of it. */
export interface SceneSlice {
  /** The current document: the single source of truth for what is shown. */
  scene: Scene;
  /** Undo/redo snapshots of `scene`. */
  history: History<Scene>;
  /**
   * Counts changes of the document's content: every undoable edit, undo, redo and every
   * scene put in place. Quiet changes (camera pose, timeline position, selection) do not count.
   */
  revision: number;
  /**
   * `revision` as last saved or opened; the document has unsaved changes while the two differ.
   * @see ../platform/documentState.ts
   */
  savedRevision: number;
  /** Records that the document as of `revision` (default: the current one) is saved. */
  markSaved: (revision?: number) => void;
  /** The file the document was opened from or saved to (desktop app); null in the browser. */
  documentFile: DocumentFile | null;
  setDocumentFile: (file: DocumentFile | null) => void;
  /**
   * Applies an edit with an undo entry. Edits with the same `gesture` key coalesce into one
   * entry until {@link commitGesture} (slider drags, typing).
   */
  edit: (recipe: (scene: Scene) => Scene, gesture?: string | null) => void;
  /** Changes the scene without an undo entry (camera pose, timeline position). */
  editQuietly: (recipe: (scene: Scene) => Scene) => void;
  /** Ends the open gesture: the next edit starts a new undo entry. */
  commitGesture: () => void;
  undo: () => void;
  redo: () => void;
  /** Replaces the whole document (open, preset, link) as one undoable step. */
  openScene: (scene: Scene) => void;
  /** Opens a parsed document, or keeps the current scene and shows the refusal message. */
  openParsed: (parse: SceneParse) => boolean;
  /**
   * Replaces the document and forgets the history; the new document counts as saved (startup:
   * restored scene; desktop: a scene opened from a file or a new one).
   */
  resetDocument: (scene: Scene) => void;
  /** Starts a new default document. */
  newScene: () => void;
  /** Picks a built-in surface (with its domain; run starts are refitted). */
  selectSurface: (id: string) => void;
  /** Switches to a typed expression already validated by the solver (`dim` from its answer). */
  setExpression: (source: string, dim: Dim) => void;
  /**
   * On a model's loss: another data set (or other points of the same recipe); `domain` (new data
   * whose loss lies elsewhere) also moves the viewing box, refitting the run starts.
   */
  setModelData: (data: DataSpec, domain?: Domain) => void;
  /**
   * On a network's slice: other network or training settings (the viewing box follows the
   * plane). `gesture` merges a slider drag into one undo step.
   */
  setMlp: (patch: Partial<Omit<MlpSpec, 'kind'>>, gesture?: string) => void;
  /** Sets the viewing box. */
  setDomain: (domain: Domain) => void;
  addRun: () => void;
  /** Draws an imported path on the surface; returns null, or the sentence saying why not. */
  addPath: (name: string, xs: ArrayLike<number>, ys: ArrayLike<number>) => string | null;
  removePath: (id: string) => void;
  setPathVisible: (id: string, visible: boolean) => void;
  duplicateRun: (id: string) => void;
  removeRun: (id: string) => void;
  selectRun: (id: string) => void;
  updateRun: (id: string, patch: Partial<Omit<RunDoc, 'id'>>, gesture?: string | null) => void;
  updateParams: (id: string, patch: Partial<OptimizerParams>, gesture?: string | null) => void;
  /**
   * Renames a run from its name field (which shows the label): the label itself changes nothing,
   * other text is stored as typed (the name stops following the settings), blank text makes the
   * name follow the optimizer and η again. @see ./sceneEdits.ts renameRun
   */
  renameRun: (id: string, typed: string) => void;
  setOverlay: (key: keyof Overlays, on: boolean) => void;
  setView: (patch: Partial<Scene['view']>) => void;
  /**
   * Changes a figure's settings when the result fits its kind; returns null, or the sentence
   * saying why nothing changed. `gesture` merges a slider drag into one undo step.
   */
  setFigure: (patch: Partial<FigureSettings>, gesture?: string | null) => string | null;
  setTimeline: (patch: Partial<Omit<Scene['timeline'], 'position'>>) => void;
  setProbe: (probe: number[] | null) => void;
  /** Turns d̂ of the directional derivative (degrees from +x; drags pass a gesture key). */
  setDirection: (degrees: number, gesture?: string | null) => void;
  setTitle: (title: string) => void;
  /** Sets the caption as typed (one undo entry per typing gesture); it is current again. */
  setCaption: (caption: string) => void;
  /** Keeps a caption marked stale: it still describes the scene. */
  keepCaption: () => void;
  /** Removes the caption (the answer to a stale one that no longer fits). */
  clearCaption: () => void;
  /** Chooses a camera preset (drops any explicit pose) and moves the camera there. */
  setCameraPreset: (preset: CameraPreset) => void;
  /** Back to the current preset's pose. */
  resetCamera: () => void;
  /** Stores where the user orbited to (no undo entry, no camera jump). */
  setCameraPose: (position: [number, number, number], target: [number, number, number]) => void;
}

/** A finished `analyze` answer and what it was asked about. */
export interface AnalysisState {
  /** Identifies the request (run, step, trajectory version, probe); stale results show nothing. */
  key: string;
  runId: string;
  step: number;
  result: AnalyzeResult;
}

/** Which solver request failed. */
export type SolverErrorSource = 'problem' | 'surface' | 'trajectories' | 'analysis';

/** What the solver worker computed for the current scene. */
export interface SolveSlice {
  /** `describe` answer for the scene's problem (dimension, TeX, minima, derivatives). */
  info: ProblemInfo | null;
  /**
   * Key of the problem spec `info` belongs to (see problemKey); read `info` through
   * currentInfo() so an answer for a previous f is never shown as the current one.
   */
  infoKey: string | null;
  /** Heights, gradients and contours on the grid. */
  surface: SurfaceResult | null;
  /** Trajectories by run id. */
  trajectories: Readonly<Record<string, TrajectoryResult>>;
  /** Bumped on every new set of trajectories (analysis keys include it). */
  trajectoryVersion: number;
  /** Analysis at the selected run's current step. */
  analysis: AnalysisState | null;
  /** Last failure per request kind; cleared by the next success. */
  errors: Partial<Record<SolverErrorSource, SolverError>>;
  setInfo: (key: string, info: ProblemInfo) => void;
  setSurface: (surface: SurfaceResult) => void;
  setTrajectories: (list: readonly TrajectoryResult[]) => void;
  clearTrajectories: () => void;
  setAnalysis: (analysis: AnalysisState | null) => void;
  setError: (source: SolverErrorSource, error: SolverError | null) => void;
  /**
   * How far the worker is with a problem that is slow to build (a network's slice), 0..1, or
   * null when nothing is being built. The last picture stays on screen meanwhile.
   */
  building: number | null;
  setBuilding: (fraction: number | null) => void;
}

/** A message shown in the notice bar. */
export interface Notice {
  kind: 'error' | 'info';
  text: string;
  /** Increments so the same text twice still shows again. */
  id: number;
}

export type DialogId = 'shortcuts' | 'export' | 'presets' | 'share' | 'lessonExport';

// ─── Layout and start page ─────────────────────────────────────────────────────────────────

/** A side panel of the main window. */
export type PanelSide = 'left' | 'right';
/**
 * How a side panel is shown: `auto` follows the window width (it hides itself in narrow
 * windows, see panels/panelLayout.ts); `shown` and `hidden` are the user's explicit choice.
 */
export type PanelMode = 'auto' | 'shown' | 'hidden';

/**
 * How the view draws while a slider, the start point or the camera is dragged: `auto` lowers
 * the resolution step by step when frames take longer than the frame budget (and restores it on
 * release, see view/canvas/adaptiveQuality.ts); `full` never lowers it. Still frames and
 * exports are always at full quality.
 */
export type InteractionQuality = 'auto' | 'full';

/** Window layout and start-page state: UI preferences, never part of the scene document. */
export interface LayoutState {
  /** Mode of each side panel. */
  panels: Readonly<Record<PanelSide, PanelMode>>;
  /** The start page (chapter figures, blank scene, open file) is showing. */
  startPage: boolean;
  /** Open the start page when the app starts (the user can turn it off). */
  showStartPage: boolean;
  /** Render quality while interacting (a preference of the window, see InteractionQuality). */
  interactionQuality: InteractionQuality;
  setPanelMode: (side: PanelSide, mode: PanelMode) => void;
  setStartPage: (open: boolean) => void;
  setShowStartPage: (show: boolean) => void;
  setInteractionQuality: (quality: InteractionQuality) => void;
}

/** Transient UI state (not saved in the scene). */
export interface UiSlice {
  /** Timeline playing. The position itself lives in `playhead` (per-frame). */
  playing: boolean;
  /**
   * Where playback stops this time (a beat while presenting), or null for the end of the
   * timeline. Cleared by every pause.
   */
  playUntil: number | null;
  notice: Notice | null;
  /** Next click on the surface sets the selected run's start. */
  pickStart: boolean;
  /** Open modal dialog, if any. */
  dialog: DialogId | null;
  /** Performance HUD expanded. */
  hudOpen: boolean;
  /**
   * A slider is being dragged: heavy panels such as the step table follow at a bounded rate (see
   * panels/tableRows.ts), and slow frames may be drawn at a lower resolution until the release
   * (see view/canvas/AdaptiveQuality.tsx).
   */
  sliding: boolean;
  /** Bumped when the camera must move to the scene's pose (preset chosen, reset, scene opened). */
  cameraNonce: number;
  /**
   * Exports rendering now (normally 0 or 1). An export draws offscreen while it moves the
   * shared playhead frame by frame; the on-screen view pauses meanwhile so the two do not share
   * the CPU.
   */
  exporting: number;
  play: () => void;
  pause: () => void;
  togglePlay: () => void;
  /** Plays from the playhead to `position` (a later beat) and stops there. */
  playTo: (position: number) => void;
  /** Moves the playhead by whole steps (from the current row), pausing playback. */
  stepBy: (delta: number) => void;
  /** Moves the playhead to a position (clamped), recording it in the scene. */
  seek: (position: number) => void;
  notify: (kind: Notice['kind'], text: string) => void;
  dismissNotice: () => void;
  setPickStart: (on: boolean) => void;
  openDialog: (dialog: DialogId | null) => void;
  setHudOpen: (open: boolean) => void;
  setSliding: (sliding: boolean) => void;
  /** Marks an export as rendering until the returned function is called. */
  beginExport: () => () => void;
}

/** Mutable helpers with a stable identity (never replaced, so never trigger renders). */
export interface Runtime {
  /** Live timeline position. */
  playhead: Playhead;
  /** HUD measurements. */
  perf: PerfTracker;
}

// ─── Lessons and present mode ──────────────────────────────────────────────────────────────

/** What present mode puts back when it ends: the editing state as it was. */
export interface EditingSnapshot {
  scene: Scene;
  history: History<Scene>;
  revision: number;
  savedRevision: number;
  position: number;
  startPage: boolean;
  editingSlideId: string | null;
}

/** Present mode: which slide and stop are shown. */
export interface Presentation {
  /** 0-based slide index in the presented slides. */
  slide: number;
  /** Index into the slide's stops (shared/lesson/document.ts slideStops). */
  stop: number;
  /** The screen is blacked out (B or .). */
  blackout: boolean;
  /** The slides presented: the lesson's, or the current scene alone when no lesson is open. */
  slides: readonly Slide[];
  /** Title shown in the presenter window. */
  title: string;
  /** When the presentation started (ms since the epoch; the presenter window's clock). */
  startedAt: number;
  /** The editing state to restore; null where there is none (the HTML player). */
  editing: EditingSnapshot | null;
}

/** The open lesson, its undo history, and present mode. */
export interface LessonSlice {
  /** The lesson being edited, or null (the app edits a lone scene). */
  lesson: Lesson | null;
  lessonHistory: History<Lesson>;
  /** Counts content changes of the lesson (edits, undo, redo, the edited slide's scene). */
  lessonRevision: number;
  /** `lessonRevision` as last saved or opened. */
  lessonSavedRevision: number;
  /**
   * The slide whose scene is in the editor: scene edits are written back into it. Any other
   * document put in the editor (a preset, a file, a new scene) leaves the slide as it was.
   */
  editingSlideId: string | null;
  /** The slide sorter is shown (it opens with a lesson). */
  sorterOpen: boolean;
  presentation: Presentation | null;
  /** Puts a lesson in place (not undoable; its own history starts empty) and edits slide 1. */
  openLesson: (lesson: Lesson, saved?: boolean) => void;
  /** Opens a parsed lesson, or keeps everything and shows the refusal. */
  openParsedLesson: (parse: LessonParse) => boolean;
  /** Starts a lesson whose one slide is the current scene. */
  newLesson: () => void;
  closeLesson: () => void;
  setSorterOpen: (open: boolean) => void;
  markLessonSaved: (revision?: number) => void;
  /** Adds the current scene as a slide after the edited one (or at the end) and edits it. */
  addSlide: () => void;
  duplicateSlide: (id: string) => void;
  deleteSlide: (id: string) => void;
  /** Moves slide `id` to index `to` (0-based, in the list without it). */
  moveSlide: (id: string, to: number) => void;
  /** Edits a slide's title or notes; typing in one field coalesces through `gesture`. */
  updateSlide: (
    id: string,
    patch: Partial<Pick<Slide, 'title' | 'notes'>>,
    gesture?: string,
  ) => void;
  setLessonTitle: (title: string, gesture?: string) => void;
  commitLessonGesture: () => void;
  /** Opens a slide's scene in the editor. */
  editSlide: (id: string) => void;
  lessonUndo: () => void;
  lessonRedo: () => void;
  /**
   * Writes the current scene into the edited slide (called on every scene change); `edited`:
   * the change was an edit (counts as an unsaved lesson change), not a quiet one.
   */
  syncEditedSlide: (edited: boolean) => void;
  /**
   * Enters present mode at slide `index` (default: the edited slide, else the first): the
   * lesson's slides, or the current scene alone when no lesson is open.
   */
  startPresenting: (index?: number) => void;
  /** Plays to the next stop, or moves to the next slide (forward on a clicker). */
  presentForward: () => void;
  /** Back one stop, or to the previous slide as it ends (back on a clicker). */
  presentBack: () => void;
  /** Shows slide `index` (0-based, clamped) from its first stop. */
  presentSlide: (index: number) => void;
  toggleBlackout: () => void;
  /** Leaves present mode, putting the editing state back as it was. */
  stopPresenting: () => void;
}

export type AppState = SceneSlice &
  SolveSlice &
  UiSlice &
  LayoutState &
  LessonSlice & { runtime: Runtime };

/** The store API (vanilla zustand with subscribeWithSelector). */
export type AppStore = StoreApi<AppState> & {
  subscribe: {
    (listener: (state: AppState, previous: AppState) => void): () => void;
    <U>(
      selector: (state: AppState) => U,
      listener: (selected: U, previous: U) => void,
      options?: { equalityFn?: (a: U, b: U) => boolean; fireImmediately?: boolean },
    ): () => void;
  };
};
