/**
 * The export pipeline: settings → frame plan → offscreen render of every frame → encoder →
 * sink, one file per clip.
 *
 * Determinism: frame n of a clip is drawn with the playhead at `framePosition(clip, n)` (see
 * shared/export.ts) once the solver has answered everything the picture depends on, so the same
 * scene and settings always give the same frames, in the app and from `descent render` alike.
 *
 * Nothing is drawn twice: a frame that shows the picture of the frame before it (the held
 * frames at the end of a clip) is encoded again from that picture (`FrameWriter.repeat`), and
 * the GIF palette's sample frames are drawn once, their pixels then written when the loop
 * reaches them (./frames.ts).
 *
 * Responsiveness: the loop yields to the event loop after every frame and the writers apply
 * backpressure, so the UI keeps painting (the progress bar, the Cancel button) and memory stays
 * bounded. Cancelling (an AbortSignal) stops between frames and cancels the open sink, which
 * removes the partial file.
 * @see ./offscreen.tsx for how a frame is drawn, ./encoders.ts for the formats.
 */
import type { ExportedFile, ExportProgress, ExportResult } from '../../../shared/export/report.ts';
import { invalidate } from '@react-three/fiber';
import {
  checkSettings,
  MAX_EXPORT_FRAMES,
  normalizeSettings,
} from '../../../shared/export/settings.ts';
import { clipFileName } from '../../../shared/export/names.ts';
import { runLabel } from '../../../shared/scene/runName.ts';
import { framePosition, orbitAngle, planExport } from '../../../shared/export/plan.ts';
import type { ClipPlan, ExportPlan } from '../../../shared/export/plan.ts';
import type { ExportKind, ExportSettings } from '../../../shared/export/settings.ts';
import { solverSync } from '../solver/instance.ts';
import { appStore } from '../store/hooks.ts';
import { viewKindOf } from '../view/registry.ts';
import type { AppStore } from '../store/types.ts';
import { captionBand, captionFrom, drawFormula, drawLegend } from './caption.ts';
import type { CaptionContent } from './caption.ts';
import {
  buildGifPalette,
  GifWriter,
  PngSequenceWriter,
  PngWriter,
  VideoWriter,
} from './encoders.ts';
import type { FrameImage, FrameWriter } from './encoders.ts';
import { learningCurveFrom, learningCurvePainter } from './learningCurveLayer.ts';
import { drawLrPlotFrame, lrPlotFrom } from './lrPlotLayer.ts';
import type { LrPlotData, PlotBox } from './lrPlotLayer.ts';
import { SampledPictures, writeClipFrames } from './frames.ts';
import { burnedInOverlays, OffscreenView } from './offscreen.tsx';
import type { BurnedInOverlay } from './offscreen.tsx';
import type { ByteSink, SinkFactory } from './sinks.ts';
import { checkSupport } from './support.ts';
import type { Alternative, Support } from './support.ts';

/** Sample frames the GIF palette is quantized from. */
const GIF_PALETTE_SAMPLES = 8;
/** Longest wait for the solver before the first frame (ms). */
const SOLVER_TIMEOUT = 30_000;

/** Why an export did not happen (cancelling is an AbortError instead). */
export class ExportError extends Error {
  override readonly name = 'ExportError';
  constructor(
    message: string,
    /** `invalid`: bad settings; `unsupported`: this machine cannot encode it; `failed`: other. */
    readonly kind: 'invalid' | 'unsupported' | 'failed',
    /** For `unsupported`: what would work instead. */
    readonly alternatives: Alternative[] = [],
  ) {
    super(message);
  }
}

/**
 * Choices of the app's dialog that `descent render` has no flag for. They ride on the settings
 * object, which the dialog's job runner hands to {@link runExport} as it is.
 */
export interface AppExportChoices {
  /** Burn in the learning-curve inset (the dialog offers it while the tab is shown). */
  learningCurve?: boolean;
}

/** One export's inputs. */
export interface ExportJob {
  settings: ExportSettings & AppExportChoices;
  /** File name without extension (clips get `-01`, `-02`, …). */
  baseName: string;
  sinks: SinkFactory;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  /** A support verdict already obtained for these settings (skips asking again). */
  support?: Support;
  /** Defaults: the app's store and its sync with the solver. */
  store?: AppStore;
  settled?: () => Promise<void>;
}

/** Resolves on the next turn of the event loop (unclamped, unlike setTimeout). */
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

function aborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw signal.reason instanceof Error
      ? signal.reason
      : new DOMException('The export was cancelled.', 'AbortError');
  }
}

/** True for the error a cancelled export ends with. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * Waits for `settled` (the solver sync has answered everything), giving up after
 * {@link SOLVER_TIMEOUT} and stopping early when the export is cancelled.
 */
async function untilSettled(
  settled: () => Promise<void>,
  signal: AbortSignal | undefined,
  what: string,
): Promise<void> {
  aborted(signal);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  try {
    await Promise.race([
      settled(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new ExportError(
                `The solver did not finish ${what} within ${SOLVER_TIMEOUT / 1000} s.`,
                'failed',
              ),
            ),
          SOLVER_TIMEOUT,
        );
        onAbort = () => reject(new DOMException('The export was cancelled.', 'AbortError'));
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Waits until the solver has answered everything for the current scene, then checks that the
 * picture can be drawn: f can be read, every visible run can start, and the view kind has all
 * it draws. Refusals name what is wrong.
 */
export async function waitForSolver(
  store: AppStore,
  settled: () => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  await untilSettled(settled, signal, 'the scene');
  const s = store.getState();
  const problem = s.errors.problem ?? s.errors.surface ?? s.errors.trajectories;
  if (problem) throw new ExportError(`The scene cannot be drawn: ${problem.message}`, 'invalid');
  for (const run of s.scene.runs) {
    const error = run.visible ? s.trajectories[run.id]?.error : null;
    if (error) {
      throw new ExportError(
        `The run “${runLabel(run)}” cannot be drawn: ${error} Hide it or change its start.`,
        'invalid',
      );
    }
  }
  if (!viewKindOf(s.scene).ready(s)) {
    throw new ExportError('The solver finished without computing the picture.', 'failed');
  }
}

/** A CPU-backed 2D canvas (pixels are read back; same raster with or without a GPU). */
function canvas2d(
  width: number,
  height: number,
  existing?: HTMLCanvasElement,
): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const canvas = existing ?? document.createElement('canvas');
  if (!existing) {
    canvas.width = width;
    canvas.height = height;
  }
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new ExportError('The browser could not create a 2D canvas.', 'failed');
  return { canvas, ctx };
}

/**
 * `top` over `bottom` (both unpremultiplied RGBA of the same size), in place in `bottom`, with
 * rounding that is the same on every machine.
 */
export function over(top: Uint8ClampedArray, bottom: Uint8ClampedArray): void {
  for (let i = 0; i < top.length; i += 4) {
    const at = top[i + 3]!;
    if (at === 0) continue;
    const ab = bottom[i + 3]!;
    if (at === 255 || ab === 0) {
      bottom[i] = top[i]!;
      bottom[i + 1] = top[i + 1]!;
      bottom[i + 2] = top[i + 2]!;
      bottom[i + 3] = at;
      continue;
    }
    // Weights in 1/255² units: top contributes at·255, bottom ab·(255 − at).
    const wt = at * 255;
    const wb = ab * (255 - at);
    const sum = wt + wb;
    const half = sum >> 1;
    bottom[i] = ((top[i]! * wt + bottom[i]! * wb + half) / sum) | 0;
    bottom[i + 1] = ((top[i + 1]! * wt + bottom[i + 1]! * wb + half) / sum) | 0;
    bottom[i + 2] = ((top[i + 2]! * wt + bottom[i + 2]! * wb + half) / sum) | 0;
    bottom[i + 3] = ((sum + 127) / 255) | 0;
  }
}

/** An overlay's pixels (drawn once on a transparent layer) and the box they cover. */
interface OverlayPixels {
  rgba: Uint8ClampedArray;
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * A rendered frame, read out lazily by whichever writer needs what. The view's HTML overlays
 * that a file cannot carry (the caption, the colour bar: see burnedInOverlays in offscreen.tsx)
 * are drawn once each, on a transparent layer of their own, and composited onto every frame.
 */
class Frame implements FrameImage {
  source: HTMLCanvasElement;
  private readonly surface: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private drawn = false;
  private data: Uint8ClampedArray | null = null;
  private readonly webgl: WebGL2RenderingContext | null;
  /** The burned-in overlays, in drawing order. */
  private readonly overlays: OverlayPixels[] = [];
  /** The η plot, redrawn every frame (its playhead mark moves), on a layer of its own. */
  private readonly lrLayer: CanvasRenderingContext2D | null;
  /** The learning-curve inset, redrawn every frame too (its step marker moves). */
  private readonly curveLayer: CanvasRenderingContext2D | null;

  constructor(
    private readonly gl: HTMLCanvasElement,
    caption: CaptionContent | null,
    private readonly scale: number,
    overlays: readonly BurnedInOverlay[] = burnedInOverlays(),
    private readonly lrPlot: { data: LrPlotData; theme: 'light' | 'dark' } | null = null,
    private readonly curve:
      ((ctx: CanvasRenderingContext2D, position: number) => PlotBox | null) | null = null,
  ) {
    this.source = gl;
    // The context three created (asking again returns it, it never makes a second one).
    this.webgl = gl.getContext('webgl2');
    this.surface = canvas2d(gl.width, gl.height).canvas;
    this.ctx = canvas2d(gl.width, gl.height, this.surface).ctx;
    // Text is drawn over transparency, never straight onto the picture: over opaque pixels
    // Chromium may switch to subpixel text depending on GPU settings, and the same export would
    // differ between the app and `descent render`.
    // It is composited here in integer arithmetic for the same reason: the browser's blending
    // of a translucent layer is not bit-identical across GPU settings.
    const draws: BurnedInOverlay[] = [...overlays];
    if (caption) {
      draws.push((ctx) => drawFormula(ctx, caption, scale));
      draws.push((ctx, width) => drawLegend(ctx, caption, scale, width));
    }
    for (const draw of draws) {
      const layer = canvas2d(gl.width, gl.height);
      const box = draw(layer.ctx, gl.width, gl.height, scale);
      if (!box) continue;
      const x = Math.max(0, Math.floor(box.x));
      const y = Math.max(0, Math.floor(box.y));
      const w = Math.min(gl.width, Math.ceil(box.x + box.width)) - x;
      const h = Math.min(gl.height, Math.ceil(box.y + box.height)) - y;
      if (w > 0 && h > 0) {
        this.overlays.push({ rgba: layer.ctx.getImageData(x, y, w, h).data, x, y, w, h });
      }
    }
    this.lrLayer = lrPlot ? canvas2d(gl.width, gl.height).ctx : null;
    this.curveLayer = curve ? canvas2d(gl.width, gl.height).ctx : null;
  }

  /** Whether anything is composited over the WebGL picture. */
  private get layered(): boolean {
    return this.overlays.length > 0 || this.lrLayer !== null || this.curveLayer !== null;
  }

  /**
   * Takes the picture just drawn (synchronously, while the WebGL buffer holds it), at playhead
   * `position` (for overlays that follow it).
   */
  capture(position: number): void {
    this.drawn = false;
    this.data = null;
    if (this.layered) {
      this.draw();
      for (const c of this.overlays) this.composite(c);
      const lr = this.lrLayer;
      if (lr && this.lrPlot) {
        const { width, height } = this.surface;
        lr.clearRect(0, 0, width, height);
        const box = drawLrPlotFrame(
          lr,
          this.lrPlot.data,
          width,
          height,
          this.scale,
          this.lrPlot.theme,
          position,
        );
        const { x, y } = box;
        this.composite({
          rgba: lr.getImageData(x, y, box.width, box.height).data,
          x,
          y,
          w: box.width,
          h: box.height,
        });
      }
      const lc = this.curveLayer;
      if (lc && this.curve) {
        const { width, height } = this.surface;
        lc.clearRect(0, 0, width, height);
        const box = this.curve(lc, position);
        if (box) {
          this.composite({
            rgba: lc.getImageData(box.x, box.y, box.width, box.height).data,
            x: box.x,
            y: box.y,
            w: box.width,
            h: box.height,
          });
        }
      }
      this.source = this.surface;
    } else {
      this.source = this.gl;
    }
  }

  private composite(c: OverlayPixels): void {
    const under = this.ctx.getImageData(c.x, c.y, c.w, c.h);
    over(c.rgba, under.data);
    this.ctx.putImageData(under, c.x, c.y);
  }

  private draw(): void {
    this.ctx.clearRect(0, 0, this.surface.width, this.surface.height);
    this.ctx.drawImage(this.gl, 0, 0);
    this.drawn = true;
  }

  canvas2d(): HTMLCanvasElement {
    if (!this.drawn) this.draw();
    return this.surface;
  }

  pixels(): Uint8ClampedArray {
    if (!this.data) {
      this.canvas2d();
      this.data = this.ctx.getImageData(0, 0, this.surface.width, this.surface.height).data;
    }
    return this.data;
  }

  readOpaque(into: Uint8Array): boolean {
    const gl = this.webgl;
    if (this.layered || !gl) {
      into.set(this.pixels());
      return false;
    }
    // Straight from the drawing buffer (valid until this task ends), rows bottom to top.
    gl.readPixels(0, 0, this.gl.width, this.gl.height, gl.RGBA, gl.UNSIGNED_BYTE, into);
    return true;
  }
}

/** A picture kept as pixels (a GIF palette sample), written without drawing it again. */
class KeptFrame implements FrameImage {
  private canvas: HTMLCanvasElement | null = null;

  constructor(
    private readonly data: Uint8ClampedArray<ArrayBuffer>,
    private readonly width: number,
    private readonly height: number,
  ) {}

  get source(): HTMLCanvasElement {
    return this.canvas2d();
  }

  canvas2d(): HTMLCanvasElement {
    if (!this.canvas) {
      const { canvas, ctx } = canvas2d(this.width, this.height);
      ctx.putImageData(new ImageData(this.data, this.width, this.height), 0, 0);
      this.canvas = canvas;
    }
    return this.canvas;
  }

  pixels(): Uint8ClampedArray {
    return this.data;
  }

  readOpaque(into: Uint8Array): boolean {
    into.set(this.data);
    return false;
  }
}

/** Wraps a sink to count the bytes of the file. */
function counting(sink: ByteSink): { sink: ByteSink; bytes: () => number } {
  let end = 0;
  return {
    sink: {
      write: (bytes, position) => {
        end = Math.max(end, (position ?? end) + bytes.byteLength);
        return sink.write(bytes, position);
      },
      finish: () => sink.finish(),
      cancel: () => sink.cancel(),
    },
    bytes: () => end,
  };
}

/** File names an export will write (for pickers that must ask before anything is rendered). */
export function exportFileNames(plan: ExportPlan, baseName: string): string[] {
  const kind: ExportKind = plan.settings.kind;
  return plan.clips.map((c) => clipFileName(baseName, kind, c.index, plan.clips.length));
}

/**
 * Runs an export. Resolves with what was written; rejects with an {@link ExportError}, or an
 * AbortError when `signal` fired (no partial file stays behind in either case).
 */
export async function runExport(job: ExportJob): Promise<ExportResult> {
  const startedAt = performance.now();
  const store = job.store ?? appStore;
  const settled = job.settled ?? solverSync().settled;
  const { signal } = job;
  const { settings, notes } = normalizeSettings(job.settings);
  const invalid = checkSettings(settings);
  if (invalid) throw new ExportError(invalid, 'invalid');

  const support = job.support ?? (await checkSupport(settings));
  if (!support.ok) throw new ExportError(support.message, 'unsupported', support.alternatives);

  const report = (progress: ExportProgress): void => job.onProgress?.(progress);
  report({ phase: 'preparing', done: 0, total: 0, clip: 0, clips: 0, elapsedMs: 0, etaMs: null });

  let state = store.getState();
  if (state.playing) state.pause();
  await waitForSolver(store, settled, signal);
  state = store.getState();
  const { playhead } = state.runtime;
  const restorePosition = playhead.position;
  const scene = state.scene;
  const plan = planExport(scene, settings, playhead.position);
  if (plan.totalFrames > MAX_EXPORT_FRAMES) {
    throw new ExportError(
      `That is ${plan.totalFrames} frames; an export can have at most ${MAX_EXPORT_FRAMES}. Choose a shorter range, a lower frame rate or a higher speed.`,
      'invalid',
    );
  }
  const needsAnalysis = scene.overlays.hessian || scene.overlays.tangent;
  const caption = settings.caption ? captionFrom(state) : null;

  // The document must not change under the export (a menu action, a file opened meanwhile).
  let changed = false;
  const unwatch = store.subscribe((s) => {
    if (s.scene !== scene) changed = true;
  });
  const stillValid = (): void => {
    aborted(signal);
    if (changed) throw new ExportError('The scene changed during the export.', 'failed');
  };

  const exporting = store.getState().beginExport();
  let view: OffscreenView | null = null;
  const files: ExportedFile[] = [];
  let done = 0;
  /** Frames drawn (at most one per distinct picture; the rest are re-encoded). */
  let drawn = 0;
  let firstFrameAt = 0;
  let lastReport = 0;
  try {
    view = await OffscreenView.create({
      width: settings.width,
      height: settings.height,
      transparent: settings.transparent,
      reveal: settings.reveal || scene.view.reveal,
      top: caption ? captionBand(caption) : 0,
    });
    const lrData = lrPlotFrom(state);
    const curveData = job.settings.learningCurve ? learningCurveFrom(state) : null;
    const frame = new Frame(
      view.canvas,
      caption,
      view.pixelRatio,
      burnedInOverlays(),
      lrData ? { data: lrData, theme: scene.view.theme } : null,
      curveData
        ? learningCurvePainter(
            curveData,
            view.canvas.width,
            view.canvas.height,
            view.pixelRatio,
            scene.view.theme,
          )
        : null,
    );
    const v = view;

    /** Draws frame n of clip into `frame` (position, analysis, camera). */
    const drawFrame = async (clip: ClipPlan, n: number): Promise<void> => {
      stillValid();
      playhead.set(framePosition(clip, n));
      // The overlays draw the analysis at this frame's row: wait for its answer.
      if (needsAnalysis) await untilSettled(settled, signal, 'the analysis');
      v.render(orbitAngle(clip, settings.orbit, n), n / settings.fps);
      frame.capture(playhead.position);
      drawn++;
    };

    const progress = (phase: ExportProgress['phase'], clip: number, force = false): void => {
      const now = performance.now();
      if (!force && now - lastReport < 100) return;
      lastReport = now;
      const elapsedMs = firstFrameAt ? now - firstFrameAt : 0;
      const etaMs =
        done >= 3 && elapsedMs > 0 ? (elapsedMs / done) * (plan.totalFrames - done) : null;
      report({
        phase,
        done,
        total: plan.totalFrames,
        clip,
        clips: plan.clips.length,
        elapsedMs,
        etaMs,
      });
    };

    const names = exportFileNames(plan, job.baseName);
    for (const clip of plan.clips) {
      stillValid();
      const opened = await job.sinks.open(names[clip.index]!, settings.kind);
      if (!opened) throw new DOMException('The save dialog was cancelled.', 'AbortError');
      const counted = counting(opened);
      let writer: FrameWriter | null = null;
      // The GIF palette's samples, drawn once each and written from these pixels later.
      const samples = new SampledPictures(clip, settings.orbit, async (n) => {
        await drawFrame(clip, n);
        return frame.pixels().slice();
      });
      try {
        writer = await createWriter(settings, support.video?.config ?? null, clip, counted.sink, {
          sample: (n) => samples.sample(n),
          onPalette: () => progress('palette', clip.index, true),
        });
        await writer.begin();
        const w = writer;
        await writeClipFrames(clip, settings.orbit, {
          draw: async (n) => {
            const kept = samples.take(n);
            if (kept) {
              stillValid();
              await w.add(new KeptFrame(kept, v.canvas.width, v.canvas.height), n);
            } else {
              await drawFrame(clip, n);
              if (!firstFrameAt) firstFrameAt = performance.now();
              await w.add(frame, n);
            }
          },
          repeat: async (n) => {
            stillValid();
            await w.repeat(n);
          },
          after: async () => {
            if (!firstFrameAt) firstFrameAt = performance.now();
            done++;
            progress('rendering', clip.index);
            // Let the page paint and handle input (Cancel) between frames.
            await yieldToEventLoop();
          },
        });
        stillValid();
        progress('finishing', clip.index, true);
        await writer.finish();
        stillValid();
        const name = await counted.sink.finish();
        files.push({ name, bytes: counted.bytes(), frames: clip.frames });
      } catch (error) {
        await writer?.cancel().catch(() => undefined);
        await counted.sink.cancel().catch(() => undefined);
        throw error;
      }
    }
    progress('finishing', plan.clips.length - 1, true);
  } catch (error) {
    if (isAbortError(error) || error instanceof ExportError) throw error;
    throw new ExportError(
      `The export failed: ${error instanceof Error ? error.message : String(error)}`,
      'failed',
    );
  } finally {
    unwatch();
    view?.dispose();
    playhead.set(restorePosition);
    exporting();
    // The on-screen view was paused; draw it again at the restored position.
    invalidate();
  }
  const renderMs = firstFrameAt ? performance.now() - firstFrameAt : 0;
  return {
    files,
    frames: done,
    drawn,
    width: settings.width,
    height: settings.height,
    fps: settings.fps,
    encoder: support.video?.label ?? encoderLabel(settings.kind),
    elapsedMs: performance.now() - startedAt,
    notes,
    throughput: renderMs > 0 ? (done * 1000) / renderMs : 0,
  };
}

function encoderLabel(kind: ExportKind): string {
  return kind === 'gif' ? 'GIF (gifenc, one palette)' : kind === 'zip' ? 'PNG in zip' : 'PNG';
}

interface WriterHooks {
  /** Renders frame n and returns a copy of its pixels (GIF palette samples). */
  sample: (n: number) => Promise<Uint8ClampedArray>;
  onPalette: () => void;
}

async function createWriter(
  settings: ExportSettings,
  config: VideoEncoderConfig | null,
  clip: ClipPlan,
  sink: ByteSink,
  hooks: WriterHooks,
): Promise<FrameWriter> {
  switch (settings.kind) {
    case 'mp4':
    case 'webm':
      if (!config) throw new ExportError('No video encoder was chosen.', 'failed');
      return new VideoWriter(
        {
          container: settings.kind,
          config,
          fps: settings.fps,
          frames: clip.frames,
          alpha: settings.kind === 'webm' && settings.transparent,
          keyInterval: Math.max(1, Math.round(settings.fps * 2)),
        },
        sink,
      );
    case 'gif': {
      hooks.onPalette();
      const count = Math.min(GIF_PALETTE_SAMPLES, clip.frames);
      const samples: Uint8ClampedArray[] = [];
      for (let i = 0; i < count; i++) {
        const n = count === 1 ? 0 : Math.round((i * (clip.frames - 1)) / (count - 1));
        samples.push(await hooks.sample(n));
      }
      return new GifWriter(
        settings.width,
        settings.height,
        settings.fps,
        buildGifPalette(samples),
        sink,
      );
    }
    case 'png':
      return new PngWriter(sink);
    case 'zip':
      return new PngSequenceWriter(clip.frames, sink);
  }
}
