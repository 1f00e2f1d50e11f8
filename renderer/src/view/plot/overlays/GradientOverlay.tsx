/**
 * ∇f (uphill) and −∇f (steepest descent) at the selected run's current point, drawn parallel to
 * the floor so they read as the textbook picture in every view: perpendicular to the contour
 * lines, with −∇f pointing where a gradient-descent step goes. Labels go beyond the tips, laid
 * out with the other point labels so they never overlap.
 */
import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { Group } from 'three';
import { worldX, worldY, worldZ } from '../frame.ts';
import { LABEL_PRIORITY, PointLabel } from '../labels.ts';
import { useBoardLabels } from '../LabelLayer.tsx';
import { appStore, useApp } from '../../../store/hooks.ts';
import { FRAME_ORDER } from '../../canvas/FrameHooks.tsx';
import { OVERLAY_COLORS, VIEW_THEMES } from '../../canvas/theme.ts';
import { Arrow } from './arrow.ts';
import { emptyRow, readCurrentRow } from './current.ts';

/** World length of each arrow. */
const LENGTH = 0.3;

class GradientArrows {
  readonly group = new Group();
  readonly up = new Arrow(OVERLAY_COLORS.gradient);
  readonly down = new Arrow(OVERLAY_COLORS.descent);
  readonly upLabel: PointLabel;
  readonly downLabel: PointLabel;
  readonly row = emptyRow();

  constructor(labelBackground: string) {
    const style = { height: 0.08, background: labelBackground };
    this.upLabel = new PointLabel(
      '∇f',
      { ...style, color: OVERLAY_COLORS.gradient },
      LABEL_PRIORITY.gradient,
    );
    this.downLabel = new PointLabel(
      '−∇f',
      { ...style, color: OVERLAY_COLORS.descent },
      LABEL_PRIORITY.descent,
    );
    this.group.add(this.up.group, this.down.group, this.upLabel.sprite, this.downLabel.sprite);
  }

  update(): void {
    const row = this.row;
    const norm = readCurrentRow(appStore.getState(), row) ? Math.hypot(row.gx, row.gy) : 0;
    if (!(norm > 0)) {
      this.group.visible = false;
      this.upLabel.hide();
      this.downLabel.hide();
      return;
    }
    this.group.visible = true;
    const f = row.frame;
    const px = worldX(f, row.x);
    const py = worldY(f, row.f) + (f.dim === 2 ? 0.01 : 0);
    const pz = worldZ(f, row.y);
    const dx = (row.gx / norm) * LENGTH;
    // math y is world −Z.
    const dz = f.dim === 2 ? (-row.gy / norm) * LENGTH : 0;
    this.up.set(px, py, pz, dx, 0, dz);
    this.down.set(px, py, pz, -dx, 0, -dz);
    this.upLabel.placeAtTip(px, py, pz, px + dx, py, pz + dz);
    this.downLabel.placeAtTip(px, py, pz, px - dx, py, pz - dz);
  }

  dispose(): void {
    this.up.dispose();
    this.down.dispose();
    this.upLabel.dispose();
    this.downLabel.dispose();
  }
}

export function GradientOverlay() {
  const labelBackground = useApp((s) => VIEW_THEMES[s.scene.view.theme].labelBackground);
  const arrows = useMemo(() => new GradientArrows(labelBackground), [labelBackground]);
  useEffect(() => () => arrows.dispose(), [arrows]);
  useBoardLabels(arrows.upLabel, arrows.downLabel);
  useFrame(() => arrows.update(), FRAME_ORDER.objects);
  return <primitive object={arrows.group} />;
}
