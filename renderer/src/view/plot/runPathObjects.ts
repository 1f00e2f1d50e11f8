/**
 * The three.js objects that draw one run: the whole path (faint, so viewers see where it goes;
 * left out when the path is revealed as it plays), the part already travelled (solid), a fading
 * trail behind the ball (plus a faint copy visible through the surface), a dot per step, the
 * ball, an off-plot marker where the run leaves the plot box (an arrow on the box's edge pointing
 * where it went, labelled with the step), and an ✕ where a run the solver stopped ended inside
 * it. Plain imperative three.js: `layout` runs when the trajectory or the surface changes,
 * `update` every frame and allocates nothing.
 *
 * The laid-out path stays on the CPU at full resolution (the ball and trail follow it exactly);
 * the GPU gets it simplified to within a fraction of a pixel (pathLayout.ts), and dots that
 * would overlap are merged. The travelled part is the simplified path up to the last vertex
 * kept before the ball, plus a short full-resolution "bridge" from there to the ball.
 */
import {
  BufferAttribute,
  BufferGeometry,
  CanvasTexture,
  Color,
  Group,
  Mesh,
  MeshBasicMaterial,
  MeshLambertMaterial,
  Points,
  PointsMaterial,
  SphereGeometry,
  SRGBColorSpace,
} from 'three';
import type { SurfaceResult, TrajectoryResult } from '../../../../shared/protocol.ts';
import type { ViewFrame } from './frame.ts';
import { LABEL_PRIORITY, PointLabel } from './labels.ts';
import { Arrow } from './overlays/arrow.ts';
import { plotExitOf } from './plotBox.ts';
import {
  layoutPath,
  locateOnPath,
  MAX_GAP,
  PathScratch,
  Simplified,
  simplifyPath,
  thinDots,
} from './pathLayout.ts';
import type { VertexSink } from './pathLayout.ts';
import { LIGHT_DETAIL } from '../canvas/adaptiveQuality.ts';
import type { LightDetail } from '../canvas/adaptiveQuality.ts';
import { PolylineBuffer, PolylineLine } from '../canvas/fatLines.ts';
import { TextLabel } from '../canvas/text.ts';
import type { ViewTheme } from '../canvas/theme.ts';

/** Steps of history the fading trail covers. */
const TRAIL_STEPS = 6;
/** Vertex capacity of the trail (draped steps have several vertices each). */
const TRAIL_VERTICES = 160;
/**
 * Dots closer than this to the last one drawn are merged (world units, L1): about 5 px of a
 * 1080p view at the default camera, so merged dots would have overlapped the one kept (they
 * are 7 px wide). Each dot costs a software renderer about 2 µs a frame.
 */
const DOT_SPACING = 0.01;
/** World radius of the ball. */
export const BALL_RADIUS = 0.032;
/** World length of the off-plot marker's arrow (it ends on the box's edge). */
const MARKER_LENGTH = 0.13;
/** How far inside the box edge the marker's tip stops (world units). */
const MARKER_INSET = 0.025;
/** Share of the run's colour in the faint path ahead of the ball (the rest is background). */
const AHEAD_SHARE = 0.6;

/** One sphere geometry shared by every ball (never disposed: it is tiny and module-lived). */
const BALL_GEOMETRY = new SphereGeometry(1, 24, 16);
/**
 * The balls' light form for adaptive quality (LIGHT_DETAIL): a quarter of the triangles. At the
 * lowered resolutions it is drawn at, a ball is at most a few dozen pixels wide and this
 * outline stays within half a pixel of the round one (12 facets around: 3.4 % of the radius).
 */
const BALL_LIGHT_GEOMETRY = new SphereGeometry(1, 12, 8);

/** Gives a ball (or its ghost) its light form on request (see BALL_LIGHT_GEOMETRY). */
function lightBall(ball: Mesh): void {
  const detail: LightDetail = (light) => {
    ball.geometry = light ? BALL_LIGHT_GEOMETRY : BALL_GEOMETRY;
  };
  ball.userData[LIGHT_DETAIL] = detail;
}

let dotTexture: CanvasTexture | null = null;
/** A soft round dot for step markers (points are square without one). */
function getDotTexture(): CanvasTexture {
  if (dotTexture) return dotTexture;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 64;
  // CPU-rasterised, like the text labels (view/text.ts): identical pixels with or without a GPU.
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (ctx) {
    ctx.fillStyle = '#ffffff';
    ctx.beginPath();
    ctx.arc(32, 32, 28, 0, Math.PI * 2);
    ctx.fill();
  }
  dotTexture = new CanvasTexture(canvas);
  return dotTexture;
}

/** A growable vertex array (x, y, z per vertex) on the CPU. */
class VertexArray implements VertexSink {
  array = new Float32Array(3 * 16);
  reserve(n: number): void {
    if (n * 3 <= this.array.length) return;
    const grown = new Float32Array(Math.max(n, (this.array.length / 3) * 2) * 3);
    grown.set(this.array);
    this.array = grown;
  }
  set(i: number, x: number, y: number, z: number): void {
    this.array[i * 3] = x;
    this.array[i * 3 + 1] = y;
    this.array[i * 3 + 2] = z;
  }
}

/** A VertexArray that is also a Points geometry's position attribute (replaced as it grows). */
class DotSink extends VertexArray {
  attribute = new BufferAttribute(this.array, 3);
  constructor(private readonly geometry: BufferGeometry) {
    super();
    geometry.setAttribute('position', this.attribute);
  }
  override reserve(n: number): void {
    const before = this.array;
    super.reserve(n);
    if (this.array === before) return;
    this.attribute = new BufferAttribute(this.array, 3);
    this.geometry.setAttribute('position', this.attribute);
  }
}

export class RunPathObjects {
  readonly group = new Group();
  private readonly fine = new VertexArray();
  private readonly simplified = new Simplified();
  /** The simplified path (GPU), drawn whole (faint) and up to the ball (solid). */
  private readonly path = new PolylineBuffer(256);
  private readonly full: PolylineLine;
  private readonly past: PolylineLine;
  /** Full-resolution vertices from the last simplified vertex before the ball to the ball. */
  private readonly bridge = new PolylineBuffer(MAX_GAP + 2, true);
  private readonly bridgeLine: PolylineLine;
  /** The trail once more, faint and drawn through the surface (see constructor). */
  private readonly xray: PolylineLine;
  private readonly ghost: Mesh;
  private readonly ghostMaterial = new MeshBasicMaterial({
    transparent: true,
    opacity: 0.35,
    depthTest: false,
    depthWrite: false,
  });
  private readonly trail = new PolylineBuffer(TRAIL_VERTICES + 2, true);
  private readonly trailColors = new PolylineBuffer(TRAIL_VERTICES + 2, true);
  private readonly trailLine: PolylineLine;
  private readonly dotsGeometry = new BufferGeometry();
  private readonly dots: DotSink;
  private readonly dotsObject: Points;
  private readonly ball: Mesh;
  private readonly ballMaterial = new MeshLambertMaterial();
  private readonly cross: TextLabel;
  /** Off-plot marker: an arrow ending on the box edge, and its label (laid out by the board). */
  private readonly marker = new Arrow('#888888', 0.011);
  readonly markerLabel: PointLabel;
  private readonly scratch = new PathScratch();
  private readonly where = new Float64Array(3);
  private readonly runColor = new Color();
  private readonly fadedColor = new Color();
  private drawRows = 0;
  private vertexCount = 0;
  /** Tip and tail of the marker's arrow (world). */
  private readonly markerTip = new Float64Array(6);
  /** Share of the step after the last drawn row drawn up to the box edge (0: none). */
  private exitFraction = 0;
  /** Timeline position at which the run leaves the box (Infinity: never). */
  private exitTime = Infinity;
  /** Draw nothing ahead of the ball. */
  private reveal = false;

  constructor() {
    this.full = new PolylineLine(this.path, { color: '#888888', width: 2 });
    this.past = new PolylineLine(this.path, { color: '#888888', width: 3 });
    this.bridgeLine = new PolylineLine(this.bridge, { color: '#888888', width: 3 });
    this.trailLine = new PolylineLine(
      this.trail,
      { color: '#ffffff', width: 6, vertexColors: true },
      this.trailColors,
    );
    // Parts of a path can be hidden by the surface (the near wall of a bowl, a saddle's ridge).
    // A faint copy of the trail and ball drawn without depth test keeps the current position
    // visible "through" it. Only the trail: an x-ray of the whole path would cost another pass
    // over thousands of segments on software renderers.
    this.xray = new PolylineLine(this.trail, {
      color: '#888888',
      width: 3,
      opacity: 0.3,
      onTop: true,
    });
    this.xray.object.renderOrder = 5;
    this.dots = new DotSink(this.dotsGeometry);
    this.dotsObject = new Points(
      this.dotsGeometry,
      new PointsMaterial({
        size: 7,
        sizeAttenuation: false,
        map: getDotTexture(),
        alphaTest: 0.5,
        transparent: false,
      }),
    );
    this.dotsObject.frustumCulled = false;
    this.ball = new Mesh(BALL_GEOMETRY, this.ballMaterial);
    this.ball.scale.setScalar(BALL_RADIUS);
    this.ghost = new Mesh(BALL_GEOMETRY, this.ghostMaterial);
    this.ghost.scale.setScalar(BALL_RADIUS);
    this.ghost.renderOrder = 5;
    lightBall(this.ball);
    lightBall(this.ghost);
    this.cross = new TextLabel('✕', { color: '#000000', height: 0.14, onTop: true });
    this.markerLabel = new PointLabel(
      '',
      { color: '#222222', height: 0.07, background: '#ffffff' },
      LABEL_PRIORITY.offPlot,
    );
    this.marker.group.visible = false;
    // Nothing here is clickable; keep R3F's raycaster off these objects.
    const parts = [
      this.full.object,
      this.past.object,
      this.bridgeLine.object,
      this.xray.object,
      this.trailLine.object,
      this.dotsObject,
      this.ball,
      this.ghost,
    ];
    for (const o of parts) o.raycast = () => {};
    this.group.add(...parts, this.cross.sprite, this.marker.group, this.markerLabel.sprite);
    this.group.visible = false;
  }

  /**
   * Sets the run's colour and the theme; the path ahead and the trail's tail are the run's
   * colour faded towards the background, so every run keeps its own hue.
   */
  setColors(run: string, theme: ViewTheme): void {
    this.runColor.set(run);
    // Mixed in sRGB, as a designer would: mixing in three's linear working space greys the hue
    // out (half-way from white to a blue run read as near-white on the light theme).
    const bg = new Color(theme.background).getRGB({ r: 0, g: 0, b: 0 }, SRGBColorSpace);
    const fg = this.runColor.getRGB({ r: 0, g: 0, b: 0 }, SRGBColorSpace);
    const mix = (a: number, b: number): number => a + (b - a) * AHEAD_SHARE;
    this.fadedColor.setRGB(mix(bg.r, fg.r), mix(bg.g, fg.g), mix(bg.b, fg.b), SRGBColorSpace);
    this.marker.setColor(run);
    this.markerLabel.setStyle({
      color: theme.label,
      background: theme.labelBackground,
      border: run,
    });
    this.past.setColor(run);
    this.bridgeLine.setColor(run);
    this.xray.setColor(run);
    this.ghostMaterial.color.set(run);
    this.full.material.color.copy(this.fadedColor);
    this.ballMaterial.color.set(run);
    (this.dotsObject.material as PointsMaterial).color.set(run);
    this.cross.setStyle({ color: run });
  }

  /** Colours of an n-vertex trail: faded colour at the oldest vertex, run colour at the head. */
  private writeTrailColors(n: number): void {
    const c = this.fadedColor;
    const r = this.runColor;
    const last = n > 1 ? n - 1 : 1;
    for (let i = 0; i < n; i++) {
      const w = i / last;
      this.trailColors.set(i, c.r + (r.r - c.r) * w, c.g + (r.g - c.g) * w, c.b + (r.b - c.b) * w);
    }
    this.trailColors.commit(n);
  }

  /** Leaves out (or draws, faint) the part of the path ahead of the ball. */
  setReveal(reveal: boolean): void {
    this.reveal = reveal;
    this.full.object.visible = !reveal;
  }

  /** Lays out a new trajectory (or hides everything when there is none). */
  layout(
    trajectory: TrajectoryResult | undefined,
    frame: ViewFrame | null,
    surface: SurfaceResult | null,
  ): void {
    if (!trajectory || !frame || trajectory.count === 0 || trajectory.dim !== frame.dim) {
      this.group.visible = false;
      this.drawRows = 0;
      this.exitTime = Infinity;
      this.markerLabel.hide();
      return;
    }
    const drape = frame.dim === 2 && surface !== null && surface.ny > 1 ? surface : null;
    const exit = plotExitOf(trajectory, frame);
    const result = layoutPath(
      trajectory.data,
      trajectory.count,
      frame,
      drape,
      this.scratch,
      this.fine,
      this.dots,
      exit,
    );
    const fine = this.fine.array;
    // The GPU copy: simplified path and thinned dots.
    const simplified = this.simplified;
    simplifyPath(fine, result.vertexCount, simplified);
    if (this.path.reserve(simplified.count)) {
      this.full.rebind(this.path);
      this.past.rebind(this.path);
    }
    for (let i = 0; i < simplified.count; i++) {
      const v = simplified.kept[i]! * 3;
      this.path.set(i, fine[v]!, fine[v + 1]!, fine[v + 2]!);
    }
    this.path.commit(simplified.count);
    // layoutPath sized the scratch's row arrays for every drawn row.
    const dotCount = thinDots(this.dots.array, result.drawRows, DOT_SPACING, this.scratch.rowDot);
    this.dots.attribute.clearUpdateRanges();
    this.dots.attribute.addUpdateRange(0, dotCount * 3);
    this.dots.attribute.needsUpdate = true;
    this.drawRows = result.drawRows;
    this.vertexCount = result.vertexCount;
    this.exitFraction = result.exitFraction;
    const drawn = result.drawRows > 0;
    for (const part of this.pathParts()) part.visible = drawn;
    this.full.object.visible = drawn && !this.reveal;
    this.group.visible = drawn || exit !== null;
    // ✕ where a run the solver stopped (non-finite or unbounded) ended inside the box.
    this.cross.sprite.visible = trajectory.status === 'diverged' && exit === null && drawn;
    if (this.cross.sprite.visible) {
      const v = (result.vertexCount - 1) * 3;
      this.cross.sprite.position.set(fine[v]!, fine[v + 1]!, fine[v + 2]!);
    }
    this.layoutMarker(exit, frame);
  }

  /** Objects that only exist where the path has rows to draw. */
  private pathParts() {
    return [
      this.past.object,
      this.bridgeLine.object,
      this.xray.object,
      this.trailLine.object,
      this.dotsObject,
      this.ball,
      this.ghost,
    ];
  }

  /** The off-plot marker: an arrow ending on the box edge where the run leaves, and its label. */
  private layoutMarker(exit: ReturnType<typeof plotExitOf>, frame: ViewFrame): void {
    if (!exit) {
      this.exitTime = Infinity;
      this.marker.group.visible = false;
      this.markerLabel.hide();
      return;
    }
    this.exitTime = exit.step > 0 ? exit.step - 1 + exit.fraction : 0;
    // The edge point: the path's last vertex when it has one, else the box point exit names.
    let tx: number;
    let ty: number;
    let tz: number;
    if (this.vertexCount > 0) {
      const v = (this.vertexCount - 1) * 3;
      const p = this.fine.array;
      tx = p[v]!;
      ty = p[v + 1]!;
      tz = p[v + 2]!;
    } else {
      tx = (exit.x - frame.cx) * frame.scale;
      ty = frame.dim === 1 ? Math.max(0, (exit.f - frame.fLow) * frame.fScale) : 0;
      tz = frame.dim === 2 ? -(exit.y - frame.cy) * frame.scale : 0;
    }
    // Direction in world space: a surface's (x, y) is world (X, −Z); a curve's (x, f) is (X, Y).
    const ux = exit.dirX;
    const uy = frame.dim === 1 ? exit.dirY : 0;
    const uz = frame.dim === 2 ? -exit.dirY : 0;
    // The head ends a hair inside the edge, so its cone stays within the box.
    tx -= ux * MARKER_INSET;
    ty -= uy * MARKER_INSET;
    tz -= uz * MARKER_INSET;
    const dx = ux * MARKER_LENGTH;
    const dy = uy * MARKER_LENGTH;
    const dz = uz * MARKER_LENGTH;
    this.marker.set(tx - dx, ty - dy, tz - dz, dx, dy, dz);
    this.markerTip[0] = tx;
    this.markerTip[1] = ty;
    this.markerTip[2] = tz;
    this.markerTip[3] = tx - dx;
    this.markerTip[4] = ty - dy;
    this.markerTip[5] = tz - dz;
    this.markerLabel.setText(`left at step ${exit.step}`);
  }

  /** Moves ball, trail and travelled path to a timeline position. Allocates nothing. */
  update(position: number): void {
    // The marker appears once the ball gets to the edge.
    const left = position >= this.exitTime - 1e-9;
    this.marker.group.visible = left;
    if (left) {
      const m = this.markerTip;
      this.markerLabel.placeAtTip(m[3]!, m[4]!, m[5]!, m[0]!, m[1]!, m[2]!);
    } else {
      this.markerLabel.hide();
    }
    if (this.drawRows === 0) return;
    const rows = this.scratch.rowVertex;
    locateOnPath(position, this.drawRows, rows, this.where, this.exitFraction);
    const vertex = this.where[0]!;
    const fraction = this.where[1]!;
    // Past the edge the run is off the plot: no ball, no trail, only the marker.
    this.ball.visible = !left;
    this.ghost.visible = !left;
    this.trailLine.object.visible = !left;
    this.xray.object.visible = !left;
    const p = this.fine.array;
    const i = vertex * 3;
    const hasNext = vertex + 1 < this.vertexCount && fraction > 0;
    const hx = hasNext ? p[i]! + (p[i + 3]! - p[i]!) * fraction : p[i]!;
    const hy = hasNext ? p[i + 1]! + (p[i + 4]! - p[i + 1]!) * fraction : p[i + 1]!;
    const hz = hasNext ? p[i + 2]! + (p[i + 5]! - p[i + 2]!) * fraction : p[i + 2]!;
    this.ball.position.set(hx, hy + BALL_RADIUS * 0.6, hz);
    this.ghost.position.copy(this.ball.position);
    // Travelled: simplified up to the last kept vertex, then every vertex to the ball.
    const keptIndex = this.simplified.keptBefore[vertex]!;
    this.past.setSegments(keptIndex);
    // The faint whole path only where the solid one does not cover it.
    this.full.setRange(keptIndex, this.simplified.count - 1 - keptIndex);
    let b = 0;
    for (let v = this.simplified.kept[keptIndex]!; v <= vertex; v++)
      this.bridge.set(b++, p[v * 3]!, p[v * 3 + 1]!, p[v * 3 + 2]!);
    if (hasNext) this.bridge.set(b++, hx, hy, hz);
    this.bridge.commit(b);
    this.bridgeLine.setSegments(b - 1);
    // Dots up to the current row.
    const row = Math.min(this.drawRows - 1, Math.max(0, Math.floor(position + 1e-9)));
    this.dotsGeometry.setDrawRange(0, this.scratch.rowDot[row]! + 1);
    // Trail: from TRAIL_STEPS rows back up to the head.
    const fromRow = row - TRAIL_STEPS > 0 ? row - TRAIL_STEPS : 0;
    let first = rows[fromRow]!;
    if (vertex - first > TRAIL_VERTICES - 1) first = vertex - (TRAIL_VERTICES - 1);
    let n = 0;
    for (let v = first; v <= vertex; v++)
      this.trail.set(n++, p[v * 3]!, p[v * 3 + 1]!, p[v * 3 + 2]!);
    if (hasNext) this.trail.set(n++, hx, hy, hz);
    this.trail.commit(n);
    this.writeTrailColors(n);
    this.trailLine.setSegments(n - 1);
    this.xray.setSegments(n - 1);
  }

  dispose(): void {
    this.full.dispose();
    this.past.dispose();
    this.bridgeLine.dispose();
    this.xray.dispose();
    this.ghostMaterial.dispose();
    this.trailLine.dispose();
    this.dotsGeometry.dispose();
    (this.dotsObject.material as PointsMaterial).dispose();
    this.ballMaterial.dispose();
    this.cross.dispose();
    this.marker.dispose();
    this.markerLabel.dispose();
  }
}
