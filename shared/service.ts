/**
 * The worker side of the protocol: validates each request, computes, and answers with
 * transferable buffers. Stateless per request apart from the problem cache in problem.ts and
 * the few big problems a client asked it to keep by name (`kept` below).
 */
import {
  analyzePoint,
  convexityVerdict,
  jacobian,
  stabilityLimit,
  taylorEstimate,
} from './analysis/index.ts';
import { contourLevels, heightRangeOfSorted, resolveMapping } from './colorScale.ts';
import { contourLines, defaultLevelsOfSorted } from './contours.ts';
import { compileExpression, ExpressionError } from './expr/index.ts';
import { MAX_LENGTH } from './expr/limits.ts';
import { ProblemError, resolveProblem } from './problem.ts';
import type { BuildProgress, Problem } from './problem.ts';
import type {
  AnalyzeResult,
  Endpoint,
  ProblemInfo,
  ProgressMessage,
  SolverError,
  SolverRequest,
  SolverResponse,
  SurfaceResult,
  TrajectoryResult,
  WireRequest,
} from './protocol.ts';
import { requestSchema } from './protocol.ts';
import { triangleIndices } from './meshIndices.ts';
import { describeZodError } from './schema.ts';
import type { ProblemSpec } from './schema.ts';
import { solveRun } from './solve.ts';
import type { Domain } from './types.ts';
import type { ZodError } from 'zod';

// Both browsers and Node have a global high-resolution clock; shared/ has neither lib's types.
declare const performance: { now(): number };

/** A response and the buffers to transfer with it. */
export interface Answer {
  response: SolverResponse;
  transfer: ArrayBuffer[];
}

function toSolverError(error: unknown): SolverError {
  if (error instanceof ExpressionError) {
    return {
      kind: 'expression',
      message: error.message,
      position: error.position,
      length: error.length,
    };
  }
  if (error instanceof ProblemError) return { kind: 'problem', message: error.message };
  if (error instanceof RangeError) return { kind: 'request', message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `Solver failed: ${message}` };
}

/** Where the request being handled reports building progress (a network's slice), if anywhere. */
let reportProgress: BuildProgress | undefined;

/** The request's problem, reporting progress if it has to be built slowly. */
function problemFor(spec: SolverRequest['problem']): Problem {
  return resolveProblem(spec, reportProgress);
}

function describe(request: Extract<SolverRequest, { type: 'describe' }>): ProblemInfo {
  const { objective: _objective, training: _training, ...info } = problemFor(request.problem);
  return info;
}

/** "1 coordinate", "2 coordinates". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function trajectories(request: Extract<SolverRequest, { type: 'trajectories' }>): {
  trajectories: TrajectoryResult[];
  elapsedMs: number;
} {
  const started = performance.now();
  const problem = problemFor(request.problem);
  const domain = request.domain ?? problem.domain;
  const results = request.runs.map((run): TrajectoryResult => {
    try {
      if (run.start.length !== problem.dim) {
        throw new RangeError(
          `the start point has ${count(run.start.length, 'coordinate')}, but f has ${count(problem.dim, 'variable')} (${problem.variables.join(', ')})`,
        );
      }
      return { id: run.id, ...solveRun(problem, run, domain), error: null };
    } catch (error) {
      // One run that cannot start (bad start point) must not hide the others.
      if (!(error instanceof RangeError)) throw error;
      return {
        id: run.id,
        dim: problem.dim,
        data: new Float64Array(0),
        count: 0,
        status: 'running',
        divergedAt: null,
        convergedAt: null,
        error: `Run '${run.id}': ${error.message}`,
      };
    }
  });
  return { trajectories: results, elapsedMs: performance.now() - started };
}

function surface(request: Extract<SolverRequest, { type: 'surface' }>): SurfaceResult {
  const problem = problemFor(request.problem);
  const { nx, domain } = request;
  // A 1D problem is a curve: one row of samples along x.
  const ny = problem.dim === 1 ? 1 : request.ny;
  const values = new Float64Array(nx * ny);
  const gradients = new Float64Array(nx * ny * 2);
  const valid = new Uint8Array(nx * ny);
  const p = new Float64Array(problem.dim);
  const g = new Float64Array(problem.dim);
  const { objective } = problem;
  let min = Infinity;
  let max = -Infinity;
  let anyValue = false;
  for (let j = 0; j < ny; j++) {
    const y = ny === 1 ? 0 : domain.y[0] + ((domain.y[1] - domain.y[0]) * j) / (ny - 1);
    for (let i = 0; i < nx; i++) {
      const x = domain.x[0] + ((domain.x[1] - domain.x[0]) * i) / (nx - 1);
      p[0] = x;
      if (problem.dim === 2) p[1] = y;
      const k = j * nx + i;
      const f = objective.value(p);
      objective.gradient(p, g);
      const gx = g[0] ?? 0;
      const gy = problem.dim === 2 ? (g[1] ?? 0) : 0;
      if (Number.isFinite(f)) anyValue = true;
      if (Number.isFinite(f) && Number.isFinite(gx) && Number.isFinite(gy)) {
        values[k] = f;
        gradients[2 * k] = gx;
        gradients[2 * k + 1] = gy;
        valid[k] = 1;
        if (f < min) min = f;
        if (f > max) max = f;
      }
    }
  }
  if (min > max) {
    // Nothing to draw: say why instead of sending an empty grid that looks like a flat f.
    throw new ProblemError(nothingFinite(problem, domain, anyValue));
  }
  let contours: SurfaceResult['contours'] = { levels: [], segments: [] };
  let logContours: SurfaceResult['logContours'];
  const sorted = sortedHeights(values, valid);
  if (problem.dim === 2 && request.levels > 0) {
    // The valid heights, sorted, are exactly what the default levels are chosen from.
    const levels = defaultLevelsOfSorted(sorted, request.levels);
    // Masked vertices hold 0, which would draw false contours; lift them above every level.
    const masked = values.map((v, k) => (valid[k] === 1 ? v : max + Math.abs(max) + 1));
    contours = contourLines({ values: masked, nx, ny }, domain, levels);
    if (request.colorScale) {
      // The mapping the view will resolve for this grid (renderer/src/view/surface/colorScale.ts).
      const [lo, hi] = heightRangeOfSorted(sorted);
      const mapping = resolveMapping(request.colorScale, problem.colorScale, sorted, lo, hi);
      if (mapping.scale === 'log') {
        const set = contourLines(
          { values: masked, nx, ny },
          domain,
          contourLevels(mapping, request.levels),
        );
        logContours = { floor: mapping.floor, span: mapping.span, ...set };
      }
    }
  }
  return {
    nx,
    ny,
    domain,
    values,
    gradients,
    valid,
    min,
    max,
    contours,
    ...(logContours ? { logContours } : {}),
    sorted,
    ...(ny > 1 ? { indices: triangleIndices(valid, nx, ny) } : {}),
  };
}

/**
 * The valid heights in ascending order: the view's height range and colour scale read
 * quantiles of them. Sorted here so that the main thread does not sort 65 536 numbers (twice)
 * each time f or the domain changes.
 */
function sortedHeights(values: Float64Array, valid: Uint8Array): Float64Array {
  let n = 0;
  for (let k = 0; k < values.length; k++) if (valid[k] === 1) n++;
  const out = new Float64Array(n);
  n = 0;
  for (let k = 0; k < values.length; k++) if (valid[k] === 1) out[n++] = values[k]!;
  return out.sort();
}

/** The sentence for a grid on which no vertex has a finite f and gradient. */
function nothingFinite(
  problem: { dim: number; variables: readonly string[] },
  domain: Domain,
  anyValue: boolean,
): string {
  const [x, y] = problem.variables;
  let where = `${x ?? 'x'} from ${domain.x[0]} to ${domain.x[1]}`;
  if (problem.dim === 2) where += `, ${y ?? 'y'} from ${domain.y[0]} to ${domain.y[1]}`;
  return anyValue
    ? `The gradient of f is not finite anywhere on this domain (${where}).`
    : `f is not finite anywhere on this domain (${where}).`;
}

function analyze(request: Extract<SolverRequest, { type: 'analyze' }>): AnalyzeResult {
  const problem = problemFor(request.problem);
  const dimError = (what: string, p: readonly number[]): RangeError =>
    new RangeError(
      `${what} has ${p.length} coordinate(s), but f has ${problem.dim} variable(s) (${problem.variables.join(', ')}).`,
    );
  if (request.at.length !== problem.dim) throw dimError('The point', request.at);
  if (request.direction && request.direction.length !== problem.dim) {
    throw dimError('The direction', request.direction);
  }
  if (request.taylorTo && request.taylorTo.length !== problem.dim) {
    throw dimError('The Taylor target point', request.taylorTo);
  }
  const analysis = analyzePoint(
    problem.objective,
    request.at,
    request.direction ? { direction: request.direction } : undefined,
  );
  const result: AnalyzeResult = { analysis, derivatives: problem.derivatives };
  if (request.taylorTo) {
    result.taylor = taylorEstimate(problem.objective, request.at, request.taylorTo);
  }
  if (request.jacobian !== undefined) {
    result.jacobian = jacobian(request.jacobian, request.at, problem.variables);
  }
  if (request.convexity) {
    const domain: Domain = request.domain ?? problem.domain;
    result.convexity = convexityVerdict(problem.objective, domain);
  }
  // η < 2/λmax is the stability condition of GD on a convex quadratic; where f curves down
  // (λmin < 0) GD runs away for every η, so a limit would mislead.
  const lambdaMin = analysis.eigenvalues[0] ?? 0;
  const scale = Math.max(1, ...analysis.eigenvalues.map(Math.abs));
  if (problem.quadratic && lambdaMin >= -1e-12 * scale) {
    result.stability = stabilityLimit(analysis.eigenvalues);
  }
  return result;
}

/**
 * A request refused only because the typed f is too long is an expression error, said in the
 * compiler's words and pointing at the first character past the limit, so the editor shows it
 * under the field like any other problem with what was typed.
 */
function sourceError(error: ZodError, message: unknown): SolverError | null {
  const issues = error.issues;
  const first = issues[0];
  if (!first || issues.some((i) => i.path.join('.') !== 'problem.source')) return null;
  const problem = (message as { problem?: { source?: unknown } }).problem;
  const source = typeof problem?.source === 'string' ? problem.source : '';
  const lead = source.length - source.trimStart().length;
  const trimmed = source.trim().length;
  const over = trimmed > MAX_LENGTH;
  return {
    kind: 'expression',
    message: first.message,
    position: over ? lead + MAX_LENGTH : 0,
    length: over ? trimmed - MAX_LENGTH : Math.max(1, source.length),
  };
}

/** Problems sent with `keep`, by name, newest last: a few, since each can be a big grid. */
const kept = new Map<string, ProblemSpec>();
const MAX_KEPT = 4;

/**
 * The request about its problem: a named one looked up, a new one kept under its name (see
 * problemRefSchema in protocol.ts). `unknown` when the name is not held (any more).
 */
function withProblem(wire: WireRequest): SolverRequest | { unknown: string } {
  const { keep, problem, ...rest } = wire;
  if (problem.kind === 'ref') {
    const held = kept.get(problem.ref);
    if (!held) return { unknown: problem.ref };
    // Most recently used last, so the oldest goes first.
    kept.delete(problem.ref);
    kept.set(problem.ref, held);
    return { ...rest, problem: held } as SolverRequest;
  }
  if (keep !== undefined) {
    kept.delete(keep);
    kept.set(keep, problem);
    for (const name of kept.keys()) {
      if (kept.size <= MAX_KEPT) break;
      kept.delete(name);
    }
  }
  return { ...rest, problem } as SolverRequest;
}

/** Computes the answer to one raw message. Never throws: failures become error responses. */
export function handleMessage(
  message: unknown,
  onProgress?: (progress: ProgressMessage) => void,
): Answer {
  const parsed = requestSchema.safeParse(message);
  if (!parsed.success) {
    const seq =
      typeof message === 'object' && message !== null && 'seq' in message
        ? Number((message as { seq: unknown }).seq)
        : -1;
    return {
      response: {
        seq: Number.isInteger(seq) ? seq : -1,
        type: 'unknown',
        ok: false,
        error: sourceError(parsed.error, message) ?? {
          kind: 'request',
          message: `Bad request: ${describeZodError(parsed.error)}`,
        },
      },
      transfer: [],
    };
  }
  const resolved = withProblem(parsed.data);
  if ('unknown' in resolved) {
    return {
      response: {
        seq: parsed.data.seq,
        type: parsed.data.type,
        ok: false,
        error: {
          kind: 'request',
          code: 'unknown-ref',
          message: `The solver no longer holds the problem '${resolved.unknown}'; send it again.`,
        },
      },
      transfer: [],
    };
  }
  const request = resolved;
  const { seq, type } = request;
  reportProgress = onProgress
    ? (done, total) => onProgress({ seq, type: 'progress', done, total })
    : undefined;
  try {
    switch (request.type) {
      case 'describe':
        return {
          response: { seq, type: 'describe', ok: true, result: describe(request) },
          transfer: [],
        };
      case 'trajectories': {
        const result = trajectories(request);
        return {
          response: { seq, type: 'trajectories', ok: true, result },
          transfer: result.trajectories.flatMap((t) => [
            t.data.buffer as ArrayBuffer,
            ...(t.minibatch
              ? [t.minibatch.loss, t.minibatch.epoch, t.minibatch.batch].map(
                  (a) => a.buffer as ArrayBuffer,
                )
              : []),
          ]),
        };
      }
      case 'surface': {
        const result = surface(request);
        return {
          response: { seq, type: 'surface', ok: true, result },
          transfer: [
            result.values.buffer as ArrayBuffer,
            result.gradients.buffer as ArrayBuffer,
            result.valid.buffer as ArrayBuffer,
            ...(result.sorted ? [result.sorted.buffer as ArrayBuffer] : []),
            ...(result.indices ? [result.indices.buffer as ArrayBuffer] : []),
            ...result.contours.segments.map((s) => s.buffer as ArrayBuffer),
            ...(result.logContours?.segments ?? []).map((s) => s.buffer as ArrayBuffer),
          ],
        };
      }
      case 'analyze':
        return {
          response: { seq, type: 'analyze', ok: true, result: analyze(request) },
          transfer: [],
        };
    }
  } catch (error) {
    return { response: { seq, type, ok: false, error: toSolverError(error) }, transfer: [] };
  } finally {
    reportProgress = undefined;
  }
}

/** Serves the protocol on an endpoint (a Web Worker's `self` or a worker thread's parentPort). */
/**
 * Readies the expression compiler before the first request: mathjs builds its typed functions
 * on first use, and V8 has not yet compiled the parser, the symbolic derivative or the TeX
 * writer. A worker calls this right after it starts listening, while the page is still loading,
 * so the first f a user sees is compiled that much sooner. The expression is not cached.
 */
export function warmUp(): void {
  try {
    compileExpression('sin(x) * y^2 + exp(-x) / 2 - sqrt(x^2 + 1)');
  } catch {
    // Only a warm-up: a failure here would show up, with a message, on the first real request.
  }
}

export function serve(endpoint: Endpoint): void {
  endpoint.listen((message) => {
    const { response, transfer } = handleMessage(message, (progress) =>
      endpoint.post(progress, []),
    );
    endpoint.post(response, transfer);
  });
}
