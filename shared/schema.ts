/**
 * zod schemas for the values that cross a boundary (worker messages, CLI flags, scene files).
 * One schema per type in types.ts, so a payload that passes is exactly that type.
 */
import { z } from 'zod';
import { MAX_LENGTH, tooLongMessage } from './expr/limits.ts';
import { OPTIMIZER_KINDS, SCHEDULE_KINDS } from './types.ts';
import type { Domain, OptimizerParams, ScheduleParams } from './types.ts';

/** A finite number (zod 4's `z.number()` already refuses ±Infinity and NaN). */
const finite = z.number();

/** Largest number of steps one run may ask for. */
export const MAX_STEPS = 1_000_000;

export const scheduleSchema = z.object({
  kind: z.enum(SCHEDULE_KINDS),
  stepEvery: z.number().int().min(1),
  stepFactor: finite.gt(0).max(1),
  gamma: finite.gt(0).max(1),
  warmup: z.number().int().min(0),
  minLr: finite.min(0),
}) satisfies z.ZodType<ScheduleParams>;

export const optimizerSchema = z.object({
  kind: z.enum(OPTIMIZER_KINDS),
  lr: finite.gt(0).max(1e6),
  momentum: finite.min(0).lt(1),
  beta1: finite.min(0).lt(1),
  beta2: finite.min(0).lt(1),
  rho: finite.min(0).lt(1),
  eps: finite.gt(0).max(1),
  biasCorrection: z.boolean(),
  noise: finite.min(0),
  seed: z.number().int().min(0).max(0xffffffff),
  clip: finite.gt(0).nullable(),
  schedule: scheduleSchema,
}) satisfies z.ZodType<OptimizerParams>;

const range = z
  .tuple([finite, finite])
  .refine(([lo, hi]) => lo < hi, { message: 'range minimum must be below its maximum' })
  .readonly();

export const domainSchema = z.object({ x: range, y: range }) satisfies z.ZodType<Domain>;

/**
 * Text of a typed f. The limit counts what the compiler counts (the trimmed text), and the
 * message is the compiler's own sentence, so an editor can show it as it is. Surrounding
 * whitespace is capped too, only so that a huge payload is not carried further.
 */
export const expressionSource = z.string().superRefine((source, ctx) => {
  const trimmed = source.trim().length;
  if (trimmed > MAX_LENGTH) {
    ctx.addIssue({ code: 'custom', message: tooLongMessage(trimmed) });
  } else if (source.length > 4 * MAX_LENGTH) {
    ctx.addIssue({ code: 'custom', message: tooLongMessage(source.length) });
  }
});

/** Which f a request is about: a built-in surface by id, or a typed expression. */
export const problemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('surface'), id: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('expression'), source: expressionSource }),
]);
export type ProblemSpec = z.infer<typeof problemSchema>;

/** One optimizer run: hyperparameters, start point and number of steps. */
export const runSchema = z.object({
  id: z.string().max(64),
  params: optimizerSchema,
  start: z.array(finite).min(1).max(2),
  steps: z.number().int().min(0).max(MAX_STEPS),
});
export type RunSpec = z.infer<typeof runSchema>;

/** A human-readable one-line summary of a zod error: "lr: Too small: expected number to be >0". */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
