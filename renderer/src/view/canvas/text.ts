/**
 * Text in the 3D view (axis ticks, overlay labels) as sprites with canvas textures: no font
 * files and no network, just the system's sans-serif drawn into a 2D canvas.
 */
import { CanvasTexture, LinearFilter, SRGBColorSpace, Sprite, SpriteMaterial } from 'three';

/** Pixel height text is drawn at (the sprite is then scaled to its world size). */
const FONT_PX = 48;
const FONT = `500 ${FONT_PX}px system-ui, "Segoe UI", "Liberation Sans", Arial, sans-serif`;

/** How a label looks. */
export interface LabelStyle {
  color: string;
  /** World height of one line of text. */
  height: number;
  /** Optional rounded background (e.g. to keep a label readable over the surface). */
  background?: string;
  /** Where the sprite's anchor sits: 0 = left/bottom edge, 0.5 = centre, 1 = right/top. */
  anchorX?: number;
  anchorY?: number;
  /** Draw over everything. */
  onTop?: boolean;
}

/** A sprite showing one line of text; redraws into the same canvas when the text changes. */
export class TextLabel {
  readonly sprite: Sprite;
  private readonly canvas: HTMLCanvasElement;
  private readonly texture: CanvasTexture;
  private text = '';

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
    });
    this.sprite = new Sprite(material);
    this.sprite.center.set(style.anchorX ?? 0.5, style.anchorY ?? 0.5);
    if (style.onTop) this.sprite.renderOrder = 20;
    // Labels are decoration: never pick them.
    this.sprite.raycast = () => {};
    this.setText(text);
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
    const pad = this.style.background ? FONT_PX * 0.3 : FONT_PX * 0.1;
    const width = Math.ceil(ctx.measureText(text).width + 2 * pad);
    const height = Math.ceil(FONT_PX * 1.25 + 2 * pad * 0.6);
    this.canvas.width = Math.max(1, width);
    this.canvas.height = height;
    // Resizing the canvas resets its state.
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    if (this.style.background) {
      ctx.fillStyle = this.style.background;
      const r = height * 0.3;
      ctx.beginPath();
      ctx.roundRect(0, 0, width, height, r);
      ctx.fill();
    }
    ctx.fillStyle = this.style.color;
    ctx.fillText(text, pad, height / 2 + FONT_PX * 0.04);
    this.texture.dispose();
    this.texture.needsUpdate = true;
    const h = this.style.height * (height / (FONT_PX * 1.25));
    this.sprite.scale.set((h * width) / height, h, 1);
  }

  /** Changes colours (redraws). */
  setStyle(style: Partial<LabelStyle>): void {
    this.style = { ...this.style, ...style };
    const text = this.text;
    this.text = '';
    this.setText(text);
  }

  dispose(): void {
    this.texture.dispose();
    this.sprite.material.dispose();
  }
}
