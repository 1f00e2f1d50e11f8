/**
 * Scene slice: the document, its undo history and every edit. Edits are pure functions from
 * lib/sceneEdits.ts; this file only wires them to history and to the playhead.
 */
import type { StateCreator } from 'zustand/vanilla';
import { defaultScene } from '../../../shared/scene/document.ts';
import type { Scene } from '../../../shared/scene/document.ts';
import { mlpDomain } from '../../../shared/model/mlpSpec.ts';
import { getSurface } from '../../../shared/surfaces.ts';
import { closeGesture, emptyHistory, recordEdit, redo, undo } from './history.ts';
import * as edits from './sceneEdits.ts';
import { clampPosition } from './timeline.ts';
import { timelineEnd } from '../../../shared/scene/document.ts';
import type { AppState, SceneSlice } from './types.ts';

type Creator = StateCreator<AppState, [['zustand/subscribeWithSelector', never]], [], SceneSlice>;

/** Dimension of the current problem as far as the UI knows it (describe answer, else 2). */
function currentDim(state: AppState): 1 | 2 {
  return state.info?.dim ?? 2;
}

export const createSceneSlice =
  (initial: Scene = defaultScene()): Creator =>
  (set, get) => {
    /**
     * Puts a new document in place and moves the playhead to its saved position. `saved`: the
     * document counts as saved (in the same update, so no one sees it dirty in between).
     */
    const show = (scene: Scene, history = get().history, saved = false): void => {
      const revision = get().revision + 1;
      set({ scene, history, revision, ...(saved ? { savedRevision: revision } : {}) });
      const { playhead } = get().runtime;
      playhead.set(clampPosition(scene.timeline.position, timelineEnd(scene)));
    };

    const edit: SceneSlice['edit'] = (recipe, gesture = null) => {
      const { scene, history } = get();
      const next = recipe(scene);
      if (next === scene) return;
      set({
        scene: next,
        history: recordEdit(history, scene, gesture),
        revision: get().revision + 1,
      });
      // Fewer steps may have cut the timeline short.
      const { playhead } = get().runtime;
      const end = timelineEnd(next);
      if (playhead.position > end) playhead.set(end);
    };

    const editQuietly: SceneSlice['editQuietly'] = (recipe) => {
      const { scene } = get();
      const next = recipe(scene);
      if (next !== scene) set({ scene: next });
    };

    return {
      scene: initial,
      history: emptyHistory<Scene>(),
      revision: 0,
      savedRevision: 0,
      markSaved: (revision = get().revision) => {
        if (get().savedRevision !== revision) set({ savedRevision: revision });
      },
      documentFile: null,
      setDocumentFile: (documentFile) => set({ documentFile }),
      edit,
      editQuietly,
      commitGesture: () => {
        const { history } = get();
        const closed = closeGesture(history);
        if (closed !== history) set({ history: closed });
      },
      undo: () => {
        const step = undo(get().history, get().scene);
        if (step) show(step.document, step.history);
      },
      redo: () => {
        const step = redo(get().history, get().scene);
        if (step) show(step.document, step.history);
      },
      openScene: (scene) => {
        const { scene: current, history } = get();
        // Another document in the editor: the slide being edited keeps its scene.
        set({ editingSlideId: null });
        show(scene, recordEdit(history, current));
        set((s) => ({ playing: false, cameraNonce: s.cameraNonce + 1 }));
      },
      openParsed: (parse) => {
        if (!parse.ok) {
          get().notify('error', parse.message);
          return false;
        }
        get().openScene(parse.scene);
        return true;
      },
      resetDocument: (scene) => {
        set({ editingSlideId: null });
        show(scene, emptyHistory<Scene>(), true);
        set((s) => ({ cameraNonce: s.cameraNonce + 1 }));
      },
      newScene: () => get().openScene(defaultScene()),
      selectSurface: (id) => {
        const surface = getSurface(id);
        if (!surface) {
          get().notify('error', `Unknown surface '${id}'.`);
          return;
        }
        edit((s) => {
          if (s.problem.kind === 'surface' && s.problem.id === id) return s;
          return edits.setProblem(s, { kind: 'surface', id }, surface.objective.dim, {
            x: [...surface.domain.x],
            y: [...surface.domain.y],
          });
        });
      },
      setExpression: (source, dim) =>
        edit((s) => {
          if (s.problem.kind === 'expression' && s.problem.source === source) return s;
          const next = edits.setProblem(s, { kind: 'expression', source }, dim);
          // A built-in written out as an expression (to start editing it) is still the same f:
          // the caption still fits.
          const same =
            s.problem.kind === 'surface' && getSurface(s.problem.id)?.expression === source;
          return same ? { ...next, captionStale: s.captionStale } : next;
        }, 'expression'),
      setModelData: (data, domain) =>
        edit((s) => {
          if (s.problem.kind !== 'model') return s;
          if (domain) return edits.setProblem(s, { ...s.problem, data }, 2, domain);
          return { ...s, problem: { ...s.problem, data }, captionStale: true };
        }, 'model-data'),
      setMlp: (patch, gesture) =>
        edit((s) => {
          if (s.problem.kind !== 'mlp') return s;
          const problem = { ...s.problem, ...patch };
          return edits.setProblem(s, problem, 2, mlpDomain(problem.plane));
        }, gesture),
      setDomain: (domain) => edit((s) => edits.setDomain(s, domain)),
      addRun: () => edit((s) => edits.addRun(s, currentDim(get()))),
      addPath: (name, xs, ys) => {
        const result = edits.addPath(get().scene, name, xs, ys);
        if ('error' in result) return result.error;
        edit(() => result.scene);
        return null;
      },
      removePath: (id) => edit((s) => edits.removePath(s, id)),
      setPathVisible: (id, visible) => edit((s) => edits.setPathVisible(s, id, visible)),
      duplicateRun: (id) => edit((s) => edits.duplicateRun(s, id)),
      removeRun: (id) => edit((s) => edits.removeRun(s, id)),
      // Selecting is not worth an undo step of its own.
      selectRun: (id) =>
        editQuietly((s) => (s.selectedRunId === id ? s : { ...s, selectedRunId: id })),
      updateRun: (id, patch, gesture = null) => edit((s) => edits.updateRun(s, id, patch), gesture),
      renameRun: (id, typed) => edit((s) => edits.renameRun(s, id, typed)),
      updateParams: (id, patch, gesture = null) =>
        edit((s) => edits.updateParams(s, id, patch), gesture),
      setOverlay: (key, on) =>
        edit((s) =>
          s.overlays[key] === on ? s : { ...s, overlays: { ...s.overlays, [key]: on } },
        ),
      setView: (patch) =>
        edit((s) =>
          edits.patchIsNoop(s.view, patch) ? s : { ...s, view: { ...s.view, ...patch } },
        ),
      setFigure: (patch, gesture = null) => {
        const result = edits.patchFigure(get().scene, patch);
        if ('error' in result) return result.error;
        edit(() => result.scene, gesture);
        return null;
      },
      setTimeline: (patch) =>
        edit((s) =>
          edits.patchIsNoop(s.timeline, patch)
            ? s
            : { ...s, timeline: { ...s.timeline, ...patch } },
        ),
      setProbe: (probe) => edit((s) => (edits.patchIsNoop(s, { probe }) ? s : { ...s, probe })),
      setDirection: (degrees, gesture = null) =>
        edit((s) => edits.setDirection(s, degrees), gesture),
      setTitle: (title) => edit((s) => (s.title === title ? s : { ...s, title }), 'title'),
      setCaption: (caption) => edit((s) => edits.setCaption(s, caption), 'caption'),
      keepCaption: () => edit((s) => (s.captionStale ? { ...s, captionStale: false } : s)),
      clearCaption: () =>
        edit((s) =>
          s.caption === '' && !s.captionStale ? s : { ...s, caption: '', captionStale: false },
        ),
      setCameraPreset: (preset) => {
        editQuietly((s) => ({ ...s, camera: { preset } }));
        set((s) => ({ cameraNonce: s.cameraNonce + 1 }));
      },
      resetCamera: () => {
        editQuietly((s) => ({ ...s, camera: { preset: s.camera.preset } }));
        set((s) => ({ cameraNonce: s.cameraNonce + 1 }));
      },
      setCameraPose: (position, target) =>
        editQuietly((s) => ({ ...s, camera: { preset: s.camera.preset, position, target } })),
    };
  };
