/**
 * An imported landscape as a problem the app draws and solves like any surface: f is the smooth
 * interpolant of the grid (grid.ts gridObjective), the viewing box is the grid's, its lowest
 * sampled point is marked, and heights are coloured on a log scale by default, since these
 * losses span decades. `landscapeSpec` turns a file read by ./index.ts into the scene's inline
 * form (null for a point whose loss was not finite, which JSON cannot hold).
 */
import type { Problem } from '../problem.ts';
import { ProblemError } from '../problem.ts';
import type { ProblemSpec } from '../schema.ts';
import { MAX_LANDSCAPE_AXIS } from '../schema.ts';
import type { KnownMinimum } from '../types.ts';
import { buildLandscape, gridObjective, LandscapeError, pickSurface } from './grid.ts';
import type { Landscape } from './grid.ts';

export type GridSpec = Extract<ProblemSpec, { kind: 'grid' }>;

/**
 * The scene form of one surface of a landscape (`surface`: its name, default as pickSurface).
 * @throws LandscapeError for a 1D landscape or one larger than a scene holds.
 */
export function landscapeSpec(landscape: Landscape, surface?: string): GridSpec {
  const picked = pickSurface(landscape, surface);
  if (landscape.ys === null) {
    throw new LandscapeError(
      `${landscape.source} is a 1D plot (no y coordinates); only 2D landscapes can be drawn as a surface.`,
    );
  }
  const nx = landscape.xs.length;
  const ny = landscape.ys.length;
  if (nx > MAX_LANDSCAPE_AXIS || ny > MAX_LANDSCAPE_AXIS) {
    throw new LandscapeError(
      `${landscape.source} has a ${nx}×${ny} grid; at most ${MAX_LANDSCAPE_AXIS} points per axis can be drawn.`,
    );
  }
  return {
    kind: 'grid',
    name: `${landscape.source} · ${picked.name}`,
    xs: [...landscape.xs],
    ys: [...landscape.ys],
    values: [...picked.values].map((v) => (Number.isFinite(v) ? v : null)),
  };
}

/** The landscape a grid spec holds (non-finite points back to NaN). */
export function landscapeOf(spec: GridSpec): Landscape {
  return buildLandscape({
    source: spec.name,
    xs: spec.xs,
    ys: spec.ys,
    surfaces: [
      {
        name: 'loss',
        data: spec.values.map((v) => v ?? NaN),
        shape: [spec.xs.length, spec.ys.length],
      },
    ],
  });
}

/** The problem of a grid spec. @throws ProblemError for a grid that cannot be drawn. */
export function gridProblem(spec: GridSpec): Problem {
  let landscape: Landscape;
  try {
    landscape = landscapeOf(spec);
  } catch (error) {
    throw new ProblemError(
      `The landscape cannot be drawn: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const objective = gridObjective(landscape);
  const values = landscape.surfaces[0]!.values;
  const nx = landscape.xs.length;
  let best = -1;
  for (let k = 0; k < values.length; k++) {
    if (Number.isFinite(values[k]) && (best < 0 || values[k]! < values[best]!)) best = k;
  }
  if (best < 0) throw new ProblemError(`${spec.name} has no finite value to draw.`);
  const lowest: KnownMinimum = {
    point: [landscape.xs[best % nx]!, landscape.ys![Math.floor(best / nx)]!],
    value: values[best]!,
    // The lowest sample, not a proven minimum of the network's loss.
    kind: 'local',
  };
  return {
    objective,
    dim: 2,
    variables: objective.variables,
    expression: `loss on a ${nx}×${landscape.ys!.length} grid: ${spec.name}`,
    latex: String.raw`L(\theta^{*}+x\,\delta_1+y\,\delta_2)`,
    derivatives: {
      gradient: ['∂/∂x of the interpolated grid', '∂/∂y of the interpolated grid'],
      hessian: [
        ['∂²/∂x²', '∂²/∂x∂y'],
        ['∂²/∂x∂y', '∂²/∂y²'],
      ],
    },
    quadratic: false,
    domain: objective.domain,
    minima: [lowest],
    colorScale: 'log',
  };
}
