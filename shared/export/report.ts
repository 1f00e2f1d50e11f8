/**
 * What an export reports while it runs and when it ends, shared by the renderer's pipeline and
 * the `descent render` driver (which cannot import the renderer). zod schemas, because these
 * values cross a page boundary: the driver validates what the page sends.
 */
import { z } from 'zod';

/** Where an export is. */
export const exportProgressSchema = z.object({
  phase: z.enum(['preparing', 'palette', 'rendering', 'finishing']),
  /** Frames written over all clips. */
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  /** 0-based clip being written, and how many there are. */
  clip: z.number().int().min(0),
  clips: z.number().int().min(0),
  /** Milliseconds since the first frame. */
  elapsedMs: z.number().min(0),
  /** Estimated milliseconds left, once a few frames give a rate. */
  etaMs: z.number().min(0).nullable(),
});
/** See {@link exportProgressSchema}. */
export type ExportProgress = z.infer<typeof exportProgressSchema>;

/** One file written. */
export const exportedFileSchema = z.object({
  /** Name it was saved under. */
  name: z.string(),
  bytes: z.number().int().min(0),
  frames: z.number().int().min(0),
});
/** See {@link exportedFileSchema}. */
export type ExportedFile = z.infer<typeof exportedFileSchema>;

/** What an export produced. */
export const exportResultSchema = z.object({
  files: z.array(exportedFileSchema),
  frames: z.number().int().min(0),
  /** Frames drawn: one per distinct picture (a held frame re-encodes the picture before it). */
  drawn: z.number().int().min(0),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  fps: z.number().min(0),
  /** Encoder used, for people (e.g. `H.264 High, level 4.0 (avc1.640028)`), or the format. */
  encoder: z.string(),
  /** Wall time of the whole export (ms). */
  elapsedMs: z.number().min(0),
  /** Adjustments made to the settings (e.g. rounded to even sizes). */
  notes: z.array(z.string()),
  /** Frames per second rendered and encoded (first frame to last). */
  throughput: z.number().min(0),
});
/** See {@link exportResultSchema}. */
export type ExportResult = z.infer<typeof exportResultSchema>;

/** Why an export did not happen; `canceled` when it was cancelled. */
export const EXPORT_FAILURE_KINDS = ['invalid', 'unsupported', 'failed', 'canceled'] as const;

/** What a render driver gets back. */
export const renderOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: exportResultSchema }),
  z.object({
    ok: z.literal(false),
    kind: z.enum(EXPORT_FAILURE_KINDS),
    message: z.string(),
    /** For `unsupported`: settings that would work here, for people. */
    alternatives: z.array(z.string()),
  }),
]);
/** See {@link renderOutcomeSchema}. */
export type RenderOutcome = z.infer<typeof renderOutcomeSchema>;
