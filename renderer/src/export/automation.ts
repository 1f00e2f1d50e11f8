/**
 * The export entry points for automation: `descent render` and the export benchmark drive a
 * headless browser (or the Electron app's runtime) to the browser build with a `?render` query,
 * and call the functions registered here. They exist only on such pages.
 *
 * - `window.__descentRender(request)` opens the scene, runs the same pipeline as the Export
 *   dialog and streams every file through `window.__descentSink(event)`, a function the driver
 *   exposes (Playwright's exposeBinding): `open`, `write` (base64 bytes at a position),
 *   `finish`, `cancel`. Progress goes to `window.__descentProgress(progress)` when present.
 * - `window.__descentCancel()` cancels the running render (its files are cancelled too).
 * - `window.__descentBench(request)` measures render-only, encoder-only and whole-pipeline
 *   throughput in one page (see bench/export.bench.ts).
 */
import { defaultExportSettings, exportSettingsSchema } from '../../../shared/export/settings.ts';
import { frameTimestampUs, planExport } from '../../../shared/export/plan.ts';
import { safeBaseName } from '../../../shared/export/names.ts';
import type { ExportSettings } from '../../../shared/export/settings.ts';
import type { RenderOutcome } from '../../../shared/export/report.ts';
import {
  benchRequestSchema,
  isRenderPage,
  RENDER_READY,
  renderRequestSchema,
} from '../../../shared/export/automation.ts';
import type {
  AutomationDriver,
  AutomationPage,
  BenchRequest,
  BenchResult,
  SinkEvent,
} from '../../../shared/export/automation.ts';
import { describeZodError } from '../../../shared/schema.ts';
import { parseScene } from '../../../shared/scene/parse.ts';
import { solverSync } from '../solver/instance.ts';
import type { AppStore } from '../store/types.ts';
import { OffscreenView } from './offscreen.tsx';
import {
  ExportError,
  isAbortError,
  runExport,
  waitForSolver,
  yieldToEventLoop,
} from './pipeline.ts';
import type { ByteSink, SinkFactory } from './sinks.ts';
import { checkSupport } from './support.ts';
import { BT709_LIMITED, i420Size, rgbaToI420 } from './yuv.ts';

/** The page's half of the contract: what it registers, and what the driver may have exposed. */
type AutomationWindow = Partial<AutomationPage> & Partial<AutomationDriver>;

/** Bytes to base64 (the driver's functions take JSON-serialisable arguments). */
export function toBase64(bytes: Uint8Array): string {
  const native = (bytes as { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

/** Largest piece of a write sent in one call (base64 grows it by a third). */
const TRANSFER_CHUNK = 4 * 1024 * 1024;

/** Sinks that stream to the driver through `window.__descentSink`. */
function driverSinks(send: (event: SinkEvent) => Promise<unknown>): SinkFactory {
  let next = 0;
  return {
    async open(name, kind) {
      const file = next++;
      await send({ op: 'open', file, name, kind });
      const sink: ByteSink = {
        async write(bytes, position) {
          for (let o = 0; o < bytes.byteLength; o += TRANSFER_CHUNK) {
            const part = bytes.subarray(o, o + TRANSFER_CHUNK);
            await send({
              op: 'write',
              file,
              position: position === undefined ? null : position + o,
              data: toBase64(part),
            });
          }
        },
        async finish() {
          await send({ op: 'finish', file });
          return name;
        },
        async cancel() {
          await send({ op: 'cancel', file });
        },
      };
      return sink;
    },
  };
}

function outcomeOf(error: unknown): RenderOutcome {
  if (isAbortError(error)) {
    return { ok: false, kind: 'canceled', message: 'The render was cancelled.', alternatives: [] };
  }
  if (error instanceof ExportError) {
    return {
      ok: false,
      kind: error.kind,
      message: error.message,
      alternatives: error.alternatives.map((a) => a.label),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, kind: 'failed', message, alternatives: [] };
}

/** Opens `value` as the document; returns an error message or null. */
function openScene(store: AppStore, value: unknown): string | null {
  const parsed = parseScene(value);
  if (!parsed.ok) return parsed.message;
  store.getState().resetDocument(parsed.scene);
  return null;
}

// ─── Benchmark ───────────────────────────────────────────────────────────────────────────────

async function bench(store: AppStore, request: BenchRequest): Promise<BenchResult> {
  const problem = openScene(store, request.scene);
  if (problem) throw new Error(problem);
  const { settled } = solverSync();
  await waitForSolver(store, settled);
  const { fps, frames, width, height, kind } = request;
  // The benchmark measures the drawing of every path: nothing is held back for a reveal.
  const settings: ExportSettings = exportSettingsSchema.parse({
    ...defaultExportSettings(),
    kind,
    width,
    height,
    fps,
    range: { kind: 'time', from: 0, to: frames / fps },
    hold: 0,
    reveal: false,
  });
  const support = await checkSupport(settings);
  if (!support.ok || !support.video) throw new Error(support.ok ? 'no encoder' : support.message);
  const plan = planExport(store.getState().scene, settings);
  const clip = plan.clips[0]!;
  const { playhead } = store.getState().runtime;

  // Render only: draw every frame and read its pixels back, as the pipeline must; no encoding.
  const view = await OffscreenView.create({ width, height, transparent: false });
  const gl = view.canvas.getContext('webgl2');
  if (!gl) throw new Error('no WebGL2 context');
  const pixels = new Uint8Array(width * height * 4);
  const keep = Math.min(30, frames);
  const every = Math.max(1, Math.floor(frames / keep));
  const samples: Uint8Array[] = [];
  let t0 = performance.now();
  for (let n = 0; n < frames; n++) {
    playhead.set(clip.start + Math.min(n, clip.motionFrames - 1) * clip.stepPerFrame);
    view.render(0, n / fps);
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
    // Keep a few distinct frames (converted outside the timing) for the encoder-only run.
    if (n % every === 0 && samples.length < keep) samples.push(pixels.slice());
    await yieldToEventLoop();
  }
  const renderFps = (frames * 1000) / (performance.now() - t0);
  view.dispose();
  const i420 = samples.map((rgba) => {
    const out = new Uint8Array(i420Size(width, height));
    rgbaToI420(rgba, width, height, true, out);
    return out;
  });

  // Encoder only: those frames (already I420), re-stamped, through the same configuration.
  let failure: unknown = null;
  const encoder = new VideoEncoder({ output: () => {}, error: (e) => (failure = e) });
  encoder.configure({ ...support.video.config, alpha: 'discard' });
  t0 = performance.now();
  for (let n = 0; n < frames; n++) {
    const frame = new VideoFrame(i420[n % i420.length]!, {
      format: 'I420',
      codedWidth: width,
      codedHeight: height,
      timestamp: frameTimestampUs(n, fps),
      colorSpace: BT709_LIMITED,
    });
    encoder.encode(frame, { keyFrame: n % (fps * 2) === 0 });
    frame.close();
    while (encoder.encodeQueueSize > 3) {
      await new Promise((resolve) => encoder.addEventListener('dequeue', resolve, { once: true }));
    }
  }
  await encoder.flush();
  const encodeFps = (frames * 1000) / (performance.now() - t0);
  encoder.close();
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));

  // The whole pipeline, to a sink that only counts bytes.
  const discard: SinkFactory = {
    open: () =>
      Promise.resolve({
        write: () => Promise.resolve(),
        finish: () => Promise.resolve('bench'),
        cancel: () => Promise.resolve(),
      }),
  };
  const result = await runExport({
    settings,
    baseName: 'bench',
    sinks: discard,
    support,
    store,
    settled,
  });
  return {
    encoder: support.video.label,
    renderFps,
    encodeFps,
    pipelineFps: result.throughput,
    frames,
  };
}

// ─── Registration ────────────────────────────────────────────────────────────────────────────

/** Registers the automation entry points on render pages; does nothing elsewhere. */
export function installAutomation(store: AppStore): void {
  if (typeof window === 'undefined' || !isRenderPage(window.location)) return;
  const w = window as unknown as AutomationWindow;
  let controller: AbortController | null = null;

  w.__descentRender = async (request) => {
    if (controller) {
      return {
        ok: false,
        kind: 'failed',
        message: 'A render is already running.',
        alternatives: [],
      };
    }
    const send = w.__descentSink;
    if (!send) {
      return {
        ok: false,
        kind: 'failed',
        message: 'window.__descentSink is missing: nothing to write the files to.',
        alternatives: [],
      };
    }
    const checked = renderRequestSchema.safeParse(request);
    if (!checked.success) {
      return {
        ok: false,
        kind: 'invalid',
        message: describeZodError(checked.error),
        alternatives: [],
      };
    }
    const settings = exportSettingsSchema.safeParse(checked.data.settings);
    if (!settings.success) {
      return {
        ok: false,
        kind: 'invalid',
        message: `Export settings: ${describeZodError(settings.error)}`,
        alternatives: [],
      };
    }
    const problem = openScene(store, checked.data.scene);
    if (problem) return { ok: false, kind: 'invalid', message: problem, alternatives: [] };
    controller = new AbortController();
    try {
      const result = await runExport({
        settings: settings.data,
        baseName: checked.data.baseName ?? safeBaseName(store.getState().scene.title),
        sinks: driverSinks(send),
        signal: controller.signal,
        onProgress: (p) => void w.__descentProgress?.(p),
        store,
      });
      return { ok: true, result };
    } catch (error) {
      return outcomeOf(error);
    } finally {
      controller = null;
    }
  };
  w.__descentCancel = () => controller?.abort();
  w.__descentBench = (request) => bench(store, benchRequestSchema.parse(request));
  document.documentElement.dataset[RENDER_READY] = 'true';
}
