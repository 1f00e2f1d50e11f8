/**
 * The first-order Taylor model at the selected run's current point: the tangent plane (a line
 * for f of one variable) and, at the probe point (scene.probe) or else at the next step, the
 * gap between the model's prediction and the true f — the Taylor error the readout quotes.
 */
import { useFrame } from '@react-three/fiber';
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
  SphereGeometry,
} from 'three';
import { rawWorldY, worldX, worldZ } from '../frame.ts';
import type { AnalysisState } from '../../../store/types.ts';
import { appStore, useApp } from '../../../store/hooks.ts';
import { PolylineBuffer, PolylineLine } from '../../canvas/fatLines.ts';
import { TextLabel } from '../../canvas/text.ts';
import { OVERLAY_COLORS, VIEW_THEMES } from '../../canvas/theme.ts';
import { emptyRow, readCurrentRow } from './current.ts';

/** Half the world size of the drawn tangent patch. */
const HALF = 0.32;
const DOT = new SphereGeometry(1, 12, 8);

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
  });
  private readonly quadMesh: Mesh;
  private readonly outline = new BufferGeometry();
  private readonly outlinePositions = new Float32Array(24);
  private readonly outlineMaterial = new LineBasicMaterial({
    color: OVERLAY_COLORS.tangent,
    depthTest: false,
    transparent: true,
  });
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
  private readonly label: TextLabel;
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
    this.label = new TextLabel('', {
      color: OVERLAY_COLORS.taylorError,
      height: 0.065,
      onTop: true,
      background: labelBackground,
      anchorX: 0,
      anchorY: 0.5,
    });
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
    if (f.dim === 2) {
      this.quadMesh.visible = true;
      this.lineObject.object.visible = false;
      const corners = [
        [row.x - a, row.y - a],
        [row.x + a, row.y - a],
        [row.x + a, row.y + a],
        [row.x - a, row.y + a],
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
      this.quadMesh.visible = false;
      this.lineObject.object.visible = true;
      this.line.set(0, worldX(f, row.x - a), rawWorldY(f, tangentAt(row.x - a, 0)), 0);
      this.line.set(1, worldX(f, row.x + a), rawWorldY(f, tangentAt(row.x + a, 0)), 0);
      this.line.commit(2);
      this.lineObject.setSegments(1);
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
    const showError = taylor !== undefined && target !== null && Number.isFinite(taylor.actual);
    this.errorLine.object.visible = showError;
    this.dotLinear.visible = showError;
    this.dotActual.visible = showError;
    this.label.sprite.visible = showError;
    if (showError && target) {
      const tx = worldX(f, target[0]!);
      const tz = worldZ(f, target[1] ?? 0);
      const yLinear = rawWorldY(f, taylor.linear);
      const yActual = rawWorldY(f, taylor.actual);
      this.error.set(0, tx, yLinear, tz);
      this.error.set(1, tx, yActual, tz);
      this.error.commit(2);
      this.errorLine.setSegments(1);
      this.dotLinear.position.set(tx, yLinear, tz);
      this.dotActual.position.set(tx, yActual, tz);
      this.label.setText(`error ${short(taylor.linearError)}`);
      this.label.sprite.position.set(tx + 0.04, (yLinear + yActual) / 2, tz);
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
  useEffect(() => () => objects.dispose(), [objects]);
  useFrame(() => objects.update());
  return <primitive object={objects.group} />;
}
