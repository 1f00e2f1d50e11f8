/**
 * Axes with ticks and labels, built as plain three.js objects (line segments + text sprites)
 * for the current frame and theme. Rebuilt when either changes; `dispose` frees everything.
 *
 * Surfaces: the x and y ticks can sit on either of two opposite floor edges and the f axis at
 * any of the four corners; all of them are built once and {@link AxesObjects.layout} shows,
 * for the camera of the moment, the ones ticks.ts's `axisPlacement` picks (the edges nearest the
 * camera, the f axis at the corner furthest left), places every label beside its tick on the
 * side away from the plot, and thins labels that would overlap: every other tick of a crowded
 * axis first, then whatever still collides with a more important label. Labels are drawn over
 * everything, so no part of the surface can hide (or cut) them.
 */
import {
  BufferAttribute,
  BufferGeometry,
  Group,
  LineBasicMaterial,
  LineSegments,
  Vector3,
} from 'three';
import type { Camera } from 'three';
import type { ViewFrame } from './frame.ts';
import { FLOOR_Y, HEIGHT, rawWorldY, worldX, worldZ } from './frame.ts';
import { AXIS_TEXT } from './cameraPoses.ts';
import { axisPlacement, labelCenter, niceTicks, rectsOverlap, tickLabel } from './ticks.ts';
import type { Vec3 } from './ticks.ts';
import { TextLabel } from '../canvas/text.ts';
import type { ViewTheme } from '../canvas/theme.ts';

const TICK = AXIS_TEXT.tickLength;
const DROP = AXIS_TEXT.tickDrop;
/** Space kept between two labels (CSS px). */
const LABEL_PAD = 2;
/** Screen gap between an f tick's point and its label: the tick mark plus the usual gap. */
const F_GAP = AXIS_TEXT.gap + 6;

/** What a label is, for placing and thinning it. */
interface AxisLabel {
  text: TextLabel;
  axis: 'x' | 'y' | 'f';
  role: 'tick' | 'name' | 'title';
  /** The switchable set it belongs to (null: always shown, e.g. 1D axes). */
  set: Group | null;
  /** World direction from its point to where it sits (null: `screen` or fixed). */
  out: Vec3 | null;
  /** Fixed screen direction (x right, y up), or null. */
  screen: readonly [number, number] | null;
  /** Whether it is shown (after its set is chosen and crowded labels thinned). */
  shown: boolean;
  /** Where it lands on the canvas (CSS px, y down), as last laid out. */
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Importance when labels collide (first wins). */
const PRIORITY: readonly (readonly [AxisLabel['axis'], AxisLabel['role']])[] = [
  ['f', 'title'],
  ['x', 'name'],
  ['y', 'name'],
  ['f', 'tick'],
  ['x', 'tick'],
  ['y', 'tick'],
];

/** A group of axis lines and labels; call dispose() when replacing it. */
export class AxesObjects {
  readonly group = new Group();
  private readonly labels: AxisLabel[] = [];
  private readonly geometries: BufferGeometry[] = [];
  private readonly materials: LineBasicMaterial[] = [];
  /** Switchable sets of the 2D box: x ticks per edge (Z sign), y ticks per edge, f per corner. */
  private readonly xSets = new Map<number, Group>();
  private readonly ySets = new Map<number, Group>();
  private readonly fSets = new Map<string, Group>();
  /** Camera matrices and canvas size of the last layout. */
  private readonly last = new Float64Array(34).fill(NaN);
  private readonly byPriority: AxisLabel[];

  constructor(
    private readonly frame: ViewFrame,
    private readonly theme: ViewTheme,
    variables: readonly string[],
  ) {
    if (frame.dim === 2) this.build3d(variables);
    else this.build1d(variables);
    this.byPriority = PRIORITY.flatMap(([axis, role]) =>
      this.labels.filter((l) => l.axis === axis && l.role === role),
    );
    // Positions never change: world matrices are right from the start (the label board reads them).
    this.group.updateMatrixWorld(true);
  }

  private lines(points: number[], color: string, parent: Group, opacity = 1): void {
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(Float32Array.from(points), 3));
    const material = new LineBasicMaterial({ color, transparent: opacity < 1, opacity });
    const object = new LineSegments(geometry, material);
    object.raycast = () => {};
    this.geometries.push(geometry);
    this.materials.push(material);
    parent.add(object);
  }

  private label(
    text: string,
    at: Vec3,
    meta: Pick<AxisLabel, 'axis' | 'role' | 'set' | 'out' | 'screen'>,
    height: number,
    anchor: readonly [number, number] = [0.5, 0.5],
  ): void {
    const label = new TextLabel(text, {
      color: this.theme.label,
      height,
      anchorX: anchor[0],
      anchorY: anchor[1],
      onTop: true,
    });
    label.sprite.position.set(at[0], at[1], at[2]);
    (meta.set ?? this.group).add(label.sprite);
    this.labels.push({ text: label, ...meta, shown: true, left: 0, top: 0, width: 0, height: 0 });
  }

  private set(): Group {
    const group = new Group();
    this.group.add(group);
    return group;
  }

  private build3d(variables: readonly string[]): void {
    const f = this.frame;
    const [xName = 'x', yName = 'y'] = variables;
    const hx = f.halfX;
    const hz = f.halfZ;
    const Y = FLOOR_Y;
    // Floor outline.
    this.lines(
      [
        -hx,
        Y,
        hz,
        hx,
        Y,
        hz,
        hx,
        Y,
        hz,
        hx,
        Y,
        -hz,
        hx,
        Y,
        -hz,
        -hx,
        Y,
        -hz,
        -hx,
        Y,
        -hz,
        -hx,
        Y,
        hz,
      ],
      this.theme.axis,
      this.group,
    );
    const xTicks = niceTicks(f.domain.x[0], f.domain.x[1], 6);
    const yTicks = niceTicks(f.domain.y[0], f.domain.y[1], 6);
    for (const s of [-1, 1] as const) {
      // x ticks on the edge at Z = s·hz, pointing away from the box.
      const xs = this.set();
      this.xSets.set(s, xs);
      const out: Vec3 = [0, 0, s];
      const marks: number[] = [];
      xTicks.forEach((x) => {
        const wx = worldX(f, x);
        const z = s * (hz + TICK);
        marks.push(wx, Y, s * hz, wx, Y - DROP, z);
        const meta = { axis: 'x', role: 'tick', set: xs, out, screen: null } as const;
        this.label(tickLabel(x), [wx, Y - DROP, z], meta, AXIS_TEXT.tick);
      });
      this.lines(marks, this.theme.axis, xs);
      const nameMeta = { axis: 'x', role: 'name', set: xs, out, screen: null } as const;
      this.label(xName, [0, Y - DROP, s * (hz + TICK)], nameMeta, AXIS_TEXT.name);

      // y ticks on the edge at X = s·hx.
      const ys = this.set();
      this.ySets.set(s, ys);
      const outY: Vec3 = [s, 0, 0];
      const marksY: number[] = [];
      yTicks.forEach((y) => {
        const wz = worldZ(f, y);
        const x = s * (hx + TICK);
        marksY.push(s * hx, Y, wz, x, Y - DROP, wz);
        const meta = { axis: 'y', role: 'tick', set: ys, out: outY, screen: null } as const;
        this.label(tickLabel(y), [x, Y - DROP, wz], meta, AXIS_TEXT.tick);
      });
      this.lines(marksY, this.theme.axis, ys);
      const yNameMeta = {
        axis: 'y',
        role: 'name',
        set: ys,
        out: outY,
        screen: null,
      } as const;
      this.label(yName, [s * (hx + TICK), Y - DROP, 0], yNameMeta, AXIS_TEXT.name);
    }
    const fTicks = this.fTicks();
    const title = `f(${variables.join(', ') || 'x, y'})`;
    for (const sx of [-1, 1] as const) {
      for (const sz of [-1, 1] as const) {
        const fs = this.set();
        this.fSets.set(`${sx},${sz}`, fs);
        const cx = sx * hx;
        const cz = sz * hz;
        // Tick marks point out of the box along the corner's diagonal.
        const dx = (sx * TICK) / Math.SQRT2;
        const dz = (sz * TICK) / Math.SQRT2;
        const pts: number[] = [cx, 0, cz, cx, HEIGHT, cz];
        fTicks.forEach(({ value, y }) => {
          pts.push(cx, y, cz, cx + dx, y, cz + dz);
          const meta = { axis: 'f', role: 'tick', set: fs, out: null, screen: LEFT } as const;
          this.label(tickLabel(value), [cx, y, cz], meta, AXIS_TEXT.tick);
        });
        this.lines(pts, this.theme.axis, fs);
        const meta = { axis: 'f', role: 'title', set: fs, out: null, screen: UP } as const;
        this.label(title, [cx, HEIGHT, cz], meta, AXIS_TEXT.title);
      }
    }
  }

  /** Ticks of f between the frame's low and high values, as heights. */
  private fTicks(): { value: number; y: number }[] {
    const { fLow, fHigh } = this.frame;
    return niceTicks(fLow, fHigh, 4).map((value) => ({ value, y: rawWorldY(this.frame, value) }));
  }

  private build1d(variables: readonly string[]): void {
    const f = this.frame;
    const [xName = 'x'] = variables;
    const X0 = -f.halfX;
    const X1 = f.halfX;
    // The x axis sits at f = 0 when that is in view (the usual textbook picture), else at the bottom.
    const zeroY = rawWorldY(f, 0);
    const axisY = zeroY >= 0 && zeroY <= HEIGHT ? zeroY : 0;
    const zeroX = worldX(f, 0);
    const axisX = zeroX >= X0 && zeroX <= X1 ? zeroX : X0;
    const grid: number[] = [];
    const pts: number[] = [X0, axisY, 0, X1, axisY, 0, axisX, 0, 0, axisX, HEIGHT, 0];
    const fixed = { set: null, out: null, screen: null } as const;
    niceTicks(f.domain.x[0], f.domain.x[1], 8).forEach((x) => {
      const wx = worldX(f, x);
      grid.push(wx, 0, -0.001, wx, HEIGHT, -0.001);
      pts.push(wx, axisY, 0, wx, axisY - TICK, 0);
      const meta = { ...fixed, axis: 'x', role: 'tick' } as const;
      this.label(tickLabel(x), [wx, axisY - TICK - 0.015, 0], meta, AXIS_TEXT.tick, [0.5, 1]);
    });
    this.fTicks().forEach(({ value, y }) => {
      grid.push(X0, y, -0.001, X1, y, -0.001);
      pts.push(axisX, y, 0, axisX - TICK, y, 0);
      if (value !== 0 || axisY !== zeroY) {
        const meta = { ...fixed, axis: 'f', role: 'tick' } as const;
        const at: Vec3 = [axisX - TICK - 0.015, y, 0];
        this.label(tickLabel(value), at, meta, AXIS_TEXT.tick, [1, 0.5]);
      }
    });
    this.lines(grid, this.theme.axis, this.group, 0.12);
    this.lines(pts, this.theme.axis, this.group);
    const nameMeta = { ...fixed, axis: 'x', role: 'name' } as const;
    this.label(xName, [X1 + 0.06, axisY, 0], nameMeta, AXIS_TEXT.name, [0, 0.5]);
    const titleMeta = { ...fixed, axis: 'f', role: 'title' } as const;
    this.label(`f(${xName})`, [axisX, HEIGHT + 0.05, 0], titleMeta, AXIS_TEXT.title, [0.5, 0]);
  }

  /**
   * Shows and places the labels for `camera` (matrices current) on a canvas of `width` ×
   * `height` CSS px. Cheap when nothing changed since the last call; allocates nothing.
   */
  layout(camera: Camera, width: number, height: number): void {
    const m = camera.matrixWorld.elements;
    const p = camera.projectionMatrix.elements;
    let same = this.last[32] === width && this.last[33] === height;
    for (let k = 0; k < 16 && same; k++) {
      if (this.last[k] !== m[k] || this.last[16 + k] !== p[k]) same = false;
    }
    if (same) return;
    for (let k = 0; k < 16; k++) {
      this.last[k] = m[k]!;
      this.last[16 + k] = p[k]!;
    }
    this.last[32] = width;
    this.last[33] = height;
    if (this.frame.dim === 2) this.choose(m);
    const short = Math.min(width, height);
    // Sizes and places.
    for (const l of this.labels) {
      const h = l.text.pixelHeight(short);
      l.height = h;
      l.width = h * l.text.widthRatio;
      l.shown = l.set === null || l.set.visible;
      if (!l.shown || (l.out === null && l.screen === null)) continue;
      let dx: number;
      let dy: number;
      if (l.screen) {
        dx = l.screen[0];
        dy = l.screen[1];
      } else {
        const o = l.out!;
        // Camera right is the matrix's first column, up its second.
        dx = o[0] * m[0]! + o[1] * m[1]! + o[2] * m[2]!;
        dy = o[0] * m[4]! + o[1] * m[5]! + o[2] * m[6]!;
      }
      const gap =
        l.role === 'name' ? this.nameGap(l, dx, dy, short) : l.axis === 'f' ? F_GAP : AXIS_TEXT.gap;
      const [cx, cy] = labelCenter(dx, dy, l.width, l.height, gap);
      l.text.sprite.center.set(cx, cy);
    }
    for (const l of this.labels) if (l.shown) this.measure(l, camera, width, height);
    // Thin crowded axes: every k-th tick, k as small as leaves no two overlapping.
    for (const axis of AXES) {
      const ticks = scratch[axis];
      ticks.length = 0;
      for (const l of this.labels)
        if (l.shown && l.axis === axis && l.role === 'tick') ticks.push(l);
      if (ticks.length > 1) this.thin(ticks);
    }
    // Then the more important label wins any remaining collision.
    for (let i = 0; i < this.byPriority.length; i++) {
      const a = this.byPriority[i]!;
      if (!a.shown) continue;
      for (let j = 0; j < i; j++) {
        const b = this.byPriority[j]!;
        if (b.shown && rectsOverlap(a, b, LABEL_PAD)) {
          a.shown = false;
          break;
        }
      }
    }
    for (const l of this.labels) l.text.sprite.visible = l.shown;
  }

  /** Shows the sets `axisPlacement` picks for a camera with world matrix elements `m`. */
  private choose(m: ArrayLike<number>): void {
    const back: Vec3 = [m[8]!, m[9]!, m[10]!];
    const right: Vec3 = [m[0]!, m[1]!, m[2]!];
    const place = axisPlacement(back, right);
    for (const [s, g] of this.xSets) g.visible = s === place.xEdge;
    for (const [s, g] of this.ySets) g.visible = s === place.yEdge;
    const corner = place.fCorner ? `${place.fCorner[0]},${place.fCorner[1]}` : '';
    for (const [key, g] of this.fSets) g.visible = key === corner;
  }

  /** Gap from an axis name's point to the name: past its axis's tick labels. */
  private nameGap(name: AxisLabel, dx: number, dy: number, short: number): number {
    const length = Math.hypot(dx, dy);
    const ux = length > 0.25 ? Math.abs(dx / length) : 0;
    const uy = length > 0.25 ? Math.abs(dy / length) : 1;
    let extent = 0;
    for (const l of this.labels) {
      if (l.set !== name.set || l.role !== 'tick') continue;
      const h = l.text.pixelHeight(short);
      extent = Math.max(extent, ux * h * l.text.widthRatio + uy * h);
    }
    return AXIS_TEXT.gap * 2 + extent;
  }

  /** Where a label lands on the canvas (CSS px), from its position and anchor. */
  private measure(l: AxisLabel, camera: Camera, width: number, height: number): void {
    const s = l.text.sprite;
    projected.copy(s.position).project(camera);
    const x = ((projected.x + 1) / 2) * width;
    const y = ((1 - projected.y) / 2) * height;
    l.left = x - s.center.x * l.width;
    l.top = y - (1 - s.center.y) * l.height;
  }

  private thin(ticks: AxisLabel[]): void {
    for (let every = 1; every <= ticks.length; every++) {
      let clear = true;
      let previous: AxisLabel | null = null;
      for (let i = 0; i < ticks.length && clear; i += every) {
        const l = ticks[i]!;
        if (previous && rectsOverlap(previous, l, LABEL_PAD)) clear = false;
        previous = l;
      }
      if (clear || every === ticks.length) {
        for (let i = 0; i < ticks.length; i++) ticks[i]!.shown = i % every === 0;
        return;
      }
    }
  }

  dispose(): void {
    for (const l of this.labels) l.text.dispose();
    for (const g of this.geometries) g.dispose();
    for (const m of this.materials) m.dispose();
  }
}

const AXES = ['x', 'y', 'f'] as const;
const LEFT = [-1, 0] as const;
const UP = [0, 1] as const;
const projected = new Vector3();
const scratch: Record<'x' | 'y' | 'f', AxisLabel[]> = { x: [], y: [], f: [] };
