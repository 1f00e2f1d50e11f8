/**
 * The solver's message protocol: typed requests and responses exchanged with a worker (a Web
 * Worker in the renderer, a worker_threads worker in the CLI). Every request carries a sequence
 * number; large numeric results travel as transferable Float64Array buffers.
 * @see ./service.ts for the side that answers, ./client.ts for the side that asks.
 */
import { z } from 'zod';
import type { PointAnalysis } from './analysis/index.ts';
import type { MinibatchColumns } from './model/trajectory.ts';
import type { Problem } from './problem.ts';
import { domainSchema, problemSchema, runSchema } from './schema.ts';
import type { ProblemSpec } from './schema.ts';
import type { Domain, KnownMinimum, Trajectory } from './types.ts';

const point = z.array(z.number()).min(1).max(2);

/** Largest grid (per axis) a surface request may ask for. */
export const MAX_GRID = 1024;

/**
 * A problem the worker already holds, by the name the client gave it when it first sent it
 * (`keep`). A big problem (an imported landscape, a CSV's points) is sent once, then named:
 * a slider drag then costs no copy and no validation of a million numbers per input event.
 */
export const problemRefSchema = z.object({
  kind: z.literal('ref'),
  ref: z.string().min(1).max(64),
});
/** On the wire, a request's problem: the problem itself, or a name for one sent before. */
const problemOnWire = z.discriminatedUnion('kind', [...problemSchema.options, problemRefSchema]);
const aboutProblem = {
  problem: problemOnWire,
  /** Keep this problem under this name for later requests (see problemRefSchema). */
  keep: z.string().min(1).max(64).optional(),
};

export const requestSchema = z.discriminatedUnion('type', [
  z.object({ seq: z.number().int(), type: z.literal('describe'), ...aboutProblem }),
  z.object({
    seq: z.number().int(),
    type: z.literal('trajectories'),
    ...aboutProblem,
    domain: domainSchema.optional(),
    runs: z.array(runSchema).max(64),
  }),
  z.object({
    seq: z.number().int(),
    type: z.literal('surface'),
    ...aboutProblem,
    domain: domainSchema,
    nx: z.number().int().min(2).max(MAX_GRID),
    ny: z.number().int().min(1).max(MAX_GRID),
    levels: z.number().int().min(0).max(100),
    /**
     * The view's colour scale setting. When it makes the grid's colours logarithmic, the solver
     * also contours the grid on that scale (`logContours`), so the main thread does not.
     */
    colorScale: z.enum(['auto', 'linear', 'log']).optional(),
  }),
  z.object({
    seq: z.number().int(),
    type: z.literal('analyze'),
    ...aboutProblem,
    at: point,
    direction: point.optional(),
    taylorTo: point.optional(),
    jacobian: z.string().max(2000).optional(),
    convexity: z.boolean().optional(),
    domain: domainSchema.optional(),
  }),
]);

/** A request as it crosses to the worker. */
export type WireRequest = z.infer<typeof requestSchema>;
/** Any request, about a problem itself (the client names big ones on the wire); `seq` is set by the client. */
export type SolverRequest = WireRequest extends infer R
  ? R extends WireRequest
    ? Omit<R, 'problem' | 'keep'> & { problem: ProblemSpec }
    : never
  : never;
export type RequestType = SolverRequest['type'];
/** A request before the client stamps its sequence number (distributes over the union). */
export type RequestBody = SolverRequest extends infer R
  ? R extends SolverRequest
    ? Omit<R, 'seq'>
    : never
  : never;

/** What `describe` returns: the problem minus its (non-cloneable) objective. */
export type ProblemInfo = Omit<Problem, 'objective' | 'training'> & {
  minima: readonly KnownMinimum[];
};

/** One computed trajectory (rows packed as described by STRIDE/COL in types.ts) and its run. */
export interface TrajectoryResult extends Trajectory {
  id: string;
  /** A run on a model's loss with a minibatch size: which minibatch each step used, its loss. */
  minibatch?: MinibatchColumns;
  /**
   * Why this run could not start (e.g. f is undefined at its start point), or null. Such a run
   * has no rows; the request's other runs are unaffected.
   */
  error: string | null;
}

/** Heights and gradients on a regular grid, plus contour lines, for drawing f. */
export interface SurfaceResult {
  nx: number;
  ny: number;
  domain: Domain;
  /** f at grid vertex (i, j) at index j*nx + i; non-finite values are replaced by 0 and masked. */
  values: Float64Array;
  /** ∂f/∂x, ∂f/∂y per vertex, interleaved (for analytic normals); 0 where invalid. */
  gradients: Float64Array;
  /** 1 where f and its gradient are finite at the vertex, 0 where they are not. */
  valid: Uint8Array;
  /** Smallest and largest finite value on the grid (0, 0 when none is finite). */
  min: number;
  max: number;
  /** Contour levels and, per level, packed segments [x0,y0,x1,y1,…] in world coordinates. */
  contours: { levels: number[]; segments: Float64Array[] };
  /**
   * The valid values in ascending order (for the height range and colour scale's quantiles).
   * Optional: computed by the solver so the main thread need not sort; absent, it sorts.
   */
  sorted?: Float64Array;
  /**
   * The mesh's triangles (vertex indices, two per cell, none touching an invalid vertex);
   * 16-bit when there are at most 65 535 vertices. Absent for a curve (ny = 1).
   */
  indices?: Uint32Array | Uint16Array;
  /**
   * With a request's `colorScale` that resolves to log: the contours at `levels` evenly spaced
   * in colour on that scale (floor and span identify the mapping they were made for).
   */
  logContours?: { floor: number; span: number; levels: number[]; segments: Float64Array[] };
}

/** Everything the readout and the `inspect` command show about one point. */
export interface AnalyzeResult {
  analysis: PointAnalysis;
  derivatives: Problem['derivatives'];
  taylor?: {
    linear: number;
    quadratic: number;
    actual: number;
    linearError: number;
    quadraticError: number;
  };
  jacobian?: { variables: string[]; rows: number[][]; symbolic: string[][] };
  convexity?:
    | { convex: true; samples: number }
    | { convex: false; witness: { point: number[]; eigenvalue: number } };
  /** For quadratics: λmax and the GD stability limit η < 2/λmax. */
  stability?: { lambdaMax: number; etaMax: number };
}

export interface ResultMap {
  describe: ProblemInfo;
  trajectories: { trajectories: TrajectoryResult[]; elapsedMs: number };
  surface: SurfaceResult;
  analyze: AnalyzeResult;
}

/** Why a request failed. `position`/`length` point into the expression text when known. */
export interface SolverError {
  kind: 'expression' | 'problem' | 'request' | 'internal';
  message: string;
  /** The request named a problem the worker no longer holds: the client sends it again. */
  code?: 'unknown-ref';
  position?: number;
  length?: number;
}

export type SolverResponse =
  | { [T in RequestType]: { seq: number; type: T; ok: true; result: ResultMap[T] } }[RequestType]
  | { seq: number; type: RequestType | 'unknown'; ok: false; error: SolverError };

/**
 * Sent, before its answer, by a request whose problem is slow to build (a network's slice):
 * `done` of `total` units are finished. Not an answer: the request stays in flight.
 */
export interface ProgressMessage {
  seq: number;
  type: 'progress';
  done: number;
  total: number;
}

/**
 * The minimal message endpoint both worker flavours provide. `post`'s transfer list holds the
 * ArrayBuffers to move instead of copy.
 */
export interface Endpoint {
  post(message: unknown, transfer: ArrayBuffer[]): void;
  listen(handler: (message: unknown) => void): void;
}
