/**
 * The scene an imported landscape opens as (the app's Open, `descent render landscape.h5`): the
 * grid drawn as a surface over its own box, heights coloured on a log scale (these losses span
 * decades), the lowest sample marked, and one gradient-descent run to drag around on it. What
 * the reader left out (non-finite points) is said in `notes`, for the app or the CLI to show.
 */
import { defaultRun, defaultScene } from '../scene/document.ts';
import type { Scene } from '../scene/document.ts';
import { finiteRange, pickSurface } from './grid.ts';
import type { Landscape } from './grid.ts';
import { landscapeSpec } from './problem.ts';

export interface LandscapeScene {
  scene: Scene;
  /** Sentences about the import worth telling the user (e.g. how many points were not finite). */
  notes: string[];
}

const tidy = (v: number): number => Number(v.toPrecision(3));

/**
 * The scene for one surface of `landscape` (default: pickSurface's choice, train_loss first).
 * @throws LandscapeError for a 1D landscape, one too large for a scene, or an unknown surface.
 */
export function landscapeScene(landscape: Landscape, surfaceName?: string): LandscapeScene {
  const surface = pickSurface(landscape, surfaceName);
  const problem = landscapeSpec(landscape, surface.name);
  const xs = problem.xs;
  const ys = problem.ys;
  const x: [number, number] = [xs[0]!, xs[xs.length - 1]!];
  const y: [number, number] = [ys[0]!, ys[ys.length - 1]!];
  const base = defaultScene();
  // A start in the upper right of the box, with a step size that moves a visible distance on
  // this grid's scale: η ≈ 5% of the box's width squared over the height span.
  const start = [tidy(x[0] + 0.75 * (x[1] - x[0])), tidy(y[0] + 0.75 * (y[1] - y[0]))];
  const range = finiteRange(surface.values);
  const span = range ? Math.max(range.max - range.min, 1e-12) : 1;
  const lr = tidy((0.05 * (x[1] - x[0]) ** 2) / span);
  const run = { ...defaultRun(0, start, { lr }), name: '{optimizer} η = {lr}' };
  const notes: string[] = [];
  if (surface.nonFinite > 0) {
    notes.push(
      `${surface.nonFinite} of the ${xs.length * ys.length} points of ${surface.name} are not finite (the evaluation diverged there); the surface leaves them out.`,
    );
  }
  const others = landscape.surfaces.filter((s) => s !== surface).map((s) => s.name);
  const scene: Scene = {
    ...base,
    title: `Loss landscape: ${landscape.source}`,
    caption: `${surface.name} from ${landscape.source} on a grid of ${xs.length}×${ys.length} points: the loss over a plane through the trained weights, x and y being how far along each of the two directions (Li et al., 2018). Colours follow a log scale, since the loss spans decades.`,
    problem,
    domain: { x, y },
    runs: [run],
    selectedRunId: run.id,
    overlays: { ...base.overlays, gradient: false, minima: true },
    view: { ...base.view, colorScale: 'log', resolution: 128 },
  };
  if (others.length > 0) notes.push(`The file also holds ${others.join(', ')}.`);
  return { scene, notes };
}
