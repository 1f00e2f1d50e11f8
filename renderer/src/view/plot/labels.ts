/**
 * The labels at points of a plot, laid out together on screen so they never overlap (see
 * labelLayout.ts for the placement rules). Overlays and run markers own {@link PointLabel}s and
 * only say where each one's anchor is; one {@link LabelBoard} per canvas collects them, and just
 * before each frame is drawn, when anything it depends on changed (an anchor, a text, the
 * camera, the canvas size, the fixed labels such as ticks), places them, hides those without
 * room and draws leader lines for those it moved away from their anchors.
 */
import {
  BufferAttribute,
  BufferGeometry,
  Group,
  LineBasicMaterial,
  LineSegments,
  Vector3,
} from 'three';
import type { Camera, Object3D } from 'three';
import { TextLabel, textLabelOf } from '../canvas/text.ts';
import type { LabelStyle, ScreenRect } from '../canvas/text.ts';
import { LabelLayoutBuffers, layoutLabels } from './labelLayout.ts';
import type { LabelReport } from './testHooks.ts';

/** How much a label matters when space runs out (higher hides last). */
export const LABEL_PRIORITY = {
  offPlot: 90,
  descent: 80,
  gradient: 75,
  directional: 70,
  taylor: 65,
  curvature: 50,
  eigen: 40,
  contour: 30,
} as const;

/** Marks the sprites of PointLabels (placed by a board, not by their owner). */
const MANAGED_KEY = 'descentPointLabel';

/** Most labels one board places. */
const CAPACITY = 48;
/** Default distance from the anchor to a label (CSS px). */
const GAP = 6;

/** A label at a point, placed by the board. */
export class PointLabel {
  readonly text: TextLabel;
  /** Anchor, in world coordinates. */
  readonly anchor = new Vector3();
  /** Start of the segment the label names (its arrow); see {@link setFrom}. */
  readonly from = new Vector3();
  hasFrom = false;
  /** Preferred screen direction when there is no `from` (unit, x right, y down). */
  preferX = 0;
  preferY = -1;
  /** Distance from the anchor to the label's nearest edge (CSS px). */
  gap = GAP;
  /** Whether the owner wants it shown (the board may still hide it for lack of room). */
  wanted = false;
  /** Set by any change; the board re-lays out and clears it. */
  changed = true;
  /** The spot the last layout chose (see labelLayout.ts), kept to avoid jitter. */
  choice = -1;

  constructor(
    text: string,
    style: LabelStyle,
    readonly priority: number,
  ) {
    this.text = new TextLabel(text, { ...style, onTop: true });
    this.text.sprite.visible = false;
    this.text.sprite.userData[MANAGED_KEY] = true;
  }

  get sprite(): TextLabel['sprite'] {
    return this.text.sprite;
  }

  /** Shows the label at (x, y, z), preferring the screen direction (px, py) (y down). */
  place(x: number, y: number, z: number, px = this.preferX, py = this.preferY): void {
    const a = this.anchor;
    if (
      this.wanted &&
      !this.hasFrom &&
      a.x === x &&
      a.y === y &&
      a.z === z &&
      px === this.preferX &&
      py === this.preferY
    ) {
      return;
    }
    a.set(x, y, z);
    this.hasFrom = false;
    this.preferX = px;
    this.preferY = py;
    this.wanted = true;
    this.changed = true;
  }

  /**
   * Shows the label at the tip (x, y, z) of a segment that starts at (fx, fy, fz), e.g. an arrow:
   * it prefers to continue beyond the tip, and other labels keep off the segment.
   */
  placeAtTip(fx: number, fy: number, fz: number, x: number, y: number, z: number): void {
    const a = this.anchor;
    const f = this.from;
    if (
      this.wanted &&
      this.hasFrom &&
      a.x === x &&
      a.y === y &&
      a.z === z &&
      f.x === fx &&
      f.y === fy &&
      f.z === fz
    ) {
      return;
    }
    a.set(x, y, z);
    f.set(fx, fy, fz);
    this.hasFrom = true;
    this.wanted = true;
    this.changed = true;
  }

  hide(): void {
    if (!this.wanted) return;
    this.wanted = false;
    this.changed = true;
  }

  setText(text: string): void {
    if (text === this.text.content) return;
    this.text.setText(text);
    this.changed = true;
  }

  setStyle(style: Partial<LabelStyle>): void {
    this.text.setStyle(style);
    this.changed = true;
  }

  dispose(): void {
    this.text.dispose();
  }
}

/** Whether an object and all its ancestors are visible. */
function shown(object: Object3D | null): boolean {
  for (let o = object; o; o = o.parent) if (!o.visible) return false;
  return true;
}

const point = new Vector3();
const point2 = new Vector3();
const rect: ScreenRect = { left: 0, top: 0, width: 0, height: 0 };

/** The labels of one canvas and their layout. */
export class LabelBoard {
  /** Leader lines (add to the scene). */
  readonly group = new Group();
  private readonly labels: PointLabel[] = [];
  private readonly buffers = new LabelLayoutBuffers(CAPACITY);
  /** Which label each layout slot holds. */
  private readonly slots: (PointLabel | null)[] = new Array<PointLabel | null>(CAPACITY).fill(null);
  private readonly active = new Uint8Array(CAPACITY);
  /** Inputs of the last layout, to tell whether another is needed. */
  private readonly lastCamera = new Float64Array(32);
  private lastWidth = -1;
  private lastHeight = -1;
  private readonly lastFixed = new Float64Array(this.buffers.fixedCapacity * 4);
  private lastFixedCount = -1;
  private readonly leaderPositions = new Float32Array(CAPACITY * 6);
  private readonly leaderGeometry = new BufferGeometry();
  private readonly leaderMaterial = new LineBasicMaterial({
    color: '#555555',
    transparent: true,
    opacity: 0.75,
    depthTest: false,
    depthWrite: false,
  });
  // Scratch for the scene walk that collects fixed labels (bound once: no closure per frame).
  private walkCamera: Camera | null = null;
  private walkWidth = 0;
  private walkHeight = 0;
  private readonly collectFixed = (object: Object3D): void => {
    const label = textLabelOf(object);
    if (!label || label.content === '' || object.userData[MANAGED_KEY] === true) return;
    const camera = this.walkCamera;
    if (!camera) return;
    // A label built since the last frame has no world matrix yet.
    object.updateWorldMatrix(true, false);
    if (!label.screenRect(camera, this.walkWidth, this.walkHeight, rect)) return;
    this.buffers.addFixed(rect.left, rect.top, rect.left + rect.width, rect.top + rect.height);
  };

  constructor() {
    this.leaderGeometry.setAttribute('position', new BufferAttribute(this.leaderPositions, 3));
    this.leaderGeometry.setDrawRange(0, 0);
    const leaders = new LineSegments(this.leaderGeometry, this.leaderMaterial);
    leaders.renderOrder = 19;
    leaders.frustumCulled = false;
    leaders.raycast = () => {};
    this.group.add(leaders);
  }

  add(label: PointLabel): void {
    if (!this.labels.includes(label)) this.labels.push(label);
    label.changed = true;
  }

  remove(label: PointLabel): void {
    const i = this.labels.indexOf(label);
    if (i >= 0) this.labels.splice(i, 1);
    // Slots are refilled by the next layout, which this forces.
    this.lastWidth = -1;
  }

  /** Colour of the leader lines (the theme's label colour). */
  setLeaderColor(color: string): void {
    this.leaderMaterial.color.set(color);
  }

  /**
   * Lays the labels out for `camera` on a canvas of width × height CSS px, if anything changed
   * since the last layout. `scene` is searched for fixed labels (ticks) to keep clear of.
   */
  update(camera: Camera, width: number, height: number, scene: Object3D): void {
    camera.updateMatrixWorld();
    const b = this.buffers;
    // Fixed labels first: whether they moved is part of "anything changed".
    b.fixedCount = 0;
    this.walkCamera = camera;
    this.walkWidth = width;
    this.walkHeight = height;
    scene.traverseVisible(this.collectFixed);
    this.walkCamera = null;
    let changed = width !== this.lastWidth || height !== this.lastHeight;
    if (b.fixedCount !== this.lastFixedCount) changed = true;
    for (let k = 0; k < b.fixedCount * 4 && !changed; k++) {
      if (b.fixed[k] !== this.lastFixed[k]) changed = true;
    }
    const m = camera.matrixWorld.elements;
    const p = camera.projectionMatrix.elements;
    for (let k = 0; k < 16; k++) {
      if (this.lastCamera[k] !== m[k] || this.lastCamera[16 + k] !== p[k]) changed = true;
    }
    for (let i = 0; i < this.labels.length && i < CAPACITY; i++) {
      const label = this.labels[i]!;
      const on = label.wanted && label.text.content !== '' && shown(label.sprite.parent);
      if (label.changed || this.slots[i] !== label || (on ? 1 : 0) !== this.active[i]) {
        changed = true;
      }
    }
    if (!changed) return;
    this.lastWidth = width;
    this.lastHeight = height;
    this.lastFixedCount = b.fixedCount;
    for (let k = 0; k < b.fixedCount * 4; k++) this.lastFixed[k] = b.fixed[k]!;
    for (let k = 0; k < 16; k++) {
      this.lastCamera[k] = m[k]!;
      this.lastCamera[16 + k] = p[k]!;
    }
    this.layout(camera, width, height);
  }

  private layout(camera: Camera, width: number, height: number): void {
    const b = this.buffers;
    const shortSide = Math.min(width, height);
    b.boundsLeft = 2;
    b.boundsTop = 2;
    b.boundsRight = width - 2;
    b.boundsBottom = height - 2;
    // Slot i of the buffers is label i (inactive ones get no room: zero priority, hidden below).
    let n = 0;
    for (let i = 0; i < CAPACITY; i++) {
      const label = i < this.labels.length ? this.labels[i]! : null;
      this.slots[i] = label;
      this.active[i] = 0;
      if (!label) continue;
      label.changed = false;
      const on = label.wanted && label.text.content !== '' && shown(label.sprite.parent);
      if (!on) {
        label.sprite.visible = false;
        continue;
      }
      point.copy(label.anchor).project(camera);
      if (!(point.z >= -1 && point.z <= 1)) {
        label.sprite.visible = false;
        continue;
      }
      this.active[i] = 1;
      const ax = ((point.x + 1) / 2) * width;
      const ay = ((1 - point.y) / 2) * height;
      let dx = label.preferX;
      let dy = label.preferY;
      b.legX0[n] = NaN;
      if (label.hasFrom) {
        point2.copy(label.from).project(camera);
        const fx = ((point2.x + 1) / 2) * width;
        const fy = ((1 - point2.y) / 2) * height;
        const len = Math.hypot(ax - fx, ay - fy);
        if (len > 1e-6) {
          dx = (ax - fx) / len;
          dy = (ay - fy) / len;
        }
        b.legX0[n] = fx;
        b.legY0[n] = fy;
        b.legX1[n] = ax;
        b.legY1[n] = ay;
      }
      const h = label.text.pixelHeight(shortSide);
      b.ax[n] = ax;
      b.ay[n] = ay;
      b.w[n] = h * label.text.widthRatio;
      b.h[n] = h;
      b.dx[n] = dx;
      b.dy[n] = dy;
      b.gap[n] = label.gap;
      b.priority[n] = label.priority;
      b.choice[n] = label.choice;
      n++;
    }
    b.count = n;
    layoutLabels(b);
    // Apply: anchor stays the sprite's position; the offset goes into its centre.
    let slot = 0;
    let leaders = 0;
    for (let i = 0; i < CAPACITY; i++) {
      if (this.active[i] !== 1) continue;
      const label = this.slots[i]!;
      const s = slot++;
      const sprite = label.sprite;
      label.choice = b.choice[s]!;
      if (b.shown[s] !== 1) {
        sprite.visible = false;
        continue;
      }
      sprite.visible = true;
      sprite.position.copy(label.anchor);
      const w = b.w[s]!;
      const h = b.h[s]!;
      const ox = b.cx[s]! - b.ax[s]!;
      const oy = b.cy[s]! - b.ay[s]!;
      sprite.center.set(0.5 - ox / w, 0.5 + oy / h);
      if (b.leader[s] === 1) {
        // From the anchor to the nearest point of the label, at the anchor's depth.
        const nx = Math.min(Math.max(b.ax[s]!, b.cx[s]! - w / 2), b.cx[s]! + w / 2);
        const ny = Math.min(Math.max(b.ay[s]!, b.cy[s]! - h / 2), b.cy[s]! + h / 2);
        point.copy(label.anchor).project(camera);
        point2.set((nx / width) * 2 - 1, 1 - (ny / height) * 2, point.z).unproject(camera);
        const k = leaders++ * 6;
        const a = label.anchor;
        this.leaderPositions[k] = a.x;
        this.leaderPositions[k + 1] = a.y;
        this.leaderPositions[k + 2] = a.z;
        this.leaderPositions[k + 3] = point2.x;
        this.leaderPositions[k + 4] = point2.y;
        this.leaderPositions[k + 5] = point2.z;
      }
    }
    this.leaderGeometry.setDrawRange(0, leaders * 2);
    const attribute = this.leaderGeometry.getAttribute('position') as BufferAttribute;
    attribute.clearUpdateRanges();
    attribute.addUpdateRange(0, leaders * 6);
    attribute.needsUpdate = true;
  }

  /**
   * Every visible label of `scene` with its rectangle in CSS px of the page (for the test hook;
   * allocates). `origin`: the canvas's top-left corner in the page.
   */
  report(
    camera: Camera,
    width: number,
    height: number,
    scene: Object3D,
    origin: { left: number; top: number },
  ): LabelReport[] {
    camera.updateMatrixWorld();
    const out: LabelReport[] = [];
    scene.traverseVisible((object) => {
      const label = textLabelOf(object);
      if (!label || label.content === '') return;
      const r = label.screenRect(camera, width, height, {
        left: 0,
        top: 0,
        width: 0,
        height: 0,
      });
      if (!r) return;
      out.push({
        text: label.content,
        role: object.userData[MANAGED_KEY] === true ? 'overlay' : 'fixed',
        left: r.left + origin.left,
        top: r.top + origin.top,
        width: r.width,
        height: r.height,
      });
    });
    return out;
  }

  dispose(): void {
    this.leaderGeometry.dispose();
    this.leaderMaterial.dispose();
  }
}
