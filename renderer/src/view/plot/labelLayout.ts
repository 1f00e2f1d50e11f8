/**
 * Screen-space placement of the labels drawn at points of a plot (∇f, −∇f, λ₁, λ₂, the curvature
 * word, the Taylor error, ∇f·d̂, off-plot markers), so that no two of them overlap.
 *
 * Each label names an anchor (usually an arrow's tip) and prefers a direction away from it
 * (along its arrow). Labels are placed greedily, most important first: each tries candidate
 * spots around its anchor — the preferred direction first, then turned by 45° steps, each at
 * growing distances — and takes the cheapest one that overlaps no label placed before it (nor
 * any fixed label such as a tick) and stays on the canvas. Covering another label's anchor or
 * arrow only costs extra. A label with no free spot is hidden, so when crowded the least
 * important go first. Spots away from the anchor get a leader line back to it.
 *
 * Pure and allocation-free: inputs and outputs live in {@link LabelLayoutBuffers}.
 */

/** Candidate directions, as turns from the preferred one (degrees), best first. */
const TURNS = [0, 45, -45, 90, -90, 135, -135, 180];
const TURN_COS = TURNS.map((a) => Math.cos((a * Math.PI) / 180));
const TURN_SIN = TURNS.map((a) => Math.sin((a * Math.PI) / 180));
/** Distances tried: next to the anchor, then one and two label heights further out. */
export const LEVELS = 3;
/** Candidates per label. */
export const CANDIDATES = TURNS.length * LEVELS;
/** Space kept between labels (CSS px). */
const PAD = 2;
/** Half the size of the square kept clear around each anchor (CSS px). */
const ANCHOR_HALF = 5;

/** Inputs and results of {@link layoutLabels}, in typed arrays reused between layouts. */
export class LabelLayoutBuffers {
  /** Labels to place (the first `count` entries are used). */
  count = 0;
  /** Anchor (CSS px, y down). */
  ax: Float64Array;
  ay: Float64Array;
  /** Label size (CSS px). */
  w: Float64Array;
  h: Float64Array;
  /** Preferred direction from the anchor (unit vector, y down). */
  dx: Float64Array;
  dy: Float64Array;
  /** Distance from the anchor to the nearest edge of the label, at the first level (CSS px). */
  gap: Float64Array;
  /** Higher goes first and hides last. */
  priority: Float64Array;
  /** The segment the label names (its arrow), kept clear of other labels; NaN x0 for none. */
  legX0: Float64Array;
  legY0: Float64Array;
  legX1: Float64Array;
  legY1: Float64Array;
  /** Result: centre of the label (CSS px). */
  cx: Float64Array;
  cy: Float64Array;
  /** Result: 1 when placed, 0 when hidden for lack of room. */
  shown: Uint8Array;
  /** Result: 1 when placed away from the anchor (draw a leader line). */
  leader: Uint8Array;
  /** Candidate chosen by the previous layout (−1: none); preferred again to avoid jitter. */
  choice: Int16Array;
  /** Rectangles no label may overlap (left, top, right, bottom per rectangle). */
  fixed: Float64Array;
  fixedCount = 0;
  /** The canvas (labels stay inside it). */
  boundsLeft = 0;
  boundsTop = 0;
  boundsRight = 0;
  boundsBottom = 0;
  private order: Int32Array;

  constructor(
    readonly capacity: number,
    readonly fixedCapacity = 64,
  ) {
    const f = (): Float64Array => new Float64Array(capacity);
    this.ax = f();
    this.ay = f();
    this.w = f();
    this.h = f();
    this.dx = f();
    this.dy = f();
    this.gap = f();
    this.priority = f();
    this.legX0 = f();
    this.legY0 = f();
    this.legX1 = f();
    this.legY1 = f();
    this.cx = f();
    this.cy = f();
    this.shown = new Uint8Array(capacity);
    this.leader = new Uint8Array(capacity);
    this.choice = new Int16Array(capacity).fill(-1);
    this.fixed = new Float64Array(fixedCapacity * 4);
    this.order = new Int32Array(capacity);
  }

  /** Adds a rectangle no label may cover (ignored beyond capacity). */
  addFixed(left: number, top: number, right: number, bottom: number): void {
    if (this.fixedCount >= this.fixedCapacity) return;
    const i = this.fixedCount++ * 4;
    this.fixed[i] = left;
    this.fixed[i + 1] = top;
    this.fixed[i + 2] = right;
    this.fixed[i + 3] = bottom;
  }

  /** Label indices by priority, highest first (stable). Insertion sort: a handful of labels. */
  sortedOrder(): Int32Array {
    const order = this.order;
    const n = this.count;
    for (let i = 0; i < n; i++) {
      let j = i;
      while (j > 0 && this.priority[order[j - 1]!]! < this.priority[i]!) {
        order[j] = order[j - 1]!;
        j--;
      }
      order[j] = i;
    }
    return order;
  }
}

function overlaps(
  l1: number,
  t1: number,
  r1: number,
  b1: number,
  l2: number,
  t2: number,
  r2: number,
  b2: number,
): boolean {
  return l1 < r2 && l2 < r1 && t1 < b2 && t2 < b1;
}

/**
 * Whether the rectangle (left, top, right, bottom) overlaps the box of half-width `hw` and
 * half-height `hh` centred on (`cx`, `cy`).
 */
function overlapsBox(
  left: number,
  top: number,
  right: number,
  bottom: number,
  cx: number,
  cy: number,
  hw: number,
  hh: number,
): boolean {
  return overlaps(left, top, right, bottom, cx - hw, cy - hh, cx + hw, cy + hh);
}

/** Whether the segment (x0, y0)–(x1, y1) passes through the rectangle (Liang–Barsky). */
export function segmentHitsRect(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  left: number,
  top: number,
  right: number,
  bottom: number,
): boolean {
  clipLow = 0;
  clipHigh = 1;
  const dx = x1 - x0;
  const dy = y1 - y0;
  return (
    clipEdge(-dx, x0 - left) &&
    clipEdge(dx, right - x0) &&
    clipEdge(-dy, y0 - top) &&
    clipEdge(dy, bottom - y0) &&
    clipLow <= clipHigh
  );
}

// The parameter range still inside while clipping (module scratch: no closure per call).
let clipLow = 0;
let clipHigh = 1;

/** Narrows [clipLow, clipHigh] to where p·t ≤ q; false when nothing is left. */
function clipEdge(p: number, q: number): boolean {
  if (p === 0) return q >= 0;
  const t = q / p;
  if (p < 0) {
    if (t > clipHigh) return false;
    if (t > clipLow) clipLow = t;
  } else {
    if (t < clipLow) return false;
    if (t < clipHigh) clipHigh = t;
  }
  return true;
}

/**
 * Places the first `count` labels of `b` (see the file comment). Writes `cx`, `cy`, `shown`,
 * `leader` and `choice`.
 */
export function layoutLabels(b: LabelLayoutBuffers): void {
  const n = b.count;
  const order = b.sortedOrder();
  for (let i = 0; i < n; i++) b.shown[i] = 0;
  for (let o = 0; o < n; o++) {
    const i = order[o]!;
    const w = b.w[i]!;
    const h = b.h[i]!;
    const ax = b.ax[i]!;
    const ay = b.ay[i]!;
    let bestCost = Infinity;
    let best = -1;
    let bestX = 0;
    let bestY = 0;
    for (let c = 0; c < CANDIDATES; c++) {
      const turn = c % TURNS.length;
      const level = (c - turn) / TURNS.length;
      const cos = TURN_COS[turn]!;
      const sin = TURN_SIN[turn]!;
      const ux = b.dx[i]! * cos - b.dy[i]! * sin;
      const uy = b.dx[i]! * sin + b.dy[i]! * cos;
      // From the anchor along u to the label's nearest edge, then to its centre.
      const reach = b.gap[i]! + level * (h + 4) + (Math.abs(ux) * w) / 2 + (Math.abs(uy) * h) / 2;
      const x = ax + ux * reach;
      const y = ay + uy * reach;
      const left = x - w / 2;
      const top = y - h / 2;
      const right = x + w / 2;
      const bottom = y + h / 2;
      if (
        left < b.boundsLeft ||
        top < b.boundsTop ||
        right > b.boundsRight ||
        bottom > b.boundsBottom
      ) {
        continue;
      }
      let blocked = false;
      for (let p = 0; p < o && !blocked; p++) {
        const j = order[p]!;
        if (b.shown[j] !== 1) continue;
        const hw = b.w[j]! / 2 + PAD;
        const hh = b.h[j]! / 2 + PAD;
        blocked = overlapsBox(left, top, right, bottom, b.cx[j]!, b.cy[j]!, hw, hh);
      }
      for (let f = 0; f < b.fixedCount && !blocked; f++) {
        const k = f * 4;
        blocked = overlaps(
          left,
          top,
          right,
          bottom,
          b.fixed[k]! - PAD,
          b.fixed[k + 1]! - PAD,
          b.fixed[k + 2]! + PAD,
          b.fixed[k + 3]! + PAD,
        );
      }
      if (blocked) continue;
      // Soft costs: distance from the anchor, turning away from the preferred side, covering
      // another label's anchor or arrow; a small bonus for staying where it was.
      let cost = level * 1.0 + (Math.abs(TURNS[turn]!) / 45) * 0.3;
      for (let j = 0; j < n; j++) {
        if (
          j !== i &&
          overlapsBox(left, top, right, bottom, b.ax[j]!, b.ay[j]!, ANCHOR_HALF, ANCHOR_HALF)
        ) {
          cost += 3;
        }
        const x0 = b.legX0[j]!;
        if (
          !Number.isNaN(x0) &&
          segmentHitsRect(x0, b.legY0[j]!, b.legX1[j]!, b.legY1[j]!, left, top, right, bottom)
        ) {
          cost += 2;
        }
      }
      if (c === b.choice[i]) cost -= 0.25;
      if (cost < bestCost) {
        bestCost = cost;
        best = c;
        bestX = x;
        bestY = y;
      }
    }
    b.choice[i] = best;
    if (best < 0) {
      b.leader[i] = 0;
      continue;
    }
    b.shown[i] = 1;
    b.cx[i] = bestX;
    b.cy[i] = bestY;
    b.leader[i] = best >= TURNS.length ? 1 : 0;
  }
}
