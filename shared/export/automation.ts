/**
 * The page automation contract: how `descent render` and the export benchmark drive the browser
 * build, opened with `?render`, in a headless browser or Electron's runtime. The page registers
 * the functions of {@link AutomationPage} on `window` and then marks the document ready
 * ({@link RENDER_READY}); the driver exposes the functions of {@link AutomationDriver} before it
 * loads the page. Both sides import this file, and every value that crosses is validated with
 * the schemas here: the page checks requests, the driver checks events and outcomes.
 *
 * Pure TypeScript (no DOM, no Node).
 */
import { z } from 'zod';
import { exportProgressSchema, renderOutcomeSchema } from './report.ts';
import type { ExportProgress, RenderOutcome } from './report.ts';
import { EXPORT_KINDS } from './settings.ts';

/** The `data-*` attribute (on `<html>`) the page sets to `"true"` once its functions exist. */
export const RENDER_READY = 'renderReady';

/**
 * A CSS selector that matches once the page is ready to be driven (the `data-render-ready`
 * attribute of {@link RENDER_READY}). Wait for it with `page.waitForSelector(…, { state:
 * 'attached' })`, not with a `page.waitForFunction` script: Playwright evaluates such a script
 * with `eval` in the page, which the build's Content-Security-Policy (no 'unsafe-eval') refuses
 * now and then, and the render failed with an EvalError before it started.
 */
export const RENDER_READY_SELECTOR = 'html[data-render-ready="true"]';

/** True when a page was opened for automation (`?render` in the query or the fragment). */
export function isRenderPage(location: { search: string; hash: string }): boolean {
  // No URLSearchParams here (no DOM lib): `render` as a whole query parameter name.
  const param = /(^|[?&#])render(=|&|$)/;
  return param.test(location.search) || param.test(location.hash);
}

/** What `__descentRender` takes. The scene and settings are checked by the page. */
export const renderRequestSchema = z.object({
  /** A scene document (validated as any opened scene is). */
  scene: z.unknown(),
  /** Export settings (validated against `exportSettingsSchema`). */
  settings: z.unknown(),
  /** File name without extension; default from the scene title. */
  baseName: z.string().min(1).max(200).optional(),
});
/** See {@link renderRequestSchema}. */
export type RenderRequest = z.infer<typeof renderRequestSchema>;

/** File events the page streams to `__descentSink`; `data` is base64. */
export const sinkEventSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('open'),
    file: z.number().int().min(0),
    name: z.string().min(1).max(255),
    kind: z.enum(EXPORT_KINDS),
  }),
  z.object({
    op: z.literal('write'),
    file: z.number().int().min(0),
    /** Byte offset, or null to append. */
    position: z.number().int().min(0).nullable(),
    data: z.string(),
  }),
  z.object({ op: z.literal('finish'), file: z.number().int().min(0) }),
  z.object({ op: z.literal('cancel'), file: z.number().int().min(0) }),
]);
/** See {@link sinkEventSchema}. */
export type SinkEvent = z.infer<typeof sinkEventSchema>;

/** What the export benchmark asks `__descentBench` to measure. */
export const benchRequestSchema = z.object({
  scene: z.unknown(),
  kind: z.enum(['mp4', 'webm']),
  width: z.number().int().min(16).max(8192),
  height: z.number().int().min(16).max(8192),
  fps: z.number().int().min(1).max(120),
  /** Frames per measurement. */
  frames: z.number().int().min(1).max(100_000),
});
/** See {@link benchRequestSchema}. */
export type BenchRequest = z.infer<typeof benchRequestSchema>;

/** Frames per second of each stage, measured in one page. */
export const benchResultSchema = z.object({
  encoder: z.string(),
  renderFps: z.number(),
  encodeFps: z.number(),
  pipelineFps: z.number(),
  frames: z.number().int(),
});
/** See {@link benchResultSchema}. */
export type BenchResult = z.infer<typeof benchResultSchema>;

/** Functions the page puts on `window` (render pages only). */
export interface AutomationPage {
  /** Opens the scene and runs the app's export pipeline, streaming files to the sink. */
  __descentRender: (request: RenderRequest) => Promise<RenderOutcome>;
  /** Cancels the running render; its files are cancelled too. */
  __descentCancel: () => void;
  /** Measures render-only, encoder-only and whole-pipeline throughput. */
  __descentBench: (request: BenchRequest) => Promise<BenchResult>;
}

/** Functions the driver exposes to the page before loading it. */
export interface AutomationDriver {
  /** Receives every file event; resolves once the bytes are handled (backpressure). */
  __descentSink: (event: SinkEvent) => Promise<unknown>;
  /** Hears progress, when the driver wants it. */
  __descentProgress?: (progress: ExportProgress) => unknown;
}

/** Names of the page's functions, for drivers that call them by name. */
export const PAGE_FUNCTIONS = {
  render: '__descentRender',
  cancel: '__descentCancel',
  bench: '__descentBench',
} as const satisfies Record<string, keyof AutomationPage>;

/** Names of the driver's functions, for `exposeBinding`. */
export const DRIVER_FUNCTIONS = {
  sink: '__descentSink',
  progress: '__descentProgress',
} as const satisfies Record<string, keyof AutomationDriver>;

/** Checks an outcome the page returned; a malformed one becomes a failure with the reason. */
export function readOutcome(value: unknown): RenderOutcome {
  const parsed = renderOutcomeSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  return {
    ok: false,
    kind: 'failed',
    message: `The page returned an unreadable answer (${parsed.error.issues[0]?.message ?? 'malformed'}).`,
    alternatives: [],
  };
}

/** Checks a progress report; null when it is malformed (progress is best effort). */
export function readProgress(value: unknown): ExportProgress | null {
  const parsed = exportProgressSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
