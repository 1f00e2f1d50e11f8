/**
 * Types for gifenc 1.0.3 (the package ships none): the parts the GIF export uses.
 * @see https://github.com/mattdesl/gifenc#api
 */
declare module 'gifenc' {
  /** RGB (or RGBA) colours, each channel 0–255. */
  export type Palette = number[][];
  /** Pixel formats of the quantizer and palette lookup. */
  export type PixelFormat = 'rgb565' | 'rgb444' | 'rgba4444';

  export interface QuantizeOptions {
    format?: PixelFormat;
    oneBitAlpha?: boolean | number;
    clearAlpha?: boolean;
    clearAlphaThreshold?: number;
    clearAlphaColor?: number;
  }

  /** Reduces the colours of `rgba` to at most `maxColors`. */
  export function quantize(
    rgba: Uint8Array | Uint8ClampedArray,
    maxColors: number,
    options?: QuantizeOptions,
  ): Palette;

  /** Maps every pixel of `rgba` to the index of its nearest palette colour. */
  export function applyPalette(
    rgba: Uint8Array | Uint8ClampedArray,
    palette: Palette,
    format?: PixelFormat,
  ): Uint8Array;

  export interface FrameOptions {
    /** Required on the first frame (it becomes the global colour table). */
    palette?: Palette;
    first?: boolean;
    transparent?: boolean;
    transparentIndex?: number;
    /** Frame delay in milliseconds (stored in hundredths of a second). */
    delay?: number;
    /** -1 once, 0 forever, n: n extra times. */
    repeat?: number;
    colorDepth?: number;
    /** GIF disposal method; -1 for the encoder's default. */
    dispose?: number;
  }

  export interface Encoder {
    writeFrame(index: Uint8Array, width: number, height: number, options?: FrameOptions): void;
    finish(): void;
    bytes(): Uint8Array;
    bytesView(): Uint8Array;
    reset(): void;
    writeHeader(): void;
  }

  export function GIFEncoder(options?: { auto?: boolean; initialCapacity?: number }): Encoder;
}
