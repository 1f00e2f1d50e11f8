/**
 * The Hessian's eigen-directions at the selected run's current point: a double arrow along each
 * eigenvector, as long as its eigenvalue is large relative to the other, blue where f curves up
 * (λ > 0) and red where it curves down (λ < 0), with the curvature class (bowl, saddle, cap,
 * flat) as a label. Needs the worker's analysis, so it appears once that answer is in. The
 * labels are laid out with the other point labels, so they never overlap.
 */
import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { Group } from 'three';
import { worldX, worldY, worldZ } from '../frame.ts';
import { LABEL_PRIORITY, PointLabel } from '../labels.ts';
import { useBoardLabels } from '../LabelLayer.tsx';
import { appStore, useApp } from '../../../store/hooks.ts';
import type { AnalysisState } from '../../../store/types.ts';
import { FRAME_ORDER } from '../../canvas/FrameHooks.tsx';
import { OVERLAY_COLORS, VIEW_THEMES } from '../../canvas/theme.ts';
import { Arrow } from './arrow.ts';
import { emptyRow, readCurrentRow } from './current.ts';

const MAX_LENGTH = 0.36;
const MIN_LENGTH = 0.06;

function eigenColor(lambda: number, scale: number): string {
  if (Math.abs(lambda) <= 1e-9 * Math.max(1, scale)) return OVERLAY_COLORS.flat;
  return lambda > 0 ? OVERLAY_COLORS.curvesUp : OVERLAY_COLORS.curvesDown;
}

function short(v: number): string {
  return Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(1) : String(Number(v.toPrecision(3)));
}

class HessianObjects {
  readonly group = new Group();
  private readonly arrows: Arrow[][] = [];
  readonly labels: PointLabel[] = [];
  readonly classLabel: PointLabel;
  private readonly row = emptyRow();
  private lastAnalysis: AnalysisState | null = null;
  private readonly colors = ['', ''];
  private classColor = '';
  private lastRun = '';
  private lastRow = -1;
  private lastVersion = -1;

  constructor(labelBackground: string) {
    for (let i = 0; i < 2; i++) {
      // Two arrows per eigenvector, pointing both ways: a direction, not an orientation.
      const pair = [
        new Arrow(OVERLAY_COLORS.curvesUp, 0.007),
        new Arrow(OVERLAY_COLORS.curvesUp, 0.007),
      ];
      this.arrows.push(pair);
      const label = new PointLabel(
        '',
        { color: OVERLAY_COLORS.curvesUp, height: 0.065, background: labelBackground },
        LABEL_PRIORITY.eigen,
      );
      this.labels.push(label);
      this.group.add(pair[0]!.group, pair[1]!.group, label.sprite);
    }
    this.classLabel = new PointLabel(
      '',
      { color: '#333333', height: 0.07, background: labelBackground },
      LABEL_PRIORITY.curvature,
    );
    this.group.add(this.classLabel.sprite);
  }

  update(): void {
    const state = appStore.getState();
    const row = this.row;
    const analysis = state.analysis;
    if (
      !readCurrentRow(state, row) ||
      !analysis ||
      analysis.runId !== row.runId ||
      analysis.step !== row.row
    ) {
      this.group.visible = false;
      this.lastAnalysis = null;
      for (const label of this.labels) label.hide();
      this.classLabel.hide();
      return;
    }
    if (
      analysis === this.lastAnalysis &&
      row.runId === this.lastRun &&
      row.row === this.lastRow &&
      row.version === this.lastVersion
    ) {
      return;
    }
    this.lastAnalysis = analysis;
    this.lastRun = row.runId;
    this.lastRow = row.row;
    this.lastVersion = row.version;
    this.group.visible = true;
    const f = row.frame;
    const { eigenvalues, eigenvectors, curvature } = analysis.result.analysis;
    const scale = Math.max(...eigenvalues.map(Math.abs));
    const px = worldX(f, row.x);
    const py = worldY(f, row.f) + (f.dim === 2 ? 0.012 : 0);
    const pz = worldZ(f, row.y);
    for (let i = 0; i < 2; i++) {
      const lambda = eigenvalues[i];
      const vector = eigenvectors[i];
      const pair = this.arrows[i]!;
      const label = this.labels[i]!;
      if (lambda === undefined || !vector) {
        pair[0]!.group.visible = false;
        pair[1]!.group.visible = false;
        label.hide();
        continue;
      }
      const length =
        scale > 0 ? Math.max(MIN_LENGTH, (MAX_LENGTH * Math.abs(lambda)) / scale) : MIN_LENGTH;
      const dx = (vector[0] ?? 0) * length;
      const dz = f.dim === 2 ? -(vector[1] ?? 0) * length : 0;
      const color = eigenColor(lambda, scale);
      for (const arrow of pair) arrow.setColor(color);
      pair[0]!.set(px, py, pz, dx, 0, dz);
      pair[1]!.set(px, py, pz, -dx, 0, -dz);
      if (this.colors[i] !== color) {
        this.colors[i] = color;
        label.setStyle({ color });
      }
      label.setText(`λ${i === 0 ? '₁' : '₂'} = ${short(lambda)}`);
      label.placeAtTip(px, py, pz, px + dx, py, pz + dz);
    }
    const kink = analysis.result.analysis.kink ? ' (kink)' : '';
    const classColor = state.scene.view.theme === 'dark' ? '#f0f0f0' : '#222222';
    if (this.classColor !== classColor) {
      this.classColor = classColor;
      this.classLabel.setStyle({ color: classColor });
    }
    this.classLabel.setText(`${curvature}${kink}`);
    // Above the point: the arrows lie in the horizontal plane through it.
    this.classLabel.place(px, py, pz, 0, -1);
  }

  dispose(): void {
    for (const pair of this.arrows) for (const a of pair) a.dispose();
    for (const l of this.labels) l.dispose();
    this.classLabel.dispose();
  }
}

export function HessianOverlay() {
  const labelBackground = useApp((s) => VIEW_THEMES[s.scene.view.theme].labelBackground);
  const objects = useMemo(() => new HessianObjects(labelBackground), [labelBackground]);
  useEffect(() => () => objects.dispose(), [objects]);
  useBoardLabels(objects.labels[0]!, objects.labels[1]!, objects.classLabel);
  useFrame(() => objects.update(), FRAME_ORDER.objects);
  return <primitive object={objects.group} />;
}
