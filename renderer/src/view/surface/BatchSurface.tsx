/**
 * On a model's loss, the loss of the one minibatch the selected run's current step uses, drawn
 * as a light wire mesh in the run's colour with the full loss under it: it jumps from step to
 * step, which is why minibatch SGD zig-zags (each step goes downhill on its own batch's surface,
 * not on the full one). Heights use the view's frame, clamped into the box like the surface.
 */
import { invalidate, useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import {
  BufferAttribute,
  BufferGeometry,
  GreaterDepth,
  Group,
  LineBasicMaterial,
  LineSegments,
} from 'three';
import { batchIndices } from '../../../../shared/model/minibatch.ts';
import { resolveProblem } from '../../../../shared/problem.ts';
import { appStore, useApp } from '../../store/hooks.ts';
import { rowAt } from '../../store/timeline.ts';
import type { AppState } from '../../store/types.ts';
import { FRAME_ORDER } from '../canvas/FrameHooks.tsx';
import { frameOf, worldX, worldY, worldZ } from '../plot/frame.ts';

/** Grid lines per axis: enough to read the bowl's shape, cheap to redo every step. */
const LINES = 25;
/** Two segments' worth of floats per cell edge: LINES rows and columns of LINES − 1 segments. */
const FLOATS = 2 * LINES * (LINES - 1) * 2 * 3;

/** What the mesh shows now: the run's batch at the playhead's step, or null (nothing). */
function currentBatch(s: AppState) {
  const id = s.scene.selectedRunId;
  const t = id ? s.trajectories[id] : undefined;
  const run = s.scene.runs.find((r) => r.id === id);
  if (!t?.minibatch || !run || s.scene.problem.kind !== 'model') return null;
  const k = rowAt(s.runtime.playhead.position, t.count);
  const epoch = t.minibatch.epoch[k] ?? -1;
  const batch = t.minibatch.batch[k] ?? -1;
  // The last row takes no step, so it has no minibatch.
  if (epoch < 0 || batch < 0) return null;
  return { t, run, epoch, batch };
}

function BatchMesh() {
  const color = useApp(
    (s) => s.scene.runs.find((r) => r.id === s.scene.selectedRunId)?.color ?? '#000000',
  );
  // One mesh, drawn twice: where it lies above the full surface plainly, and where the surface
  // hides it faintly (the depth test reversed), so a batch surface just under the full one is
  // still seen, and seen to be under it.
  const { lines, materials } = useMemo(() => {
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(new Float32Array(FLOATS), 3));
    const shown = new LineBasicMaterial({ transparent: true, opacity: 0.7, depthWrite: false });
    const hidden = new LineBasicMaterial({
      transparent: true,
      opacity: 0.22,
      depthWrite: false,
      depthFunc: GreaterDepth,
    });
    const group = new Group();
    for (const material of [shown, hidden]) {
      const mesh = new LineSegments(geometry, material);
      mesh.frustumCulled = false;
      group.add(mesh);
    }
    group.visible = false;
    return { lines: Object.assign(group, { geometry }), materials: [shown, hidden] };
  }, []);
  useEffect(
    () => () => {
      lines.geometry.dispose();
      for (const m of materials) m.dispose();
    },
    [lines, materials],
  );
  useEffect(() => {
    for (const m of materials) m.color.set(color);
    invalidate();
  }, [materials, color]);

  // Recomputed only when the step's batch, the run's rows or the frame change.
  const last = useRef('');
  const update = (): void => {
    const s = appStore.getState();
    const frame = frameOf(s.surface);
    const current = currentBatch(s);
    const key =
      current && frame
        ? `${s.trajectoryVersion}|${current.epoch}|${current.batch}|${frame.fLow}|${frame.fHigh}|${frame.domain.x}|${frame.domain.y}`
        : '';
    if (key === last.current) return;
    last.current = key;
    if (!current || !frame) {
      lines.visible = false;
      invalidate();
      return;
    }
    const training = resolveProblem(s.scene.problem).training;
    if (!training) return;
    const { model, data } = training;
    const n = data.y.length;
    const idx = batchIndices(
      n,
      current.t.minibatch!.size,
      current.run.params.seed,
      current.epoch,
      current.batch,
    );
    const { x, y } = frame.domain;
    const heights = new Float64Array(LINES * LINES);
    const theta = new Float64Array(2);
    for (let j = 0; j < LINES; j++) {
      theta[1] = y[0] + ((y[1] - y[0]) * j) / (LINES - 1);
      for (let i = 0; i < LINES; i++) {
        theta[0] = x[0] + ((x[1] - x[0]) * i) / (LINES - 1);
        const f = model.loss(theta, data, idx, idx.length);
        // A non-finite loss (overflow far out) is drawn at the top of the box, never as NaN.
        heights[j * LINES + i] = worldY(frame, Number.isFinite(f) ? f : frame.fHigh);
      }
    }
    const positions = lines.geometry.getAttribute('position') as BufferAttribute;
    const out = positions.array as Float32Array;
    let o = 0;
    const put = (i: number, j: number): void => {
      out[o++] = worldX(frame, x[0] + ((x[1] - x[0]) * i) / (LINES - 1));
      out[o++] = heights[j * LINES + i]!;
      out[o++] = worldZ(frame, y[0] + ((y[1] - y[0]) * j) / (LINES - 1));
    };
    for (let j = 0; j < LINES; j++) {
      for (let i = 0; i + 1 < LINES; i++) {
        put(i, j);
        put(i + 1, j);
        put(j, i);
        put(j, i + 1);
      }
    }
    positions.needsUpdate = true;
    lines.visible = true;
    invalidate();
  };

  useEffect(() => {
    update();
    return appStore.subscribe(
      (s) => [s.trajectoryVersion, s.surface, s.scene.selectedRunId] as const,
      () => update(),
      { equalityFn: (a, b) => a.every((v, i) => v === b[i]) },
    );
    // `update` reads everything it needs from the store when called.
  }, [lines]);

  // The playhead moves without a store change: check each drawn frame (cheap unless the batch
  // changed).
  useFrame(() => update(), FRAME_ORDER.objects);

  return <primitive object={lines} />;
}

export function BatchSurface() {
  const on = useApp((s) => s.scene.overlays.batchSurface && s.scene.problem.kind === 'model');
  return on ? <BatchMesh /> : null;
}
