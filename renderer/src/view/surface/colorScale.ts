/**
 * How heights become colours: the scene's colour scale (linear, log, or auto) resolved for one
 * grid into a {@link ColorMapping} from f to a position t ∈ [0, 1] on the colour map. The mesh's
 * shape never changes with the scale; only its colours, the contour levels and the colour bar's
 * ticks do.
 *
 * The log scale logs f shifted by the grid's minimum, f − lo + floor, so it copes with f ≤ 0.
 * The floor is where the lowest 1 % of the grid lies above the minimum, kept between 10⁻⁶ and
 * 10⁻² of the range: the deepest part of a valley gets the first colour and every decade above it
 * its own band (Rosenbrock: about four decades, Beale: five).
 */
import { colorT, resolveMapping } from '../../../../shared/colorScale.ts';
import type { ColorMapping } from '../../../../shared/colorScale.ts';
import type { SurfaceResult } from '../../../../shared/protocol.ts';
import type { ColorScale } from '../../../../shared/scene/document.ts';
import { frameOf } from '../plot/frame.ts';
import { logTicks, niceTicks } from '../plot/ticks.ts';

// The numbers of the scale live in shared/ (the solver contours log scales with them).
export {
  AUTO_LOG_MEDIAN,
  autoScale,
  colorF,
  colorT,
  contourLevels,
  logFloor,
  makeMapping,
  resolveMapping,
} from '../../../../shared/colorScale.ts';
export type { ColorMapping, ResolvedScale } from '../../../../shared/colorScale.ts';

/** Finite values of the grid where it is valid, sorted ascending. */
function sortedHeights(surface: SurfaceResult): Float64Array {
  // The solver sorts them (off the main thread); older answers and tests may not carry them.
  if (surface.sorted) return surface.sorted;
  const { values, valid } = surface;
  const out: number[] = [];
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (valid[k] === 1 && Number.isFinite(v)) out.push(v);
  }
  return Float64Array.from(out).sort();
}

// Grids are replaced, never mutated: sort each one's heights once.
const heights = new WeakMap<SurfaceResult, Float64Array>();
const mappings = new WeakMap<SurfaceResult, Map<string, ColorMapping>>();

/**
 * The mapping for a computed grid under the scene's setting (one shared object per grid and
 * setting, so components can memoise on it), or null before there is a grid.
 */
export function colorMappingOf(
  surface: SurfaceResult | null,
  setting: ColorScale,
  preferred: 'log' | null,
): ColorMapping | null {
  const frame = frameOf(surface);
  if (!surface || !frame) return null;
  let byKey = mappings.get(surface);
  if (!byKey) {
    byKey = new Map();
    mappings.set(surface, byKey);
  }
  const key = `${setting}|${preferred ?? ''}`;
  let mapping = byKey.get(key);
  if (!mapping) {
    let sorted = heights.get(surface);
    if (!sorted) {
      sorted = sortedHeights(surface);
      heights.set(surface, sorted);
    }
    mapping = resolveMapping(setting, preferred, sorted, frame.fLow, frame.fHigh);
    byKey.set(key, mapping);
  }
  return mapping;
}

/** A tick of the colour bar: an f value and where it sits (t from the bottom). */
export interface ScaleTick {
  value: number;
  t: number;
}

/**
 * Ticks of the colour bar in f units: nice linear steps, or powers of ten (with 2 and 5 between
 * them when there is room) on a log scale. `minGap`: the least distance between two ticks, as a
 * share of the bar's length.
 */
export function scaleTicks(m: ColorMapping, minGap = 0.08): ScaleTick[] {
  if (m.scale === 'log') {
    return logTicks(m.lo, m.hi, (v) => colorT(m, v), minGap).map((value) => ({
      value,
      t: colorT(m, value),
    }));
  }
  const target = Math.max(2, Math.min(5, Math.floor(1 / Math.max(minGap, 1e-3))));
  let ticks = niceTicks(m.lo, m.hi, target).map((value) => ({ value, t: colorT(m, value) }));
  // Nice steps can give more ticks than asked for: keep every other one until they have room.
  while (ticks.length > 2 && ticks[1]!.t - ticks[0]!.t < minGap) {
    ticks = ticks.filter((_, i) => i % 2 === 0);
  }
  return ticks;
}
