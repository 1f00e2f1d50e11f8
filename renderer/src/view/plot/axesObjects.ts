/**
 * Axes with ticks and labels, built as plain three.js objects (line segments + text sprites)
 * for the current frame and theme. Rebuilt when either changes; `dispose` frees everything.
 */
import { BufferAttribute, BufferGeometry, Group, LineBasicMaterial, LineSegments } from 'three';
import type { ViewFrame } from './frame.ts';
import { FLOOR_Y, HEIGHT, rawWorldY, worldX, worldZ } from './frame.ts';
import { niceTicks, tickLabel } from './ticks.ts';
import { TextLabel } from '../canvas/text.ts';
import type { ViewTheme } from '../canvas/theme.ts';

const TICK = 0.035;
const LABEL_HEIGHT = 0.07;

/** A group of axis lines and labels; call dispose() when replacing it. */
export class AxesObjects {
  readonly group = new Group();
  private readonly labels: TextLabel[] = [];
  private readonly geometries: BufferGeometry[] = [];
  private readonly materials: LineBasicMaterial[] = [];

  constructor(
    private readonly frame: ViewFrame,
    private readonly theme: ViewTheme,
    variables: readonly string[],
    /** Draw the vertical f axis (pointless, and cluttered, when looking straight down). */
    private readonly vertical = true,
  ) {
    if (frame.dim === 2) this.build3d(variables);
    else this.build1d(variables);
  }

  private lines(points: number[], color: string, opacity = 1): void {
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(Float32Array.from(points), 3));
    const material = new LineBasicMaterial({ color, transparent: opacity < 1, opacity });
    const object = new LineSegments(geometry, material);
    object.raycast = () => {};
    this.geometries.push(geometry);
    this.materials.push(material);
    this.group.add(object);
  }

  private label(
    text: string,
    x: number,
    y: number,
    z: number,
    anchorX = 0.5,
    anchorY = 0.5,
    scale = 1,
  ): void {
    const label = new TextLabel(text, {
      color: this.theme.label,
      height: LABEL_HEIGHT * scale,
      anchorX,
      anchorY,
    });
    label.sprite.position.set(x, y, z);
    this.labels.push(label);
    this.group.add(label.sprite);
  }

  /** Ticks of f between the frame's low and high values, as heights. */
  private fTicks(): { value: number; y: number }[] {
    const { fLow, fHigh } = this.frame;
    return niceTicks(fLow, fHigh, 4).map((value) => ({ value, y: rawWorldY(this.frame, value) }));
  }

  private build3d(variables: readonly string[]): void {
    const f = this.frame;
    const [xName = 'x', yName = 'y'] = variables;
    const X0 = -f.halfX;
    const X1 = f.halfX;
    const Z0 = -f.halfZ; // math y max (back)
    const Z1 = f.halfZ; // math y min (front)
    const Y = FLOOR_Y;
    const pts: number[] = [
      // floor outline
      X0,
      Y,
      Z1,
      X1,
      Y,
      Z1,
      X1,
      Y,
      Z1,
      X1,
      Y,
      Z0,
      X1,
      Y,
      Z0,
      X0,
      Y,
      Z0,
      X0,
      Y,
      Z0,
      X0,
      Y,
      Z1,
    ];
    if (this.vertical) pts.push(X0, 0, Z0, X0, HEIGHT, Z0); // f axis at the back-left corner
    for (const x of niceTicks(f.domain.x[0], f.domain.x[1], 6)) {
      const wx = worldX(f, x);
      pts.push(wx, Y, Z1, wx, Y, Z1 + TICK);
      this.label(tickLabel(x), wx, Y, Z1 + TICK + 0.05, 0.5, 0.5);
    }
    for (const y of niceTicks(f.domain.y[0], f.domain.y[1], 6)) {
      const wz = worldZ(f, y);
      pts.push(X0, Y, wz, X0 - TICK, Y, wz);
      this.label(tickLabel(y), X0 - TICK - 0.03, Y, wz, 1, 0.5);
    }
    if (this.vertical) {
      for (const { value, y } of this.fTicks()) {
        pts.push(X0, y, Z0, X0 - TICK, y, Z0);
        this.label(tickLabel(value), X0 - TICK - 0.02, y, Z0, 1, 0.5);
      }
      this.label(`f(${variables.join(', ') || 'x, y'})`, X0, HEIGHT + 0.08, Z0, 0.5, 0, 1.1);
    }
    this.lines(pts, this.theme.axis);
    this.label(xName, 0, Y, Z1 + TICK + 0.17, 0.5, 0.5, 1.3);
    this.label(yName, X0 - TICK - 0.22, Y, 0, 0.5, 0.5, 1.3);
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
    for (const x of niceTicks(f.domain.x[0], f.domain.x[1], 8)) {
      const wx = worldX(f, x);
      grid.push(wx, 0, -0.001, wx, HEIGHT, -0.001);
      pts.push(wx, axisY, 0, wx, axisY - TICK, 0);
      this.label(tickLabel(x), wx, axisY - TICK - 0.015, 0, 0.5, 1);
    }
    for (const { value, y } of this.fTicks()) {
      grid.push(X0, y, -0.001, X1, y, -0.001);
      pts.push(axisX, y, 0, axisX - TICK, y, 0);
      if (value !== 0 || axisY !== zeroY)
        this.label(tickLabel(value), axisX - TICK - 0.015, y, 0, 1, 0.5);
    }
    this.lines(grid, this.theme.axis, 0.12);
    this.lines(pts, this.theme.axis);
    this.label(xName, X1 + 0.06, axisY, 0, 0, 0.5, 1.3);
    this.label(`f(${xName})`, axisX, HEIGHT + 0.05, 0, 0.5, 0, 1.2);
  }

  dispose(): void {
    for (const l of this.labels) l.dispose();
    for (const g of this.geometries) g.dispose();
    for (const m of this.materials) m.dispose();
  }
}
