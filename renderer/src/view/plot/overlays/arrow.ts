/**
 * A solid 3D arrow (cylinder shaft + cone head) that can be re-aimed every frame without
 * allocating. Drawn on top of everything: an overlay must stay visible where the surface would
 * hide it (a tangent arrow on a bowl lies just under the surface).
 */
import {
  ConeGeometry,
  CylinderGeometry,
  Group,
  Mesh,
  MeshBasicMaterial,
  Quaternion,
  Vector3,
} from 'three';

const SHAFT = new CylinderGeometry(1, 1, 1, 12);
SHAFT.translate(0, 0.5, 0);
const HEAD = new ConeGeometry(1, 1, 16);
HEAD.translate(0, -0.5, 0);
const UP = new Vector3(0, 1, 0);

export class Arrow {
  readonly group = new Group();
  private readonly material: MeshBasicMaterial;
  private readonly shaft: Mesh;
  private readonly head: Mesh;
  private readonly direction = new Vector3();
  private readonly rotation = new Quaternion();

  constructor(
    color: string,
    private readonly radius = 0.009,
  ) {
    this.material = new MeshBasicMaterial({ color, depthTest: false, transparent: true });
    this.shaft = new Mesh(SHAFT, this.material);
    this.head = new Mesh(HEAD, this.material);
    for (const m of [this.shaft, this.head]) {
      m.renderOrder = 12;
      m.raycast = () => {};
    }
    this.group.add(this.shaft, this.head);
  }

  /** Points the arrow from (ox, oy, oz) along (vx, vy, vz); hides it for a zero vector. */
  set(ox: number, oy: number, oz: number, vx: number, vy: number, vz: number): void {
    const length = Math.hypot(vx, vy, vz);
    if (!(length > 1e-9)) {
      this.group.visible = false;
      return;
    }
    this.group.visible = true;
    this.direction.set(vx / length, vy / length, vz / length);
    this.rotation.setFromUnitVectors(UP, this.direction);
    this.group.position.set(ox, oy, oz);
    this.group.quaternion.copy(this.rotation);
    const headLength = Math.min(length * 0.45, this.radius * 7);
    this.shaft.scale.set(this.radius, length - headLength, this.radius);
    this.head.position.set(0, length, 0);
    this.head.scale.set(this.radius * 2.6, headLength, this.radius * 2.6);
  }

  /** Changes the colour (no-op when unchanged). */
  setColor(color: string): void {
    this.material.color.set(color);
  }

  dispose(): void {
    this.material.dispose();
  }
}
