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

/** Largest data set a scene carries (inline or generated). */
export const MAX_DATA_POINTS = 5000;
/** The built-in data sets (shared/model/data.ts generates them from a seed). */
export const DATASET_NAMES = ['line', 'blobs', 'moons'] as const;
/** Models whose loss is drawn over their two parameters. */
export const MODEL_KINDS = ['linear', 'logistic'] as const;
/** Largest imported landscape, per axis (loss-landscape's grids are 51 to 201 points). */
export const MAX_LANDSCAPE_AXIS = 512;

/**
 * A data set: a built-in one by its recipe (the same seed gives the same points, so a saved
 * scene reproduces exactly), or the points themselves (a CSV import).
 */
export const dataSpecSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('builtin'),
    name: z.enum(DATASET_NAMES),
    n: z.number().int().min(2).max(MAX_DATA_POINTS),
    seed: z.number().int().min(0).max(0xffffffff),
    noise: finite.min(0).max(100),
  }),
  z
    .object({
      kind: z.literal('inline'),
      name: z.string().max(200),
      task: z.enum(['regression', 'classification']),
      features: z.number().int().min(1).max(2),
      x: z.array(z.array(finite).min(1).max(2)).min(2).max(MAX_DATA_POINTS),
      y: z.array(finite).min(2).max(MAX_DATA_POINTS),
    })
    .refine((d) => d.x.length === d.y.length, { message: 'x and y must hold as many points' })
    .refine((d) => d.x.every((row) => row.length === d.features), {
      message: 'every point must have one value per feature',
    }),
]);
export type DataSpec = z.infer<typeof dataSpecSchema>;

/**
 * An imported loss landscape (shared/landscape): f on a grid, drawn by smooth interpolation.
 * `values` is row-major [iy · nx + ix]; null where the research code's loss was not finite.
 */
export const gridProblemSchema = z
  .object({
    kind: z.literal('grid'),
    /** Where it came from and which surface of the file: "resnet56.h5 · train_loss". */
    name: z.string().max(200),
    xs: z.array(finite).min(2).max(MAX_LANDSCAPE_AXIS),
    ys: z.array(finite).min(2).max(MAX_LANDSCAPE_AXIS),
    values: z.array(finite.nullable()).max(MAX_LANDSCAPE_AXIS * MAX_LANDSCAPE_AXIS),
  })
  .refine((g) => g.values.length === g.xs.length * g.ys.length, {
    message: 'values must hold one number per grid point (xs × ys)',
  });

/** Largest hidden layer of the app's MLP, and most training steps it plans (epochs × batches). */
export const MAX_MLP_HIDDEN = 32;
export const MAX_MLP_STEPS = 20_000;

/**
 * A tiny network's loss on a 2D slice (shared/model/mlpProblem.ts): a d–H–1 MLP trained on the
 * data with these settings; the plane through its trained weights is spanned by the first two
 * principal components of the training path (`pca`) or by two filter-normalised random
 * directions (`random`), after Li et al. 2018. `seed` draws the initial weights, the minibatch
 * order and the random directions.
 */
export const mlpProblemSchema = z.object({
  kind: z.literal('mlp'),
  data: dataSpecSchema,
  hidden: z.number().int().min(1).max(MAX_MLP_HIDDEN),
  activation: z.enum(['tanh', 'relu']),
  plane: z.enum(['pca', 'random']),
  params: optimizerSchema,
  batch: z.number().int().min(1).max(MAX_DATA_POINTS),
  epochs: z.number().int().min(1).max(MAX_MLP_STEPS),
  seed: z.number().int().min(0).max(0xffffffff),
});

/**
 * Which f a request is about: a built-in surface by id, a typed expression, a model's loss over
 * its two parameters on a data set, a network's loss on a slice, or an imported landscape.
 */
export const problemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('surface'), id: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('expression'), source: expressionSource }),
  z.object({ kind: z.literal('model'), model: z.enum(MODEL_KINDS), data: dataSpecSchema }),
  mlpProblemSchema,
  gridProblemSchema,
]);
export type ProblemSpec = z.infer<typeof problemSchema>;

/** One optimizer run: hyperparameters, start point and number of steps. */
export const runSchema = z.object({
  id: z.string().max(64),
  params: optimizerSchema,
  start: z.array(finite).min(1).max(2),
  steps: z.number().int().min(0).max(MAX_STEPS),
  /** Minibatch size for a model's loss (absent: the full data set each step). */
  batch: z.number().int().min(1).max(MAX_DATA_POINTS).optional(),
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
