/**
 * ∇f (uphill) and −∇f (steepest descent) at the selected run's current point, drawn parallel to
 * the floor so they read as the textbook picture in every view: perpendicular to the contour
 * lines, with −∇f pointing where a gradient-descent step goes.
 */
import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { Group } from 'three';
import { worldX, worldY, worldZ } from '../frame.ts';
import { appStore, useApp } from '../../../store/hooks.ts';
import { TextLabel } from '../../canvas/text.ts';
import { OVERLAY_COLORS, VIEW_THEMES } from '../../canvas/theme.ts';
import { Arrow } from './arrow.ts';
import { emptyRow, readCurrentRow } from './current.ts';

/** World length of each arrow. */
const LENGTH = 0.3;

class GradientArrows {
  readonly group = new Group();
  readonly up = new Arrow(OVERLAY_COLORS.gradient);
  readonly down = new Arrow(OVERLAY_COLORS.descent);
  readonly upLabel: TextLabel;
  readonly downLabel: TextLabel;
  readonly row = emptyRow();

  constructor(labelBackground: string) {
    const style = { height: 0.08, onTop: true, background: labelBackground };
    this.upLabel = new TextLabel('∇f', { ...style, color: OVERLAY_COLORS.gradient });
    this.downLabel = new TextLabel('−∇f', { ...style, color: OVERLAY_COLORS.descent });
    this.group.add(this.up.group, this.down.group, this.upLabel.sprite, this.downLabel.sprite);
  }

  update(): void {
    const row = this.row;
    if (!readCurrentRow(appStore.getState(), row)) {
      this.group.visible = false;
      return;
    }
    const norm = Math.hypot(row.gx, row.gy);
    if (!(norm > 0)) {
      this.group.visible = false;
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
    const lift = f.dim === 1 ? 0.05 : 0.03;
    this.upLabel.sprite.position.set(px + dx * 1.3, py + lift, pz + dz * 1.3);
    this.downLabel.sprite.position.set(px - dx * 1.3, py + lift, pz - dz * 1.3);
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
  useFrame(() => arrows.update());
  return <primitive object={arrows.group} />;
}
