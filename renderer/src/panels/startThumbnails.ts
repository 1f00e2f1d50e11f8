/**
 * Thumbnails of the chapter's figures for the start page: a small 2D sketch of each preset —
 * a coloured contour map with the runs' paths for a surface, the curve with the runs' points
 * for a function of one variable, a flat figure's own drawing at a small scale — drawn on the
 * main thread with a 2D canvas.
 *
 * Why not an offscreen render of the real view: here WebGL runs on the CPU (SwiftShader) and one
 * 3D frame costs a good part of a second, while this sketch costs a few milliseconds per preset
 * (a few thousand evaluations of a built-in f and one short trajectory per run) and never
 * touches the store, the playhead or the open scene.
 */
import type { Scene } from '../../../shared/scene/document.ts';
import { runTrajectory } from '../../../shared/optim/trajectory.ts';
import { mlpProblem } from '../../../shared/model/mlpProblem.ts';
import { TRAINING_PATH_COLOR } from '../../../shared/model/mlpSpec.ts';
import { resolveProblem } from '../../../shared/problem.ts';
import type { RunSpec } from '../../../shared/schema.ts';
import { solveRun } from '../../../shared/solve.ts';
import { getSurface } from '../../../shared/surfaces.ts';
import { COL, STRIDE } from '../../../shared/types.ts';
import type { Objective, Trajectory } from '../../../shared/types.ts';
import { OVERLAY_COLORS, VIEW_THEMES } from '../view/canvas/theme.ts';
import { paintFigure } from '../view/figure/FigureCanvas.tsx';
import { VIEW_KINDS } from '../view/registry.ts';
import { buildViridis, LUT_SIZE } from '../view/surface/colormap.ts';

/** Width in CSS px a figure is laid out at for its sketch (then scaled to the card). */
const FIGURE_SKETCH_WIDTH = 640;

/** sRGB viridis, as bytes (the view's table is in linear light for three.js). */
const VIRIDIS = buildViridis(false).map((c) => Math.round(c * 255));

/** Number of colour bands: their edges read as contour lines. */
const BANDS = 12;

/** What a sketch needs of a preset's problem: f, and how one run is solved on it. */
interface SketchProblem {
  objective: Objective;
  log: boolean;
  solve: (run: RunSpec) => Trajectory;
  /** Paths that are not runs (a network's training). */
  extra?: { color: string; rows: Float64Array; count: number }[];
}

/**
 * The problem of a preset scene: a built-in surface (its own objective, no compiling), or a
 * model's loss (resolved as the solver does, so minibatch runs sketch their real paths).
 */
function objectiveOf(scene: Scene): SketchProblem | null {
  const logFor = (own: 'log' | null): boolean =>
    scene.view.colorScale === 'log' || (scene.view.colorScale === 'auto' && own === 'log');
  if (scene.problem.kind === 'mlp') {
    // A coarse slice (16² samples instead of 64²) keeps the sketch to a few milliseconds.
    const problem = mlpProblem(scene.problem, undefined, 16);
    const rows = problem.slice!.rows;
    return {
      objective: problem.objective,
      log: logFor(problem.colorScale),
      solve: (run) => solveRun(problem, run, scene.domain),
      extra: [{ color: TRAINING_PATH_COLOR, rows: rows.data, count: rows.count }],
    };
  }
  if (scene.problem.kind === 'model') {
    const problem = resolveProblem(scene.problem);
    return {
      objective: problem.objective,
      log: logFor(problem.colorScale),
      solve: (run) => solveRun(problem, run, scene.domain),
    };
  }
  if (scene.problem.kind !== 'surface') return null;
  const surface = getSurface(scene.problem.id);
  if (!surface) return null;
  return {
    objective: surface.objective,
    log: logFor(surface.colorScale ?? null),
    solve: (run) =>
      runTrajectory(surface.objective, run.params, run.start, run.steps, {
        domain: scene.domain,
      }),
  };
}

/** The visible runs' rows (x, y, f per row), computed as the solver would. */
function runPaths(
  scene: Scene,
  solve: SketchProblem['solve'],
): { color: string; rows: Float64Array; count: number }[] {
  const paths: { color: string; rows: Float64Array; count: number }[] = [];
  for (const run of scene.runs) {
    if (!run.visible) continue;
    try {
      const t = solve(run);
      paths.push({ color: run.color, rows: t.data, count: t.count });
    } catch {
      // A run that cannot start has no path to sketch.
    }
  }
  return paths;
}

/** Maps f to [0, 1] for colouring: linear, or log of the height above the minimum. */
function colourer(min: number, max: number, log: boolean): (f: number) => number {
  const span = max - min || 1;
  if (!log) return (f) => (f - min) / span;
  // The floor keeps the minimum itself finite; a millionth of the range shows deep valleys.
  const floor = span * 1e-6;
  const lo = Math.log(floor);
  const range = Math.log(span + floor) - lo;
  return (f) => (Math.log(Math.max(0, f - min) + floor) - lo) / range;
}

/** Draws a surface preset: colour bands over the domain (widened to the box's aspect), paths. */
function drawSurface(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  problem: SketchProblem,
  width: number,
  height: number,
): void {
  const { objective, log } = problem;
  const d = scene.domain;
  // Keep x and y at the same scale: widen the shorter side of the domain to the box's aspect.
  const dx = d.x[1] - d.x[0];
  const dy = d.y[1] - d.y[0];
  const perPx = Math.max(dx / width, dy / height);
  const cx = (d.x[0] + d.x[1]) / 2;
  const cy = (d.y[0] + d.y[1]) / 2;
  const x0 = cx - (perPx * width) / 2;
  const y1 = cy + (perPx * height) / 2;
  const values = new Float64Array(width * height);
  const p = new Float64Array(2);
  let min = Infinity;
  let max = -Infinity;
  for (let j = 0; j < height; j++) {
    p[1] = y1 - (j + 0.5) * perPx;
    for (let i = 0; i < width; i++) {
      p[0] = x0 + (i + 0.5) * perPx;
      const f = objective.value(p);
      values[j * width + i] = f;
      if (Number.isFinite(f)) {
        if (f < min) min = f;
        if (f > max) max = f;
      }
    }
  }
  const toT = colourer(min, max, log);
  const band = new Int16Array(width * height);
  const image = ctx.createImageData(width, height);
  const px = image.data;
  for (let k = 0; k < values.length; k++) {
    const t = Math.min(1, Math.max(0, toT(values[k]!)));
    band[k] = Math.min(BANDS - 1, Math.floor(t * BANDS));
    const l = Math.round(t * (LUT_SIZE - 1)) * 3;
    px[k * 4] = VIRIDIS[l]!;
    px[k * 4 + 1] = VIRIDIS[l + 1]!;
    px[k * 4 + 2] = VIRIDIS[l + 2]!;
    px[k * 4 + 3] = 255;
  }
  // Darken band edges: contour lines, one pixel wide.
  for (let j = 0; j < height - 1; j++) {
    for (let i = 0; i < width - 1; i++) {
      const k = j * width + i;
      if (band[k] !== band[k + 1] || band[k] !== band[k + width]) {
        px[k * 4] = px[k * 4]! * 0.72;
        px[k * 4 + 1] = px[k * 4 + 1]! * 0.72;
        px[k * 4 + 2] = px[k * 4 + 2]! * 0.72;
      }
    }
  }
  ctx.putImageData(image, 0, 0);

  const toX = (x: number): number => (x - x0) / perPx;
  const toY = (y: number): number => (y1 - y) / perPx;
  for (const path of [...runPaths(scene, problem.solve), ...(problem.extra ?? [])]) {
    drawPath(ctx, path, toX, toY, COL.y, Math.max(1.5, width / 110));
  }
}

/** Draws a curve preset: f over the domain, the tangent where the scene shows it, run points. */
function drawCurve(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  problem: SketchProblem,
  theme: 'light' | 'dark',
  width: number,
  height: number,
): void {
  const { objective } = problem;
  const colors = VIEW_THEMES[theme];
  ctx.fillStyle = colors.background;
  ctx.fillRect(0, 0, width, height);
  const [a, b] = scene.domain.x;
  const p = new Float64Array(1);
  const samples = Math.max(2, width);
  const ys = new Float64Array(samples);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < samples; i++) {
    p[0] = a + ((b - a) * i) / (samples - 1);
    const f = objective.value(p);
    ys[i] = f;
    if (Number.isFinite(f)) {
      if (f < min) min = f;
      if (f > max) max = f;
    }
  }
  const margin = height * 0.1;
  const span = max - min || 1;
  const toX = (x: number): number => ((x - a) / (b - a)) * width;
  const toY = (y: number): number => height - margin - ((y - min) / span) * (height - 2 * margin);
  // The x axis where f = 0 is in view, else the bottom.
  ctx.strokeStyle = colors.axis;
  ctx.lineWidth = 1;
  const axisY = min <= 0 && max >= 0 ? toY(0) : height - margin;
  ctx.beginPath();
  ctx.moveTo(0, axisY);
  ctx.lineTo(width, axisY);
  ctx.stroke();

  ctx.strokeStyle = theme === 'light' ? '#3b4f8a' : '#8fb3ff';
  ctx.lineWidth = Math.max(1.5, width / 90);
  ctx.beginPath();
  for (let i = 0; i < samples; i++) {
    const x = (i / (samples - 1)) * width;
    if (i === 0) ctx.moveTo(x, toY(ys[i]!));
    else ctx.lineTo(x, toY(ys[i]!));
  }
  ctx.stroke();

  const selected = scene.runs.find((r) => r.id === scene.selectedRunId) ?? scene.runs[0];
  if (scene.overlays.tangent && selected) {
    const x = selected.start[0]!;
    p[0] = x;
    const f = objective.value(p);
    const g = new Float64Array(1);
    objective.gradient(p, g);
    const h = (b - a) / 4;
    ctx.strokeStyle = OVERLAY_COLORS.tangent;
    ctx.lineWidth = Math.max(1.5, width / 110);
    ctx.beginPath();
    ctx.moveTo(toX(x - h), toY(f - g[0]! * h));
    ctx.lineTo(toX(x + h), toY(f + g[0]! * h));
    ctx.stroke();
  }
  for (const path of [...runPaths(scene, problem.solve), ...(problem.extra ?? [])]) {
    drawPath(ctx, path, toX, toY, COL.f, Math.max(1.5, width / 110));
  }
}

/** A run's path: a line with a contrasting casing, a ring at the start and a dot at the end. */
function drawPath(
  ctx: CanvasRenderingContext2D,
  path: { color: string; rows: Float64Array; count: number },
  toX: (x: number) => number,
  toY: (y: number) => number,
  yColumn: number,
  lineWidth: number,
): void {
  const { rows, count } = path;
  if (count === 0) return;
  const at = (k: number): [number, number] => [
    toX(rows[k * STRIDE + COL.x]!),
    toY(rows[k * STRIDE + yColumn]!),
  ];
  const trace = (): void => {
    ctx.beginPath();
    for (let k = 0; k < count; k++) {
      const [x, y] = at(k);
      if (k === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
  };
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  trace();
  ctx.strokeStyle = 'rgba(255,255,255,0.85)';
  ctx.lineWidth = lineWidth + 2;
  ctx.stroke();
  trace();
  ctx.strokeStyle = path.color;
  ctx.lineWidth = lineWidth;
  ctx.stroke();
  const [sx, sy] = at(0);
  const [ex, ey] = at(count - 1);
  ctx.fillStyle = path.color;
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.arc(ex, ey, lineWidth * 1.6, 0, Math.PI * 2);
  ctx.fill();
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(sx, sy, lineWidth * 1.4, 0, Math.PI * 2);
  ctx.fillStyle = '#ffffff';
  ctx.fill();
  ctx.strokeStyle = path.color;
  ctx.stroke();
}

/**
 * Draws a sketch of `scene` over the whole of `ctx`'s canvas (`width` × `height` canvas
 * pixels). Returns false when the scene's f is not a built-in surface (nothing drawn).
 */
export function drawThumbnail(
  ctx: CanvasRenderingContext2D,
  scene: Scene,
  theme: 'light' | 'dark',
  width: number,
  height: number,
): boolean {
  const draw = VIEW_KINDS[scene.kind].draw;
  if (draw) {
    // A figure's own drawing, laid out for a small slide and scaled down to the card.
    const scale = width / FIGURE_SKETCH_WIDTH;
    paintFigure(
      ctx.canvas,
      draw,
      { ...scene, view: { ...scene.view, theme } },
      scene.timeline.position,
      FIGURE_SKETCH_WIDTH,
      height / scale,
      scale,
      true,
    );
    return true;
  }
  const problem = objectiveOf(scene);
  if (!problem) return false;
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, width, height);
  ctx.clip();
  if (problem.objective.dim === 2) {
    drawSurface(ctx, scene, problem, width, height);
  } else {
    drawCurve(ctx, scene, problem, theme, width, height);
  }
  ctx.restore();
  return true;
}

/** Sketches drawn so far, by preset id, theme and size: opening the page again costs nothing. */
const cache = new Map<string, HTMLCanvasElement>();

/**
 * A canvas with the sketch of a preset (drawn on first request, then cached). `scene` must be
 * the preset's own scene: the cache is keyed by `id`.
 */
export function presetThumbnail(
  id: string,
  scene: Scene,
  theme: 'light' | 'dark',
  width: number,
  height: number,
): HTMLCanvasElement | null {
  const key = `${id}|${theme}|${width}x${height}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx || !drawThumbnail(ctx, scene, theme, width, height)) return null;
  cache.set(key, canvas);
  return canvas;
}
