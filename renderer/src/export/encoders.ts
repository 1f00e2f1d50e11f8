/**
 * Frame writers: turn rendered frames into file bytes on a {@link ByteSink}.
 *
 * - {@link VideoWriter}: WebCodecs `VideoEncoder` → mediabunny (MP4 with `moov` in space reserved
 *   at the front, or WebM). A transparent WebM encodes the alpha plane as a second VP9 stream and
 *   stores it as Matroska BlockAdditional data (`alpha_mode = 1`), the layout libvpx and ffmpeg
 *   use — Chromium's VideoEncoder refuses `alpha: 'keep'` for VP8/VP9.
 * - {@link GifWriter}: gifenc with one palette for the whole clip (quantized once from a few
 *   sample frames) and pixels unchanged since the previous frame left transparent, which keeps
 *   GIFs of mostly still slides small.
 * - {@link PngWriter} and {@link PngSequenceWriter}: the canvas's own PNG encoder; a sequence is
 *   streamed into a zip (stored, PNG is already compressed) with fflate.
 *
 * Every writer applies backpressure (its `add` resolves when it can take the next frame), so
 * memory stays bounded however long the export. Every writer can also `repeat` the picture it
 * was given last (a held frame) without it being drawn again: the video writer encodes a copy of
 * its last `VideoFrame` under the new timestamp, the GIF writer writes a frame whose pixels are
 * all unchanged, the PNG sequence stores the last PNG again. The bytes are the same as for the
 * same picture drawn again.
 */
import { Zip, ZipPassThrough } from 'fflate';
import { applyPalette, GIFEncoder, quantize } from 'gifenc';
import type { Encoder as GifEncoder, Palette } from 'gifenc';
import {
  EncodedPacket,
  EncodedVideoPacketSource,
  Mp4OutputFormat,
  Output,
  StreamTarget,
  WebMOutputFormat,
} from 'mediabunny';
import type { StreamTargetChunk } from 'mediabunny';
import { frameTimestampUs } from '../../../shared/export/plan.ts';
import { sequenceEntryName } from '../../../shared/export/names.ts';
import type { ByteSink } from './sinks.ts';
import { I420Converter } from './converter.ts';
import { BT709_LIMITED, i420Size, rgbaToI420 } from './yuv.ts';

/** Most frames waiting in an encoder before `add` waits (the encoder works on its own thread). */
const ENCODE_QUEUE = 3;
/** Most encoded packets waiting for the muxer before `add` waits. */
const MUX_QUEUE = 8;
/** Size of the chunks mediabunny hands to the sink (fewer, larger writes over IPC). */
const SINK_CHUNK = 4 * 1024 * 1024;

/** Pixels of one frame, read once and shared by whichever writer needs them. */
export interface FrameImage {
  /** The rendered picture (the WebGL canvas, or a 2D canvas with the caption drawn on it). */
  readonly source: HTMLCanvasElement;
  /** A 2D canvas holding the picture (for encoders that read pixels or encode PNG). */
  canvas2d(): HTMLCanvasElement;
  /** Unpremultiplied RGBA of the picture, top row first. */
  pixels(): Uint8ClampedArray;
  /**
   * Writes the RGBA of an opaque picture into `into` by the quickest route (straight from WebGL
   * where possible); returns true when the rows run bottom to top (WebGL's order).
   */
  readOpaque(into: Uint8Array): boolean;
}

/** Consumes the frames of one output file. */
export interface FrameWriter {
  /** Prepares the file (headers); called once before the first frame. */
  begin(): Promise<void>;
  /**
   * Adds frame `n`; resolves when the writer is ready for the next one. Reads `frame`
   * synchronously, before its first `await`: the WebGL picture is only valid until the task ends.
   */
  add(frame: FrameImage, n: number): Promise<void>;
  /**
   * Adds frame `n` as a repeat of the picture added last (nothing is drawn for it); the file's
   * bytes are those the same picture given to {@link add} would give. Never the first frame.
   */
  repeat(n: number): Promise<void>;
  /** Completes the file (the sink is finished by the caller). */
  finish(): Promise<void>;
  /** Stops without completing; releases encoders. */
  cancel(): Promise<void>;
}

/** A WritableStream that forwards mediabunny's positioned chunks to a sink. */
function sinkStream(sink: ByteSink): WritableStream<StreamTargetChunk> {
  return new WritableStream<StreamTargetChunk>({
    write: (chunk) => sink.write(chunk.data, chunk.position),
  });
}

function errorOf(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/** Resolves when `encoder` has dequeued a frame (or after a short while, to re-check state). */
function dequeued(encoder: VideoEncoder): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      encoder.removeEventListener('dequeue', done);
      resolve();
    };
    const timer = setTimeout(done, 250);
    encoder.addEventListener('dequeue', done);
  });
}

// ─── Video ───────────────────────────────────────────────────────────────────────────────────

/** What a {@link VideoWriter} encodes. */
export interface VideoWriterOptions {
  container: 'mp4' | 'webm';
  /** Encoder configuration (codec string, size, bitrate, frame rate), already checked. */
  config: VideoEncoderConfig;
  fps: number;
  /** Frames that will be added (MP4 reserves room for the index at the front from it). */
  frames: number;
  /** Encode the alpha channel too (WebM only). */
  alpha: boolean;
  /** Key frame every this many frames. */
  keyInterval: number;
}

interface Pending {
  chunk: EncodedVideoChunk;
  meta: EncodedVideoChunkMetadata | undefined;
}

/** H.264/MP4 or VP9/WebM through WebCodecs and mediabunny. */
export class VideoWriter implements FrameWriter {
  private readonly output: Output;
  private readonly source: EncodedVideoPacketSource;
  private readonly encoder: VideoEncoder;
  private readonly alphaEncoder: VideoEncoder | null;
  private readonly width: number;
  private readonly height: number;
  private readonly colorQueue: Pending[] = [];
  private readonly alphaQueue: EncodedVideoChunk[] = [];
  private alphaPlane: Uint8Array<ArrayBuffer> | null = null;
  private yuv: Uint8Array<ArrayBuffer> | null = null;
  /** Colour conversion in a worker (opaque video; the alpha path converts in place). */
  private readonly converter: I420Converter | null;
  /** Frames converting in the worker, encoded in order as they come back. */
  private converting: Promise<void> = Promise.resolve();
  private mux: Promise<void> = Promise.resolve();
  private muxPending = 0;
  private failure: Error | null = null;
  private started = false;
  /**
   * The last picture encoded (colour, and the alpha picture when there is an alpha stream),
   * kept open for {@link repeat}; closed when the next picture replaces it and at the end.
   */
  private last: { color: VideoFrame; alpha: VideoFrame | null } | null = null;

  constructor(
    private readonly options: VideoWriterOptions,
    sink: ByteSink,
  ) {
    const { config, container, frames } = options;
    this.width = config.width;
    this.height = config.height;
    this.output = new Output({
      format:
        container === 'mp4'
          ? // The frame count is known, so the index (`moov`) goes into space reserved at the
            // front while the frames stream to disk: fast start without holding the file in memory.
            new Mp4OutputFormat({ fastStart: 'reserve' })
          : new WebMOutputFormat(),
      target: new StreamTarget(sinkStream(sink), { chunked: true, chunkSize: SINK_CHUNK }),
    });
    this.source = new EncodedVideoPacketSource(container === 'mp4' ? 'avc' : 'vp9');
    this.output.addVideoTrack(this.source, {
      frameRate: options.fps,
      maximumPacketCount: frames,
      ...(options.alpha ? { canBeTransparent: true } : {}),
    });
    const fail = (error: unknown): void => {
      this.failure ??= errorOf(error);
    };
    this.encoder = new VideoEncoder({
      output: (chunk, meta) => this.onColor(chunk, meta),
      error: fail,
    });
    this.encoder.configure({ ...config, alpha: 'discard' });
    this.converter = options.alpha ? null : new I420Converter(this.width, this.height);
    if (options.alpha) {
      this.alphaEncoder = new VideoEncoder({
        output: (chunk) => this.onAlpha(chunk),
        error: fail,
      });
      this.alphaEncoder.configure({ ...config, alpha: 'discard' });
    } else {
      this.alphaEncoder = null;
    }
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  private enqueue(packet: EncodedPacket, meta: EncodedVideoChunkMetadata | undefined): void {
    this.muxPending++;
    this.mux = this.mux
      .then(() => this.source.add(packet, meta))
      .catch((error: unknown) => {
        this.failure ??= errorOf(error);
      })
      .finally(() => {
        this.muxPending--;
      });
  }

  private onColor(chunk: EncodedVideoChunk, meta: EncodedVideoChunkMetadata | undefined): void {
    if (!this.alphaEncoder) {
      this.enqueue(EncodedPacket.fromEncodedChunk(chunk), meta);
      return;
    }
    this.colorQueue.push({ chunk, meta });
    this.pair();
  }

  private onAlpha(chunk: EncodedVideoChunk): void {
    this.alphaQueue.push(chunk);
    this.pair();
  }

  /** Both encoders emit in frame order: join the n-th colour and alpha chunks. */
  private pair(): void {
    while (this.colorQueue.length > 0 && this.alphaQueue.length > 0) {
      const color = this.colorQueue.shift()!;
      const alpha = this.alphaQueue.shift()!;
      if (alpha.timestamp !== color.chunk.timestamp) {
        this.failure ??= new Error('The colour and alpha streams fell out of step.');
        return;
      }
      // Both encoders get the same key-frame requests, so their key frames coincide (a decoder
      // seeking to a colour key frame finds an alpha key frame with it).
      const bytes = new Uint8Array(alpha.byteLength);
      alpha.copyTo(bytes);
      this.enqueue(EncodedPacket.fromEncodedChunk(color.chunk, { alpha: bytes }), color.meta);
    }
  }

  async begin(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.output.start();
  }

  /** Timestamp and duration (µs) of frame `n`, and whether it is a key frame. */
  private timing(n: number): { timestamp: number; duration: number; keyFrame: boolean } {
    const timestamp = frameTimestampUs(n, this.options.fps);
    const duration = frameTimestampUs(n + 1, this.options.fps) - timestamp;
    return { timestamp, duration, keyFrame: n % this.options.keyInterval === 0 };
  }

  /** Keeps the picture just encoded for {@link repeat}, closing the one it replaces. */
  private keep(color: VideoFrame, alpha: VideoFrame | null): void {
    this.forget();
    this.last = { color, alpha };
  }

  private forget(): void {
    this.last?.color.close();
    this.last?.alpha?.close();
    this.last = null;
  }

  async add(frame: FrameImage, n: number): Promise<void> {
    this.check();
    if (!this.started) throw new Error('VideoWriter.add before begin');
    const { timestamp, duration, keyFrame } = this.timing(n);
    // Colour as limited-range BT.709 I420 that we convert ourselves (see yuv.ts).
    const init = {
      format: 'I420' as const,
      codedWidth: this.width,
      codedHeight: this.height,
      timestamp,
      duration,
      colorSpace: BT709_LIMITED,
    };
    if (this.alphaEncoder) {
      this.yuv ??= new Uint8Array(i420Size(this.width, this.height));
      // Unpremultiplied colour (the WebGL canvas is premultiplied), and alpha as the luma of a
      // second picture, the way VP9 alpha is stored.
      const rgba = frame.pixels();
      rgbaToI420(rgba, this.width, this.height, false, this.yuv);
      const color = new VideoFrame(this.yuv, init);
      this.encoder.encode(color, { keyFrame });
      const alpha = new VideoFrame(this.alphaFrame(rgba), {
        ...init,
        colorSpace: { matrix: 'bt709', fullRange: true },
      });
      this.alphaEncoder.encode(alpha, { keyFrame });
      this.keep(color, alpha);
    } else {
      // Read now (the picture is only valid in this task), convert in the worker while the
      // next frame is drawn, encode in frame order.
      // Made in the constructor whenever there is no alpha encoder.
      const converter = this.converter!;
      while (!converter.ready) {
        this.check();
        await this.converting;
      }
      const job = converter.convert((into) => frame.readOpaque(into));
      const encoder = this.encoder;
      this.converting = this.converting
        .then(() => job)
        .then(({ i420, release }) => {
          const video = new VideoFrame(i420, init);
          release(); // the frame holds its own copy
          encoder.encode(video, { keyFrame });
          this.keep(video, null);
        })
        .catch((error: unknown) => {
          this.failure ??= errorOf(error);
        });
    }
    await this.drain(ENCODE_QUEUE);
  }

  async repeat(n: number): Promise<void> {
    this.check();
    if (!this.started) throw new Error('VideoWriter.repeat before begin');
    const { timestamp, duration, keyFrame } = this.timing(n);
    const again = (): void => {
      const last = this.last;
      if (!last) throw new Error('VideoWriter.repeat before a frame');
      // The same pixels under this frame's timestamp (the frame shares the kept one's memory).
      const color = new VideoFrame(last.color, { timestamp, duration });
      this.encoder.encode(color, { keyFrame });
      color.close();
      if (this.alphaEncoder && last.alpha) {
        const alpha = new VideoFrame(last.alpha, { timestamp, duration });
        this.alphaEncoder.encode(alpha, { keyFrame });
        alpha.close();
      }
    };
    if (this.alphaEncoder) {
      again();
    } else {
      // After the frames still converting in the worker: the last of them is the one repeated.
      // Waited for, so that the encoder's queue, not a chain of repeats, sets the pace.
      this.converting = this.converting.then(again).catch((error: unknown) => {
        this.failure ??= errorOf(error);
      });
      await this.converting;
    }
    await this.drain(ENCODE_QUEUE);
  }

  /** I420 picture whose luma is the alpha channel (chroma neutral). */
  private alphaFrame(rgba: Uint8ClampedArray): Uint8Array<ArrayBuffer> {
    const w = this.width;
    const h = this.height;
    const lumaSize = w * h;
    const chromaSize = Math.ceil(w / 2) * Math.ceil(h / 2);
    if (!this.alphaPlane) {
      this.alphaPlane = new Uint8Array(lumaSize + 2 * chromaSize);
      this.alphaPlane.fill(128, lumaSize);
    }
    const plane = this.alphaPlane;
    for (let i = 0, j = 3; i < lumaSize; i++, j += 4) plane[i] = rgba[j]!;
    return plane;
  }

  /** Waits until the encoders and the muxer are below their queue limits. */
  private async drain(limit: number): Promise<void> {
    for (;;) {
      this.check();
      const a = this.alphaEncoder;
      if (this.encoder.encodeQueueSize > limit) await dequeued(this.encoder);
      else if (a && a.encodeQueueSize > limit) await dequeued(a);
      else if (this.muxPending > MUX_QUEUE) await this.mux;
      else return;
    }
  }

  async finish(): Promise<void> {
    this.check();
    await this.begin();
    await this.converting;
    this.check();
    await this.encoder.flush();
    if (this.alphaEncoder) await this.alphaEncoder.flush();
    await this.mux;
    this.check();
    if (this.colorQueue.length > 0 || this.alphaQueue.length > 0) {
      throw new Error('The colour and alpha streams ended with different frame counts.');
    }
    this.source.close();
    await this.output.finalize();
    this.close();
  }

  private close(): void {
    this.forget();
    this.converter?.dispose();
    for (const e of [this.encoder, this.alphaEncoder]) {
      if (e && e.state !== 'closed') e.close();
    }
  }

  async cancel(): Promise<void> {
    this.close();
    await this.mux.catch(() => undefined);
    if (this.output.state !== 'canceled' && this.output.state !== 'finalized') {
      await this.output.cancel().catch(() => undefined);
    }
  }
}

// ─── GIF ─────────────────────────────────────────────────────────────────────────────────────

/** Pixels sampled from all sample frames together for the palette (enough for 255 colours). */
const PALETTE_SAMPLE_PIXELS = 400_000;

/**
 * One palette for a whole GIF, quantized once from sample frames (every k-th pixel of each so
 * the work stays bounded). 255 colours: index 255 is kept for "unchanged since the last frame".
 */
export function buildGifPalette(samples: readonly Uint8ClampedArray[]): Palette {
  const pixelsPerFrame = samples.reduce((n, s) => n + s.length / 4, 0);
  const stride = Math.max(1, Math.floor(pixelsPerFrame / PALETTE_SAMPLE_PIXELS));
  const total = samples.reduce((n, s) => n + Math.ceil(s.length / 4 / stride), 0);
  const data = new Uint8ClampedArray(total * 4);
  let o = 0;
  for (const s of samples) {
    for (let p = 0; p < s.length; p += 4 * stride) {
      data[o++] = s[p]!;
      data[o++] = s[p + 1]!;
      data[o++] = s[p + 2]!;
      data[o++] = 255;
    }
  }
  return quantize(data.subarray(0, o), 255, { format: 'rgb565' });
}

/** Animated GIF: global palette, loops forever, unchanged pixels transparent. */
export class GifWriter implements FrameWriter {
  // Manual mode: the encoder's buffer is emptied after every frame (reset), which in auto mode
  // would also make it write a second header.
  private readonly gif: GifEncoder = GIFEncoder({ auto: false });
  private readonly colors: Palette;
  private readonly palette: Palette;
  private readonly unchanged: number;
  private previous: Uint8Array | null = null;
  /** A frame of unchanged pixels only (a repeated picture), made on the first repeat. */
  private still: Uint8Array | null = null;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly width: number,
    private readonly height: number,
    private readonly fps: number,
    palette: Palette,
    private readonly sink: ByteSink,
  ) {
    this.colors = palette;
    this.unchanged = palette.length;
    // The extra entry only marks unchanged pixels; its colour is never shown.
    this.palette = [...palette, [0, 0, 0]];
  }

  begin(): Promise<void> {
    return Promise.resolve();
  }

  async add(frame: FrameImage): Promise<void> {
    const index = applyPalette(frame.pixels(), this.colors, 'rgb565');
    const delay = 1000 / this.fps;
    if (!this.previous) {
      this.gif.writeHeader();
      this.gif.writeFrame(index, this.width, this.height, {
        first: true,
        palette: this.palette,
        delay,
        repeat: 0, // loop forever
      });
      this.previous = index;
    } else {
      // Leave pixels that did not change transparent (dispose 1: keep the previous picture).
      const diff = new Uint8Array(index.length);
      const prev = this.previous;
      for (let i = 0; i < index.length; i++) {
        diff[i] = index[i] === prev[i] ? this.unchanged : index[i]!;
      }
      this.writeChanges(diff);
      this.previous = index;
    }
    await this.flush();
  }

  /** The same picture again: every pixel unchanged, which is what {@link add} would write. */
  async repeat(): Promise<void> {
    if (!this.previous) throw new Error('GifWriter.repeat before a frame');
    this.still ??= new Uint8Array(this.previous.length).fill(this.unchanged);
    this.writeChanges(this.still);
    await this.flush();
  }

  /** Writes a frame after the first: `diff` holds the unchanged index where nothing changed. */
  private writeChanges(diff: Uint8Array): void {
    this.gif.writeFrame(diff, this.width, this.height, {
      delay: 1000 / this.fps,
      transparent: true,
      transparentIndex: this.unchanged,
      dispose: 1,
    });
  }

  /** Sends what gifenc has buffered to the sink and empties its buffer. */
  private async flush(): Promise<void> {
    const bytes = this.gif.bytes();
    this.gif.reset();
    if (bytes.byteLength > 0) this.writes = this.writes.then(() => this.sink.write(bytes));
    await this.writes;
  }

  async finish(): Promise<void> {
    this.gif.finish();
    await this.flush();
  }

  cancel(): Promise<void> {
    return this.writes.catch(() => undefined);
  }
}

// ─── PNG ─────────────────────────────────────────────────────────────────────────────────────

/** PNG bytes of a 2D canvas (the browser's encoder: same pixels, same bytes). */
export async function pngBytes(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The browser could not encode the PNG.');
  return new Uint8Array(await blob.arrayBuffer());
}

/** A single PNG image. */
export class PngWriter implements FrameWriter {
  constructor(private readonly sink: ByteSink) {}

  begin(): Promise<void> {
    return Promise.resolve();
  }

  async add(frame: FrameImage): Promise<void> {
    await this.sink.write(await pngBytes(frame.canvas2d()));
  }

  repeat(): Promise<void> {
    return Promise.reject(new Error('A PNG still has one frame.'));
  }

  finish(): Promise<void> {
    return Promise.resolve();
  }

  cancel(): Promise<void> {
    return Promise.resolve();
  }
}

/** Fixed entry time, so the same frames always make the same zip. */
const ZIP_TIME = new Date(2020, 0, 1);

/** Numbered PNGs (`frame-0000.png`, …) streamed into a zip. */
export class PngSequenceWriter implements FrameWriter {
  private readonly zip: Zip;
  private writes: Promise<void> = Promise.resolve();
  private failure: Error | null = null;
  /** The last frame's PNG, stored again for a repeated picture (same pixels, same bytes). */
  private last: Uint8Array | null = null;

  constructor(
    private readonly frames: number,
    private readonly sink: ByteSink,
  ) {
    this.zip = new Zip((error, data) => {
      if (error) {
        this.failure ??= error;
        return;
      }
      const copy = data.slice();
      this.writes = this.writes.then(() => this.sink.write(copy));
      this.writes.catch((e: unknown) => {
        this.failure ??= errorOf(e);
      });
    });
  }

  begin(): Promise<void> {
    return Promise.resolve();
  }

  async add(frame: FrameImage, n: number): Promise<void> {
    if (this.failure) throw this.failure;
    this.last = await pngBytes(frame.canvas2d());
    await this.store(n, this.last);
  }

  async repeat(n: number): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.last) throw new Error('PngSequenceWriter.repeat before a frame');
    await this.store(n, this.last);
  }

  private async store(n: number, png: Uint8Array): Promise<void> {
    const entry = new ZipPassThrough(sequenceEntryName(n, this.frames));
    entry.mtime = ZIP_TIME;
    this.zip.add(entry);
    entry.push(png, true);
    await this.writes;
  }

  async finish(): Promise<void> {
    this.zip.end();
    await this.writes;
    if (this.failure) throw this.failure;
  }

  async cancel(): Promise<void> {
    this.zip.terminate();
    await this.writes.catch(() => undefined);
  }
}
