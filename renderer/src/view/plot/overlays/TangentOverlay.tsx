/**
 * The first-order Taylor model at the selected run's current point: the tangent plane (a line
 * for f of one variable) and, at the probe point (scene.probe) or else at the next step, the
 * gap between the model's prediction and the true f — the Taylor error the readout quotes.
 * Everything stays inside the plot box: the patch is cut to the domain and to the box's heights
 * (the line likewise), and an error target outside the domain is not drawn.
 */
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import {
  BufferAttribute,
  BufferGeometry,
  DoubleSide,
  Group,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshBasicMaterial,
  Plane,
  SphereGeometry,
  Vector3,
} from 'three';
import { HEIGHT, rawWorldY, worldX, worldY, worldZ } from '../frame.ts';
import type { ViewFrame } from '../frame.ts';
import { LABEL_PRIORITY, PointLabel } from '../labels.ts';
import { useBoardLabels } from '../LabelLayer.tsx';
import type { AnalysisState } from '../../../store/types.ts';
import { appStore, useApp } from '../../../store/hooks.ts';
import { FRAME_ORDER } from '../../canvas/FrameHooks.tsx';
import { PolylineBuffer, PolylineLine } from '../../canvas/fatLines.ts';
import { OVERLAY_COLORS, VIEW_THEMES } from '../../canvas/theme.ts';
import { emptyRow, readCurrentRow } from './current.ts';

/** Half the world size of the drawn tangent patch. */
const HALF = 0.32;
const DOT = new SphereGeometry(1, 12, 8);
/** The box's heights, as clipping planes (the patch is cut to the domain before that). */
const HEIGHT_PLANES = [
  new Plane(new Vector3(0, 1, 0), 0),
  new Plane(new Vector3(0, -1, 0), HEIGHT),
];

/** Scratch for {@link clipSegment}: the clipped ends, as parameters along the segment. */
const clipped = new Float64Array(2);

/**
 * Cuts the segment (x0, y0)–(x1, y1) to the rectangle [left, right] × [bottom, top] (Liang–
 * Barsky); writes the parameters of the part inside to `clipped` and returns false when none is.
 */
function clipSegment(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  left: number,
  right: number,
  bottom: number,
  top: number,
): boolean {
  let lo = 0;
  let hi = 1;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const p = [-dx, dx, -dy, dy];
  const q = [x0 - left, right - x0, y0 - bottom, top - y0];
  for (let i = 0; i < 4; i++) {
    const pi = p[i]!;
    const qi = q[i]!;
    if (pi === 0) {
      if (qi < 0) return false;
      continue;
    }
    const t = qi / pi;
    if (pi < 0) lo = Math.max(lo, t);
    else hi = Math.min(hi, t);
  }
  clipped[0] = lo;
  clipped[1] = hi;
  return lo <= hi;
}

/** Whether a math point lies in the frame's domain. */
function inDomain(frame: ViewFrame, x: number, y: number): boolean {
  const { domain } = frame;
  return (
    x >= domain.x[0] &&
    x <= domain.x[1] &&
    (frame.dim === 1 || (y >= domain.y[0] && y <= domain.y[1]))
  );
}

/** Short number for labels: 4 significant digits, exponent form when tiny. */
function short(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a < 1e-3 || a >= 1e5 ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

class TangentObjects {
  readonly group = new Group();
  private readonly row = emptyRow();
  private readonly quad = new BufferGeometry();
  private readonly quadPositions = new Float32Array(12);
  private readonly quadMaterial = new MeshBasicMaterial({
    color: OVERLAY_COLORS.tangent,
    transparent: true,
    opacity: 0.35,
    side: DoubleSide,
    depthWrite: false,
    depthTest: false,
    clippingPlanes: HEIGHT_PLANES,
  });
  private readonly quadMesh: Mesh;
  private readonly outline = new BufferGeometry();
  private readonly outlinePositions = new Float32Array(24);
  private readonly outlineMaterial = new LineBasicMaterial({
    color: OVERLAY_COLORS.tangent,
    depthTest: false,
    transparent: true,
    clippingPlanes: HEIGHT_PLANES,
  });
  private readonly outlineObject: LineSegments;
  private readonly line = new PolylineBuffer(2);
  private readonly lineObject: PolylineLine;
  private readonly error = new PolylineBuffer(2);
  private readonly errorLine: PolylineLine;
  private readonly dotMaterial = new MeshBasicMaterial({
    color: OVERLAY_COLORS.taylorError,
    depthTest: false,
    transparent: true,
  });
  private readonly dotLinear: Mesh;
  private readonly dotActual: Mesh;
  readonly label: PointLabel;
  // Inputs of the last layout (compared field by field: no allocation per frame).
  private lastRun = '';
  private lastRow = -1;
  private lastVersion = -1;
  private lastAnalysis: AnalysisState | null = null;
  private lastProbe: number[] | null = null;

  constructor(labelBackground: string) {
    this.quad.setAttribute('position', new BufferAttribute(this.quadPositions, 3));
    this.quad.setIndex([0, 1, 2, 0, 2, 3]);
    this.quadMesh = new Mesh(this.quad, this.quadMaterial);
    this.outline.setAttribute('position', new BufferAttribute(this.outlinePositions, 3));
    const outline = new LineSegments(this.outline, this.outlineMaterial);
    this.outlineObject = outline;
    this.lineObject = new PolylineLine(this.line, {
      color: OVERLAY_COLORS.tangent,
      width: 3,
      onTop: true,
    });
    this.errorLine = new PolylineLine(this.error, {
      color: OVERLAY_COLORS.taylorError,
      width: 3,
      onTop: true,
    });
    this.dotLinear = new Mesh(DOT, this.dotMaterial);
    this.dotActual = new Mesh(DOT, this.dotMaterial);
    this.dotLinear.scale.setScalar(0.014);
    this.dotActual.scale.setScalar(0.014);
    this.label = new PointLabel(
      '',
      { color: OVERLAY_COLORS.taylorError, height: 0.07, background: labelBackground },
      LABEL_PRIORITY.taylor,
    );
    // Beside the error bar, to the right.
    this.label.preferX = 1;
    this.label.preferY = 0;
    for (const o of [this.quadMesh, outline, this.dotLinear, this.dotActual]) {
      o.renderOrder = 11;
      o.raycast = () => {};
    }
    this.group.add(
      this.quadMesh,
      outline,
      this.lineObject.object,
      this.errorLine.object,
      this.dotLinear,
      this.dotActual,
      this.label.sprite,
    );
  }

  update(): void {
    const state = appStore.getState();
    const row = this.row;
    if (!readCurrentRow(state, row)) {
      this.group.visible = false;
      this.lastRow = -1;
      this.label.hide();
      return;
    }
    const analysis = state.analysis;
    const probe = state.scene.probe;
    if (
      row.runId === this.lastRun &&
      row.row === this.lastRow &&
      row.version === this.lastVersion &&
      analysis === this.lastAnalysis &&
      probe === this.lastProbe
    ) {
      return;
    }
    this.lastRun = row.runId;
    this.lastRow = row.row;
    this.lastVersion = row.version;
    this.lastAnalysis = analysis;
    this.lastProbe = probe;
    this.group.visible = true;
    const f = row.frame;
    const a = HALF / f.scale;
    const tangentAt = (x: number, y: number): number =>
      row.f + row.gx * (x - row.x) + row.gy * (y - row.y);
    const { domain } = f;
    if (f.dim === 2) {
      this.quadMesh.visible = true;
      this.outlineObject.visible = true;
      this.lineObject.object.visible = false;
      // The patch around the point, cut to the domain (its heights are cut by clipping planes).
      const x0 = Math.max(row.x - a, domain.x[0]);
      const x1 = Math.min(row.x + a, domain.x[1]);
      const y0 = Math.max(row.y - a, domain.y[0]);
      const y1 = Math.min(row.y + a, domain.y[1]);
      const corners = [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
      ] as const;
      corners.forEach(([cx, cy], i) => {
        this.quadPositions[i * 3] = worldX(f, cx);
        this.quadPositions[i * 3 + 1] = rawWorldY(f, tangentAt(cx, cy));
        this.quadPositions[i * 3 + 2] = worldZ(f, cy);
      });
      for (let i = 0; i < 4; i++) {
        const j = (i + 1) % 4;
        this.outlinePositions.set(this.quadPositions.subarray(i * 3, i * 3 + 3), i * 6);
        this.outlinePositions.set(this.quadPositions.subarray(j * 3, j * 3 + 3), i * 6 + 3);
      }
      this.quad.attributes.position!.needsUpdate = true;
      this.outline.attributes.position!.needsUpdate = true;
      this.quad.computeBoundingSphere();
    } else {
      // A curve: the tangent line only (no patch, no outline), cut to the plot box.
      this.quadMesh.visible = false;
      this.outlineObject.visible = false;
      const ax = worldX(f, row.x - a);
      const ay = rawWorldY(f, tangentAt(row.x - a, 0));
      const bx = worldX(f, row.x + a);
      const by = rawWorldY(f, tangentAt(row.x + a, 0));
      const inside = clipSegment(ax, ay, bx, by, -f.halfX, f.halfX, 0, HEIGHT);
      this.lineObject.object.visible = inside;
      if (inside) {
        const t0 = clipped[0]!;
        const t1 = clipped[1]!;
        this.line.set(0, ax + (bx - ax) * t0, ay + (by - ay) * t0, 0);
        this.line.set(1, ax + (bx - ax) * t1, ay + (by - ay) * t1, 0);
        this.line.commit(2);
        this.lineObject.setSegments(1);
      }
    }
    // Taylor error at the target (probe or next step), once the worker's analysis matches.
    const taylor =
      analysis && analysis.runId === row.runId && analysis.step === row.row
        ? analysis.result.taylor
        : undefined;
    const target =
      probe && probe.length === f.dim
        ? probe
        : row.ux !== 0 || row.uy !== 0
          ? [row.x + row.ux, row.y + row.uy]
          : null;
    const showError =
      taylor !== undefined &&
      target !== null &&
      Number.isFinite(taylor.actual) &&
      inDomain(f, target[0]!, target[1] ?? 0);
    this.errorLine.object.visible = showError;
    this.dotLinear.visible = showError;
    this.dotActual.visible = showError;
    if (showError && target) {
      const tx = worldX(f, target[0]!);
      const tz = worldZ(f, target[1] ?? 0);
      // Heights cut to the box; the label still quotes the true error.
      const yLinear = worldY(f, taylor.linear);
      const yActual = worldY(f, taylor.actual);
      this.error.set(0, tx, yLinear, tz);
      this.error.set(1, tx, yActual, tz);
      this.error.commit(2);
      this.errorLine.setSegments(1);
      this.dotLinear.position.set(tx, yLinear, tz);
      this.dotActual.position.set(tx, yActual, tz);
      this.label.setText(`error ${short(taylor.linearError)}`);
      this.label.place(tx, (yLinear + yActual) / 2, tz, 1, 0);
    } else {
      this.label.hide();
    }
  }

  dispose(): void {
    this.quad.dispose();
    this.quadMaterial.dispose();
    this.outline.dispose();
    this.outlineMaterial.dispose();
    this.lineObject.dispose();
    this.errorLine.dispose();
    this.dotMaterial.dispose();
    this.label.dispose();
  }
}

export function TangentOverlay() {
  const labelBackground = useApp((s) => VIEW_THEMES[s.scene.view.theme].labelBackground);
  const objects = useMemo(() => new TangentObjects(labelBackground), [labelBackground]);
  const gl = useThree((s) => s.gl);
  useEffect(() => {
    // The patch is cut to the box's heights by clipping planes, which three applies only when
    // the renderer allows per-material clipping.
    gl.localClippingEnabled = true;
  }, [gl]);
  useEffect(() => () => objects.dispose(), [objects]);
  useBoardLabels(objects.label);
  useFrame(() => objects.update(), FRAME_ORDER.objects);
  return <primitive object={objects.group} />;
}
