/**
 * Text in the 3D view (axis ticks, overlay labels) as sprites with canvas textures: no font
 * files and no network, just the system's sans-serif drawn into a 2D canvas.
 *
 * Labels keep a fixed size on screen whatever the camera's distance or zoom, and that size
 * follows the canvas, not the window: it is set for a canvas whose short side is
 * {@link REFERENCE_SHORT_SIDE} CSS pixels (the size every export is laid out at) and scales with
 * the canvas's short side from there, never below {@link MIN_SHORT_SIDE}'s worth, so a narrow
 * view between two panels still has readable ticks.
 */
import {
  CanvasTexture,
  LinearFilter,
  SRGBColorSpace,
  Sprite,
  SpriteMaterial,
  Vector2,
  Vector3,
} from 'three';
import type { Camera, Object3D, WebGLRenderer } from 'three';

/** Pixel height text is drawn at in its texture (the sprite is then scaled to its screen size). */
const FONT_PX = 48;
const FONT = `500 ${FONT_PX}px system-ui, "Segoe UI", "Liberation Sans", Arial, sans-serif`;

/** Short side (CSS px) of the canvas the nominal label sizes are meant for (exports use it). */
export const REFERENCE_SHORT_SIDE = 720;
/** Canvases with a shorter short side draw text as if they had this one (readability floor). */
export const MIN_SHORT_SIDE = 540;
/**
 * CSS pixels per unit of {@link LabelStyle.height} on the reference canvas. Chosen so a tick
 * label (height 0.07) is about 15 px tall: what the world-sized labels measured at the default
 * camera, but now the same in every view and at every zoom.
 */
export const PX_PER_HEIGHT_UNIT = 280;

/** How a label looks. */
export interface LabelStyle {
  color: string;
  /**
   * Size of one line of text, in the view's nominal units: {@link PX_PER_HEIGHT_UNIT} CSS px
   * per unit on a canvas of {@link REFERENCE_SHORT_SIDE}, scaled with the canvas from there.
   * (The numbers are the world heights labels used to have at the default camera.)
   */
  height: number;
  /** Optional rounded background (e.g. to keep a label readable over the surface). */
  background?: string;
  /** Optional outline of the background, e.g. a run's colour on a marker for that run. */
  border?: string;
  /** Where the sprite's anchor sits: 0 = left/bottom edge, 0.5 = centre, 1 = right/top. */
  anchorX?: number;
  anchorY?: number;
  /** Draw over everything. */
  onTop?: boolean;
}

/** Scale factor of text on a canvas whose short side is `shortSide` CSS px. */
export function textScale(shortSide: number): number {
  const side = shortSide > MIN_SHORT_SIDE ? shortSide : MIN_SHORT_SIDE;
  return side / REFERENCE_SHORT_SIDE;
}

/** A rectangle in CSS pixels of a canvas (y down). */
export interface ScreenRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

const size = new Vector2();
const projected = new Vector3();

/** Marks sprites that are TextLabels, so the view can find every label in a scene. */
const LABEL_KEY = 'descentTextLabel';

/** The TextLabel an object is the sprite of, if it is one. */
export function textLabelOf(object: Object3D): TextLabel | null {
  const label = object.userData[LABEL_KEY] as TextLabel | undefined;
  return label ?? null;
}

/** A sprite showing one line of text; redraws into the same canvas when the text changes. */
export class TextLabel {
  readonly sprite: Sprite;
  private readonly canvas: HTMLCanvasElement;
  private readonly texture: CanvasTexture;
  private text = '';
  /** Sprite height over `style.height` (the texture's padding) and width over height. */
  private heightFactor = 1;
  private aspect = 1;

  constructor(
    text: string,
    private style: LabelStyle,
  ) {
    this.canvas = document.createElement('canvas');
    this.texture = new CanvasTexture(this.canvas);
    this.texture.colorSpace = SRGBColorSpace;
    this.texture.minFilter = LinearFilter;
    this.texture.generateMipmaps = false;
    const material = new SpriteMaterial({
      map: this.texture,
      transparent: true,
      depthTest: style.onTop !== true,
      depthWrite: false,
      // A constant size on screen: the sprite's scale is set per canvas just before drawing.
      sizeAttenuation: false,
    });
    this.sprite = new Sprite(material);
    this.sprite.center.set(style.anchorX ?? 0.5, style.anchorY ?? 0.5);
    if (style.onTop) this.sprite.renderOrder = 20;
    // Its bounds depend on the canvas; the anchor is what matters for being in view.
    this.sprite.frustumCulled = false;
    // Labels are decoration: never pick them.
    this.sprite.raycast = () => {};
    this.sprite.userData[LABEL_KEY] = this;
    this.sprite.onBeforeRender = (renderer: WebGLRenderer, _scene, camera: Camera) =>
      this.fitTo(renderer, camera);
    this.setText(text);
  }

  /** The text shown. */
  get content(): string {
    return this.text;
  }

  /** Changes the text (no-op when unchanged). */
  setText(text: string): void {
    if (text === this.text) return;
    this.text = text;
    // A CPU-rasterised canvas: the same text gives the same pixels with or without a GPU, so the
    // app's exports and `descent render` agree exactly (and the texture upload needs no readback).
    const ctx = this.canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return;
    ctx.font = FONT;
    const boxed = this.style.background !== undefined || this.style.border !== undefined;
    const pad = boxed ? FONT_PX * 0.3 : FONT_PX * 0.1;
    const width = Math.ceil(ctx.measureText(text).width + 2 * pad);
    const height = Math.ceil(FONT_PX * 1.25 + 2 * pad * 0.6);
    this.canvas.width = Math.max(1, width);
    this.canvas.height = height;
    // Resizing the canvas resets its state.
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    const r = height * 0.3;
    if (this.style.background) {
      ctx.fillStyle = this.style.background;
      ctx.beginPath();
      ctx.roundRect(0, 0, width, height, r);
      ctx.fill();
    }
    if (this.style.border) {
      const line = FONT_PX * 0.1;
      ctx.strokeStyle = this.style.border;
      ctx.lineWidth = line;
      ctx.beginPath();
      ctx.roundRect(line / 2, line / 2, width - line, height - line, r);
      ctx.stroke();
    }
    ctx.fillStyle = this.style.color;
    ctx.fillText(text, pad, height / 2 + FONT_PX * 0.04);
    this.texture.dispose();
    this.texture.needsUpdate = true;
    this.heightFactor = height / (FONT_PX * 1.25);
    this.aspect = width / height;
  }

  /** Changes colours (redraws). */
  setStyle(style: Partial<LabelStyle>): void {
    this.style = { ...this.style, ...style };
    const text = this.text;
    this.text = '';
    this.setText(text);
  }

  /** Height of the sprite in CSS px on a canvas whose short side is `shortSide` CSS px. */
  pixelHeight(shortSide: number): number {
    return this.style.height * this.heightFactor * PX_PER_HEIGHT_UNIT * textScale(shortSide);
  }

  /** Width of the sprite over its height. */
  get widthRatio(): number {
    return this.aspect;
  }

  /**
   * Where the sprite lands on a canvas of `width` × `height` CSS px seen by `camera` (whose
   * matrices must be current), or null when its anchor is behind the camera or outside the
   * depth range. Uses the sprite's world position and current anchor (`sprite.center`).
   */
  screenRect(camera: Camera, width: number, height: number, out: ScreenRect): ScreenRect | null {
    projected.setFromMatrixPosition(this.sprite.matrixWorld).project(camera);
    if (!(projected.z >= -1 && projected.z <= 1)) return null;
    const h = this.pixelHeight(Math.min(width, height));
    const w = h * this.aspect;
    const sx = ((projected.x + 1) / 2) * width;
    const sy = ((1 - projected.y) / 2) * height;
    out.left = sx - this.sprite.center.x * w;
    out.top = sy - (1 - this.sprite.center.y) * h;
    out.width = w;
    out.height = h;
    return out;
  }

  /**
   * Scales the sprite for this canvas and camera just before it is drawn. With size
   * attenuation off, three draws a sprite `scale · P₁₁ · H / 2` px tall (P the projection
   * matrix, H the viewport height), for perspective and orthographic cameras alike.
   */
  private fitTo(renderer: WebGLRenderer, camera: Camera): void {
    renderer.getSize(size);
    const p11 = camera.projectionMatrix.elements[5]!;
    if (!(size.y > 0) || !(p11 > 0)) return;
    const h = (2 * this.pixelHeight(Math.min(size.x, size.y))) / (p11 * size.y);
    const s = this.sprite.scale;
    if (s.y === h && s.x === h * this.aspect) return;
    s.set(h * this.aspect, h, 1);
    // The renderer has already computed this frame's world matrices.
    this.sprite.updateMatrixWorld();
  }

  dispose(): void {
    this.texture.dispose();
    this.sprite.material.dispose();
  }
}
