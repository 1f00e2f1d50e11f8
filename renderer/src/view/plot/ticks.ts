/**
 * Axis ticks and where their labels go: "nice" linear ticks (1, 2, 5 × 10ᵏ) so axes read
 * 0, 0.5, 1 rather than 0, 0.4286, 0.8571; log ticks for the colour bar's log scale; and, for a
 * camera direction, which box edges carry the x and y ticks and where the f axis stands, so no
 * label is ever drawn behind the surface or on top of another axis's labels.
 */

/** Ticks inside [lo, hi] spaced by a nice step, aiming for about `target` of them. */
export function niceTicks(lo: number, hi: number, target = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(hi > lo) || target < 1) return [];
  const rough = (hi - lo) / target;
  const power = Math.pow(10, Math.floor(Math.log10(rough)));
  const unit = rough / power;
  const step = (unit < 1.5 ? 1 : unit < 3.5 ? 2 : unit < 7.5 ? 5 : 10) * power;
  const first = Math.ceil(lo / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = first; v <= hi + step * 1e-9; v += step) {
    // Snap accumulated error (0.30000000000000004) and -0 to clean values.
    const clean = Number((Math.round(v / step) * step).toPrecision(12));
    ticks.push(Object.is(clean, -0) ? 0 : clean);
    if (ticks.length > 100) break;
  }
  return ticks;
}

/** Most ticks {@link logTicks} returns. */
const MAX_LOG_TICKS = 8;

/**
 * Ticks for a log-like scale over [lo, hi]: 0 and the powers of ten (either sign) in range, then,
 * when fewer than three of those fit, 2 and 5 times them. `position` maps a value to its place
 * on the scale (0 … 1); a tick closer than `minGap` to one already chosen is left out. Powers
 * are taken from the top down, so crowding near the bottom (where a log scale packs many small
 * decades) costs the least useful ticks. Returned in ascending order.
 */
export function logTicks(
  lo: number,
  hi: number,
  position: (value: number) => number,
  minGap = 0.08,
): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(hi > lo)) return [];
  const biggest = Math.max(Math.abs(lo), Math.abs(hi));
  const top = Math.ceil(Math.log10(biggest));
  // Twelve decades below the largest magnitude are far below any floor the colour scale uses.
  const bottom = top - 12;
  const chosen: number[] = [];
  const places: number[] = [];
  const offer = (value: number): void => {
    if (chosen.length >= MAX_LOG_TICKS || !(value >= lo && value <= hi)) return;
    const t = position(value);
    if (!Number.isFinite(t)) return;
    for (const p of places) if (Math.abs(p - t) < minGap) return;
    chosen.push(value);
    places.push(t);
  };
  const clean = (v: number): number => Number(v.toPrecision(12));
  offer(0);
  for (let k = top; k >= bottom; k--) {
    offer(clean(10 ** k));
    offer(clean(-(10 ** k)));
  }
  if (chosen.filter((v) => v !== 0).length < 3) {
    for (let k = top; k >= bottom; k--) {
      for (const m of [5, 2]) {
        offer(clean(m * 10 ** k));
        offer(clean(-m * 10 ** k));
      }
    }
  }
  return chosen.sort((a, b) => a - b);
}

/** A tick label: short, no trailing zeros, exponent form for very large or small magnitudes. */
export function tickLabel(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) {
    return value.toExponential(1).replace('.0e', 'e').replace('e+', 'e');
  }
  return String(Number(value.toPrecision(6)));
}

/** A direction in world space. */
export type Vec3 = readonly [number, number, number];

/**
 * Which edges of the box carry labels, for a camera whose view direction points from the
 * target to the camera along `back` (unit) and whose screen "right" is `right` (unit).
 * Signs pick the edge: `xEdge` = +1 is the front edge (world +Z, math y minimum), `yEdge` = +1
 * the right edge (world +X); 0 means the axis is seen nearly end-on (its labels would all land
 * on one spot) and is not labelled. `fCorner` is the corner (signs of X and Z) the vertical f
 * axis stands at, or null when looking straight down.
 */
export interface AxisPlacement {
  xEdge: -1 | 0 | 1;
  yEdge: -1 | 0 | 1;
  fCorner: readonly [-1 | 1, -1 | 1] | null;
}

/** An axis closer than this (cosine) to the view direction is seen end-on. */
const END_ON = 0.94;
/** Components smaller than this count as zero when choosing between two edges. */
const TIE = 1e-3;

/**
 * Labels go on the edges nearest the camera, which nothing can stand in front of (the surface
 * rises from the floor's inside, behind them); the f axis stands at the corner furthest left on
 * screen (nearest the camera on a tie), so its labels, to its left, are outside the plot. Seen
 * from straight above the map convention holds: x below, y on the left.
 */
export function axisPlacement(back: Vec3, right: Vec3): AxisPlacement {
  const [bx, by, bz] = back;
  const sign = (v: number, tie: -1 | 1): -1 | 1 => (v > TIE ? 1 : v < -TIE ? -1 : tie);
  let xEdge: AxisPlacement['xEdge'] = Math.abs(bx) > END_ON ? 0 : sign(bz, 1);
  let yEdge: AxisPlacement['yEdge'] = Math.abs(bz) > END_ON ? 0 : sign(bx, -1);
  if (Math.abs(by) > END_ON) {
    // A map, however it is turned: every edge is as near as the others, so the labels go where
    // a map has them, below (an axis running across the screen) or left (one running up it).
    const up: Vec3 = [
      back[1] * right[2] - back[2] * right[1],
      back[2] * right[0] - back[0] * right[2],
      back[0] * right[1] - back[1] * right[0],
    ];
    // The edge at +1 along `offset` (world X or Z) is the one to avoid when it is up or right.
    const mapEdge = (along: 0 | 2, offset: 0 | 2): -1 | 1 => {
      const across = Math.abs(right[along]) >= Math.abs(up[along]);
      return (across ? up[offset] : right[offset]) > 0 ? -1 : 1;
    };
    xEdge = mapEdge(0, 2);
    yEdge = mapEdge(2, 0);
  }
  let fCorner: AxisPlacement['fCorner'] = null;
  if (Math.abs(by) <= END_ON) {
    let best = Infinity;
    let nearest = -Infinity;
    for (const sx of [-1, 1] as const) {
      for (const sz of [-1, 1] as const) {
        const across = sx * right[0] + sz * right[2];
        const near = sx * bx + sz * bz;
        if (across < best - TIE || (Math.abs(across - best) <= TIE && near > nearest)) {
          best = across;
          nearest = near;
          fCorner = [sx, sz];
        }
      }
    }
  }
  return { xEdge, yEdge, fCorner };
}

/**
 * The sprite centre (three's `Sprite.center`: 0 = left / bottom edge of the label at its
 * position, 1 = right / top) that puts a `width` × `height` px label beside its anchor in the
 * screen direction (dx, dy) (y up, any length), `gap` px away from it; a direction of (almost)
 * zero length, such as an edge pointing at the camera, puts the label below.
 */
export function labelCenter(
  dx: number,
  dy: number,
  width: number,
  height: number,
  gap: number,
): [number, number] {
  const length = Math.hypot(dx, dy);
  if (!(length > 0.25)) {
    dx = 0;
    dy = -1;
  } else {
    dx /= length;
    dy /= length;
  }
  const m = Math.max(Math.abs(dx), Math.abs(dy));
  const cx = 0.5 - (0.5 * dx) / m - (gap * dx) / width;
  const cy = 0.5 - (0.5 * dy) / m - (gap * dy) / height;
  return [cx, cy];
}

/** Whether two rectangles (left, top, width, height) overlap, grown by `pad` on every side. */
export function rectsOverlap(
  a: { left: number; top: number; width: number; height: number },
  b: { left: number; top: number; width: number; height: number },
  pad = 0,
): boolean {
  return (
    a.left - pad < b.left + b.width &&
    b.left - pad < a.left + a.width &&
    a.top - pad < b.top + b.height &&
    b.top - pad < a.top + a.height
  );
}
