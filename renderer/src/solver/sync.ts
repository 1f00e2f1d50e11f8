/**
 * Keeps what the solver computed in step with the scene. Watches the store (and the playhead)
 * and sends a request whenever its inputs change:
 *
 * - `describe` when f changes (dimension, TeX, minima);
 * - `surface` when f (once described), the domain, the mesh resolution or the contour count change;
 * - `trajectories` when f, the domain or any run changes — synchronously inside the change, so a
 *   slider drag sends one request per input event; the client drops answers that a newer request
 *   on the same channel has superseded;
 * - `analyze` at the selected run's current row (readout, Hessian, Taylor overlays), with the
 *   directional derivative along d̂ (the scene's `direction`) when that overlay is on for a
 *   surface, else along the step the optimizer took.
 *
 * {@link SolverSync.settled} resolves once every request sent so far has been answered and
 * handled, including the requests those answers led to: the export pipeline waits on it before
 * each frame instead of polling.
 */
import type { SolverClient } from '../../../shared/client.ts';
import type { RunSpec } from '../../../shared/schema.ts';
import type { Scene } from '../../../shared/scene/document.ts';
import { currentInfo, problemKey } from '../store/problemInfo.ts';
import { COL, STRIDE } from '../../../shared/types.ts';
import { drawNow } from '../store/drawNow.ts';
import { rowAt } from '../store/timeline.ts';
import type { AppState, AppStore } from '../store/types.ts';

/** Grid samples for a 1D curve: finer than a surface row, it is only one line. */
const CURVE_SAMPLES = 480;

function runSpecs(scene: Scene): RunSpec[] {
  return scene.runs.map((r) => ({
    id: r.id,
    params: r.params,
    start: r.start,
    steps: r.steps,
    ...(r.batch !== undefined ? { batch: r.batch } : {}),
  }));
}

/** A running sync. */
export interface SolverSync {
  /** Stops watching the store. */
  stop: () => void;
  /**
   * Resolves once nothing is in flight: every answer has been received and handled (an
   * answer's handler may send the next request, which is then waited for too).
   */
  settled: () => Promise<void>;
}

/** Starts syncing the store's scene with the solver behind `client`. */
export function startSolverSync(store: AppStore, client: SolverClient): SolverSync {
  let pending = 0;
  let waiters: (() => void)[] = [];
  /** Counts a request until its answer (stale or not) has been handled. */
  const track = <T>(request: Promise<T>, handle: (answer: T) => void): void => {
    pending++;
    void request.then(handle).finally(() => {
      if (--pending > 0) return;
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
    });
  };

  // Progress of a slow build (a network's slice) shows over the last picture.
  client.onProgress = ({ done, total }) =>
    store.getState().setBuilding(done < total ? done / total : null);

  let describedKey: string | null = null;
  let surfaceKey: string | null = null;
  let trajectoryKey: string | null = null;

  const describe = (state: AppState): void => {
    const key = problemKey(state.scene.problem);
    if (key === describedKey) return;
    describedKey = key;
    const problem = state.scene.problem;
    track(client.request({ type: 'describe', problem }), (outcome) => {
      if (outcome.status === 'stale') return;
      store.getState().setBuilding(null);
      if (outcome.status === 'error') {
        store.getState().setError('problem', outcome.error);
        return;
      }
      store.getState().setError('problem', null);
      store.getState().setInfo(key, outcome.result);
    });
  };

  const surface = (state: AppState): void => {
    const { scene } = state;
    const info = currentInfo(state);
    // Wait for describe: it refuses an f that cannot be read before a grid is asked for.
    if (!info) return;
    const pKey = problemKey(scene.problem);
    // A curve is sampled along x only, finer than a surface row.
    const curve = info.dim === 1;
    const nx = curve ? CURVE_SAMPLES : scene.view.resolution;
    const ny = curve ? 1 : scene.view.resolution;
    const levels =
      scene.overlays.contours || scene.overlays.floorContours ? scene.view.contourLevels : 0;
    // The colour scale is sent so that the solver contours a log scale too (see protocol.ts).
    const colorScale = scene.view.colorScale;
    const key = JSON.stringify([pKey, scene.domain, nx, ny, levels, colorScale]);
    if (key === surfaceKey) return;
    surfaceKey = key;
    track(
      client.request({
        type: 'surface',
        problem: scene.problem,
        domain: scene.domain,
        nx,
        ny,
        levels,
        colorScale,
      }),
      (outcome) => {
        if (outcome.status === 'stale') return;
        if (outcome.status === 'error') {
          // Keep the last good surface on screen; the panel shows why the new one failed.
          store.getState().setError('surface', outcome.error);
          surfaceKey = null;
          return;
        }
        store.getState().setError('surface', null);
        store.getState().setSurface(outcome.result);
      },
    );
  };

  const trajectories = (state: AppState): void => {
    const { scene } = state;
    const runs = runSpecs(scene);
    const key = JSON.stringify([problemKey(scene.problem), scene.domain, runs]);
    if (key === trajectoryKey) return;
    trajectoryKey = key;
    const { perf } = state.runtime;
    const inputAt = perf.takeInput();
    if (runs.length === 0) {
      store.getState().clearTrajectories();
      store.getState().setError('trajectories', null);
      return;
    }
    track(
      client.request({ type: 'trajectories', problem: scene.problem, domain: scene.domain, runs }),
      (outcome) => {
        if (outcome.status === 'stale') return;
        const s = store.getState();
        if (outcome.status === 'error') {
          // Drawing the old paths under new controls would contradict them: clear instead.
          s.clearTrajectories();
          s.setError('trajectories', outcome.error);
          return;
        }
        s.setError('trajectories', null);
        perf.solverMs = outcome.result.elapsedMs;
        s.setTrajectories(outcome.result.trajectories);
        // The line buffers were written synchronously by the view's subscription above.
        perf.markApplied(inputAt);
        drawNow();
      },
    );
  };

  // Inputs of the last analyze request, compared field by field: this runs on every playhead
  // move (every frame while playing) and must not allocate unless something changed.
  let lastRun: string | null = null;
  let lastRow = -1;
  let lastVersion = -1;
  let lastProbe: number[] | null = null;
  /** d̂'s angle when the directional overlay asked for it, else NaN (along the step). */
  let lastDirection = NaN;

  const analyze = (state: AppState): void => {
    const { scene, trajectories: all, trajectoryVersion } = state;
    const runId = scene.selectedRunId;
    const t = runId ? all[runId] : undefined;
    if (!runId || !t || t.count === 0) {
      lastRun = null;
      if (state.analysis) state.setAnalysis(null);
      return;
    }
    const k = rowAt(state.runtime.playhead.position, t.count);
    const dim = t.dim;
    const angle = scene.overlays.directional && dim === 2 ? scene.direction : NaN;
    if (
      runId === lastRun &&
      k === lastRow &&
      trajectoryVersion === lastVersion &&
      scene.probe === lastProbe &&
      Object.is(angle, lastDirection)
    ) {
      return;
    }
    lastRun = runId;
    lastRow = k;
    lastVersion = trajectoryVersion;
    lastProbe = scene.probe;
    lastDirection = angle;
    const probe = scene.probe && scene.probe.length === dim ? scene.probe : null;
    const key = `${runId}|${k}|${trajectoryVersion}|${probe ? probe.join(',') : ''}|${angle}`;
    const base = k * STRIDE;
    const at = dim === 1 ? [t.data[base + COL.x]!] : [t.data[base + COL.x]!, t.data[base + COL.y]!];
    const update =
      dim === 1 ? [t.data[base + COL.ux]!] : [t.data[base + COL.ux]!, t.data[base + COL.uy]!];
    const hasStep = update.some((u) => u !== 0);
    const nextPoint = hasStep ? at.map((v, i) => v + update[i]!) : null;
    const taylorTo = probe ?? nextPoint;
    const radians = (angle * Math.PI) / 180;
    const direction = Number.isNaN(angle)
      ? hasStep
        ? update
        : null
      : [Math.cos(radians), Math.sin(radians)];
    track(
      client.request({
        type: 'analyze',
        problem: scene.problem,
        at,
        ...(direction ? { direction } : {}),
        ...(taylorTo ? { taylorTo } : {}),
      }),
      (outcome) => {
        if (outcome.status === 'stale') return;
        const s = store.getState();
        if (outcome.status === 'error') {
          s.setError('analysis', outcome.error);
          s.setAnalysis(null);
          return;
        }
        s.setError('analysis', null);
        s.setAnalysis({ key, runId, step: k, result: outcome.result });
      },
    );
  };

  const onChange = (state: AppState): void => {
    describe(state);
    surface(state);
    trajectories(state);
    analyze(state);
  };

  const unsubscribe = store.subscribe((state) => onChange(state));
  const unlisten = store.getState().runtime.playhead.subscribe(() => analyze(store.getState()));
  onChange(store.getState());
  return {
    stop: () => {
      client.onProgress = null;
      unsubscribe();
      unlisten();
    },
    settled: () =>
      pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
  };
}
