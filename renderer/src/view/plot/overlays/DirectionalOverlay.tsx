/**
 * The directional derivative of the chapter's §4 at the selected run's current point on a
 * surface: the unit direction d̂ (the scene's `direction`, degrees counter-clockwise from +x) as
 * an arrow parallel to the floor, labelled with ∇f·d̂, and the contour's tangent there — the
 * direction in which f does not change, perpendicular to ∇f. The arrow's head is a handle:
 * dragging it on the view turns d̂ (one undo step per drag).
 */
import { invalidate, useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import {
  Group,
  Mesh,
  MeshBasicMaterial,
  Plane,
  Raycaster,
  SphereGeometry,
  Vector2,
  Vector3,
} from 'three';
import type { Camera } from 'three';
import { worldX, worldY, worldZ } from '../frame.ts';
import type { ViewFrame } from '../frame.ts';
import { LABEL_PRIORITY, PointLabel } from '../labels.ts';
import { useBoardLabels } from '../LabelLayer.tsx';
import { appStore, useApp } from '../../../store/hooks.ts';
import { FRAME_ORDER } from '../../canvas/FrameHooks.tsx';
import { PolylineBuffer, PolylineLine } from '../../canvas/fatLines.ts';
import { VIEW_THEMES } from '../../canvas/theme.ts';
import { Arrow } from './arrow.ts';
import { emptyRow, readCurrentRow } from './current.ts';

/** Colour of d̂ (apart from the run palette and the other overlays). */
export const DIRECTION_COLOR = '#8c564b';
/** World length of the d̂ arrow. */
const LENGTH = 0.3;
/** Half the world length of the drawn contour tangent. */
const TANGENT_HALF = 0.26;
/** Pointer distance (CSS px) from the arrow's head within which a press grabs it. */
const GRAB_PX = 14;
const HANDLE = new SphereGeometry(1, 16, 12);

/** ∇f·d̂ for d̂ at `degrees`, with rounding noise of a perpendicular direction shown as 0. */
export function directionalSlope(gx: number, gy: number, degrees: number): number {
  const a = (degrees * Math.PI) / 180;
  const value = gx * Math.cos(a) + gy * Math.sin(a);
  return Math.abs(value) <= 1e-12 * Math.max(1, Math.hypot(gx, gy)) ? 0 : value;
}

/** Short number for labels: 4 significant digits, exponent form when tiny or huge. */
function short(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a < 1e-3 || a >= 1e5 ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

class DirectionObjects {
  readonly group = new Group();
  private readonly row = emptyRow();
  private readonly arrow = new Arrow(DIRECTION_COLOR, 0.01);
  private readonly handleMaterial = new MeshBasicMaterial({
    color: DIRECTION_COLOR,
    depthTest: false,
    transparent: true,
    opacity: 0.55,
  });
  private readonly handle = new Mesh(HANDLE, this.handleMaterial);
  private readonly tangent = new PolylineBuffer(2);
  private readonly tangentLine: PolylineLine;
  readonly slopeLabel: PointLabel;
  readonly contourLabel: PointLabel;
  /** World position of the current point and of the arrow's head (for dragging). */
  readonly origin = new Vector3();
  readonly head = new Vector3();
  /** Whether there is a current point to draw at. */
  active = false;
  // Inputs of the last layout (compared field by field: no allocation per frame).
  private lastRun = '';
  private lastRow = -1;
  private lastVersion = -1;
  private lastDegrees = NaN;
  private lastFrame: ViewFrame | null = null;

  constructor(labelBackground: string, contourColor: string) {
    this.tangentLine = new PolylineLine(this.tangent, {
      color: contourColor,
      width: 2,
      onTop: true,
    });
    this.handle.scale.setScalar(0.024);
    this.handle.renderOrder = 13;
    this.handle.raycast = () => {};
    this.slopeLabel = new PointLabel(
      '',
      { color: DIRECTION_COLOR, height: 0.075, background: labelBackground },
      LABEL_PRIORITY.directional,
    );
    this.contourLabel = new PointLabel(
      'contour',
      { color: contourColor, height: 0.06, background: labelBackground },
      LABEL_PRIORITY.contour,
    );
    this.group.add(
      this.arrow.group,
      this.handle,
      this.tangentLine.object,
      this.slopeLabel.sprite,
      this.contourLabel.sprite,
    );
  }

  update(): void {
    const state = appStore.getState();
    const row = this.row;
    if (!readCurrentRow(state, row) || row.frame.dim !== 2) {
      this.group.visible = false;
      this.active = false;
      this.lastRow = -1;
      this.slopeLabel.hide();
      this.contourLabel.hide();
      return;
    }
    this.group.visible = true;
    this.active = true;
    const f = row.frame;
    const degrees = state.scene.direction;
    // Runs every frame: only lay out again when the point, its run or d̂ changed.
    if (
      row.runId === this.lastRun &&
      row.row === this.lastRow &&
      row.version === this.lastVersion &&
      degrees === this.lastDegrees &&
      f === this.lastFrame
    ) {
      return;
    }
    this.lastRun = row.runId;
    this.lastRow = row.row;
    this.lastVersion = row.version;
    this.lastDegrees = degrees;
    this.lastFrame = f;
    const a = (degrees * Math.PI) / 180;
    const px = worldX(f, row.x);
    const py = worldY(f, row.f) + 0.014;
    const pz = worldZ(f, row.y);
    // math y is world −Z.
    const dx = Math.cos(a) * LENGTH;
    const dz = -Math.sin(a) * LENGTH;
    this.origin.set(px, py, pz);
    this.head.set(px + dx, py, pz + dz);
    this.arrow.set(px, py, pz, dx, 0, dz);
    this.handle.position.copy(this.head);
    this.slopeLabel.setText(`∇f·d̂ = ${short(directionalSlope(row.gx, row.gy, degrees))}`);
    this.slopeLabel.placeAtTip(px, py, pz, this.head.x, py, this.head.z);
    // The contour's tangent: perpendicular to ∇f (undefined where ∇f = 0).
    const norm = Math.hypot(row.gx, row.gy);
    const onContour = norm > 0;
    this.tangentLine.object.visible = onContour;
    if (onContour) {
      const tx = (-row.gy / norm) * TANGENT_HALF;
      const tz = -(row.gx / norm) * TANGENT_HALF;
      this.tangent.set(0, px - tx, py, pz - tz);
      this.tangent.set(1, px + tx, py, pz + tz);
      this.tangent.commit(2);
      this.tangentLine.setSegments(1);
      this.contourLabel.placeAtTip(px, py, pz, px + tx, py, pz + tz);
    } else {
      this.contourLabel.hide();
    }
  }

  dispose(): void {
    this.arrow.dispose();
    this.handleMaterial.dispose();
    this.tangentLine.dispose();
    this.slopeLabel.dispose();
    this.contourLabel.dispose();
  }
}

const pointer = new Vector2();
const projected = new Vector3();
const hit = new Vector3();
const plane = new Plane();
const raycaster = new Raycaster();
const UP = new Vector3(0, 1, 0);

/** Distance (CSS px) from a client point to where a world point shows on the canvas. */
function screenDistance(
  camera: Camera,
  canvas: HTMLCanvasElement,
  world: Vector3,
  clientX: number,
  clientY: number,
): number {
  const rect = canvas.getBoundingClientRect();
  camera.updateMatrixWorld();
  projected.copy(world).project(camera);
  const sx = rect.left + ((projected.x + 1) / 2) * rect.width;
  const sy = rect.top + ((1 - projected.y) / 2) * rect.height;
  return Math.hypot(clientX - sx, clientY - sy);
}

/**
 * Lets the arrow's head be dragged. A press near the head is taken before the canvas sees it
 * (a capture listener on the canvas's parent), so the camera does not orbit meanwhile; the
 * pointer's ray meets the horizontal plane through the current point, and the angle from the
 * point to there becomes d̂.
 */
function useHeadDrag(objects: DirectionObjects): void {
  const gl = useThree((s) => s.gl);
  const get = useThree((s) => s.get);
  useEffect(() => {
    const canvas = gl.domElement;
    const host = canvas.parentElement;
    // An export's canvas is not in the page.
    if (!host || !canvas.isConnected) return;
    let dragging = false;
    const near = (e: PointerEvent): boolean =>
      objects.active &&
      screenDistance(get().camera, canvas, objects.head, e.clientX, e.clientY) <= GRAB_PX;
    const aim = (e: PointerEvent): void => {
      const rect = canvas.getBoundingClientRect();
      pointer.set(
        ((e.clientX - rect.left) / rect.width) * 2 - 1,
        1 - ((e.clientY - rect.top) / rect.height) * 2,
      );
      raycaster.setFromCamera(pointer, get().camera);
      plane.setFromNormalAndCoplanarPoint(UP, objects.origin);
      if (!raycaster.ray.intersectPlane(plane, hit)) return;
      const dx = hit.x - objects.origin.x;
      const dy = -(hit.z - objects.origin.z);
      if (Math.hypot(dx, dy) < 1e-6) return;
      const degrees = ((((Math.atan2(dy, dx) * 180) / Math.PI) % 360) + 360) % 360;
      appStore.getState().setDirection(Math.round(degrees * 10) / 10, 'direction');
    };
    const onMove = (e: PointerEvent): void => {
      if (dragging) {
        e.stopPropagation();
        aim(e);
        return;
      }
      canvas.style.cursor = near(e) ? 'grab' : '';
    };
    const onUp = (e: PointerEvent): void => {
      if (!dragging) return;
      dragging = false;
      e.stopPropagation();
      canvas.style.cursor = '';
      appStore.getState().commitGesture();
    };
    const onDown = (e: PointerEvent): void => {
      if (e.button !== 0 || !near(e)) return;
      // Ours: neither the orbit controls nor the picking handlers see this press.
      e.stopPropagation();
      e.preventDefault();
      dragging = true;
      canvas.style.cursor = 'grabbing';
    };
    host.addEventListener('pointerdown', onDown, true);
    window.addEventListener('pointermove', onMove, true);
    window.addEventListener('pointerup', onUp, true);
    return () => {
      host.removeEventListener('pointerdown', onDown, true);
      window.removeEventListener('pointermove', onMove, true);
      window.removeEventListener('pointerup', onUp, true);
      canvas.style.cursor = '';
    };
  }, [gl, get, objects]);
}

export function DirectionalOverlay() {
  const theme = useApp((s) => VIEW_THEMES[s.scene.view.theme]);
  const objects = useMemo(() => new DirectionObjects(theme.labelBackground, theme.axis), [theme]);
  useEffect(() => () => objects.dispose(), [objects]);
  useEffect(() => invalidate(), [objects]);
  useBoardLabels(objects.slopeLabel, objects.contourLabel);
  useHeadDrag(objects);
  useFrame(() => objects.update(), FRAME_ORDER.objects);
  return <primitive object={objects.group} />;
}
