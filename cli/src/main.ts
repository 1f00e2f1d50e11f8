/**
 * The `descent` command line: `solve` runs an optimizer on f and prints the step table,
 * `inspect` analyses f at a point. The solver runs in a worker thread.
 */
import { createRequire } from 'node:module';
import type { SolverClient } from '../../shared/client.ts';
import type { AnalyzeResult, RequestBody, ResultMap } from '../../shared/protocol.ts';
import { MAX_STEPS } from '../../shared/schema.ts';
import { buildStepTable, formatNumber, formatStepTable } from '../../shared/table.ts';
import type { TableFormat } from '../../shared/table.ts';
import { COL, OPTIMIZER_KINDS, SCHEDULE_KINDS, STRIDE } from '../../shared/types.ts';
import {
  domainFrom,
  optimizerFrom,
  parseFlags,
  parsePoint,
  problemFrom,
  stepsFrom,
  UsageError,
} from './args.ts';
import { render } from './render.ts';
import { withSolver } from './solver.ts';

const HELP = `descent — gradient descent on loss surfaces, from the command line

Usage:
  descent solve   (--f EXPR | --surface NAME) --start X[,Y] [options]
  descent inspect (--f EXPR | --surface NAME) --at X[,Y] [options]
  descent render  (SCENE.descent.json | --preset ID) -o OUT.(mp4|webm|gif|png|zip) [options]
  descent --help | --version
  descent COMMAND --help

f is typed like  x^2 + x*y,  (1-x)^2 + 100(y-x^2)^2,  sigmoid(w),  relu(x) + abs(y).
Run 'descent solve --help', 'descent inspect --help' or 'descent render --help' for each
command's options.
`;

const SOLVE_HELP = `descent solve — run an optimizer on f and print every step

Usage: descent solve (--f EXPR | --surface NAME) --start X[,Y] [options]

  --f EXPR              the function, one or two variables (e.g. "x^2 + x*y")
  --surface NAME        a built-in surface instead (bowl, saddle, rosenbrock, ...)
  --start X[,Y]         starting point (required)
  --optimizer NAME      ${OPTIMIZER_KINDS.join('|')} (default gd)
  --lr N                learning rate η (default 0.1)
  --steps N             number of steps, 0 to ${MAX_STEPS} (default 50)
  --momentum B          β for momentum and nesterov (default 0.9)
  --beta1 B --beta2 B   Adam's moment decays (default 0.9, 0.999)
  --no-bias-correction  Adam without bias correction
  --rho R               RMSProp's squared-gradient decay (default 0.9)
  --eps E               ε in AdaGrad/RMSProp/Adam denominators (default 1e-8)
  --schedule NAME       ${SCHEDULE_KINDS.join('|')} (default constant)
  --warmup N            warm-up steps for warmup-cosine (default 10)
  --step-every N --step-factor F   step decay (default every 100 steps ×0.5)
  --gamma G             exponential decay per step (default 0.99)
  --min-lr N            floor of the cosine schedules (default 0)
  --clip N              clip the gradient to norm N
  --noise S --seed N    SGD's Gaussian gradient noise σ and its seed (default 0, 1)
  --domain XMIN,XMAX[,YMIN,YMAX]   box used for the divergence bound
  --format NAME         table|json|csv|markdown|latex (default table)
`;

const INSPECT_HELP = `descent inspect — value, gradient, Hessian and curvature of f at a point

Usage: descent inspect (--f EXPR | --surface NAME) --at X[,Y] [options]

  --at X[,Y]            the point (required)
  --dir DX[,DY]         also report the directional derivative along this direction
  --taylor X[,Y]        also report first- and second-order Taylor estimates of f there
  --jacobian "F1, F2"   also report the Jacobian of these comma-separated expressions
  --domain XMIN,XMAX[,YMIN,YMAX]   box sampled for the convexity verdict
  --format NAME         table|json (default table)
`;

/** Output streams, injectable so tests can capture them. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Turns a solver outcome into a result, or the solver's message into a UsageError. */
async function ask<B extends RequestBody>(
  client: SolverClient,
  body: B,
): Promise<ResultMap[B['type']]> {
  const outcome = await client.request(body);
  if (outcome.status === 'ok') return outcome.result;
  if (outcome.status === 'stale') throw new Error('solver answer was superseded');
  const { error } = outcome;
  if (error.kind === 'internal') throw new Error(error.message);
  throw new UsageError(error.message);
}

function format<T extends string>(text: string | undefined, allowed: readonly T[], fallback: T): T {
  if (text === undefined) return fallback;
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw new UsageError(`--format must be one of ${allowed.join(', ')}; got '${text}'.`);
}

const SOLVE_FLAGS = [
  'f',
  'surface',
  'start',
  'optimizer',
  'lr',
  'steps',
  'momentum',
  'beta1',
  'beta2',
  'rho',
  'eps',
  'no-bias-correction',
  'schedule',
  'warmup',
  'step-every',
  'step-factor',
  'gamma',
  'min-lr',
  'clip',
  'noise',
  'seed',
  'domain',
  'format',
];

async function solve(argv: readonly string[], io: Io): Promise<number> {
  const values = parseFlags(argv, SOLVE_FLAGS);
  if (values.help) {
    io.out(SOLVE_HELP);
    return 0;
  }
  const problem = problemFrom(values);
  if (values.start === undefined) throw new UsageError('Missing --start X[,Y].');
  const start = parsePoint('start', values.start);
  const params = optimizerFrom(values);
  const steps = stepsFrom(values, 50, MAX_STEPS);
  const domain = domainFrom(values);
  const fmt = format<TableFormat | 'json'>(
    values.format,
    ['table', 'json', 'csv', 'markdown', 'latex'],
    'table',
  );

  const { info, run } = await withSolver(async (client) => {
    const info = await ask(client, { type: 'describe', problem });
    if (start.length !== info.dim) {
      throw new UsageError(
        `--start has ${start.length} coordinate(s) but f has ${info.dim} variable(s) (${info.variables.join(', ')}).`,
      );
    }
    const result = await ask(client, {
      type: 'trajectories',
      problem,
      ...(domain ? { domain } : {}),
      runs: [{ id: 'cli', params, start, steps }],
    });
    const run = result.trajectories[0];
    if (!run) throw new Error('solver returned no trajectory');
    return { info, run };
  });

  if (fmt === 'json') {
    const rows = [];
    for (let k = 0; k < run.count; k++) {
      const at = (c: number): number => run.data[k * STRIDE + c] ?? 0;
      const pick = (cols: readonly number[]): number[] => cols.slice(0, info.dim).map(at);
      const last = k === run.count - 1;
      rows.push({
        step: k,
        point: pick([COL.x, COL.y]),
        value: at(COL.f),
        gradient: pick([COL.gx, COL.gy]),
        update: last ? null : pick([COL.ux, COL.uy]),
        lr: at(COL.lr),
      });
    }
    const doc = {
      expression: info.expression,
      variables: info.variables,
      optimizer: params.kind,
      lr: params.lr,
      params,
      status: run.status,
      divergedAt: run.divergedAt,
      convergedAt: run.convergedAt,
      steps: rows,
    };
    io.out(JSON.stringify(doc, null, 2) + '\n');
    return 0;
  }
  io.out(formatStepTable(buildStepTable(run, info.variables), fmt));
  if (fmt === 'table') {
    const note =
      run.status === 'diverged'
        ? `diverged at step ${run.divergedAt} (left the bounded region or became non-finite)`
        : run.status === 'converged'
          ? `converged (|∇f| below tolerance from step ${run.convergedAt})`
          : 'still running (not converged)';
    io.out(`f = ${info.expression}; ${params.kind}, η = ${params.lr}; ${note}\n`);
  }
  return 0;
}

const INSPECT_FLAGS = ['f', 'surface', 'at', 'dir', 'taylor', 'jacobian', 'domain', 'format'];

async function inspect(argv: readonly string[], io: Io): Promise<number> {
  const values = parseFlags(argv, INSPECT_FLAGS);
  if (values.help) {
    io.out(INSPECT_HELP);
    return 0;
  }
  const problem = problemFrom(values);
  if (values.at === undefined) throw new UsageError('Missing --at X[,Y].');
  const at = parsePoint('at', values.at);
  const direction = values.dir === undefined ? undefined : parsePoint('dir', values.dir);
  if (direction && direction.every((d) => d === 0)) {
    throw new UsageError('--dir must not be the zero vector.');
  }
  const taylorTo = values.taylor === undefined ? undefined : parsePoint('taylor', values.taylor);
  const domain = domainFrom(values);
  const fmt = format(values.format, ['table', 'json'] as const, 'table');

  const result = await withSolver((client) =>
    ask(client, {
      type: 'analyze',
      problem,
      at,
      convexity: true,
      ...(direction ? { direction } : {}),
      ...(taylorTo ? { taylorTo } : {}),
      ...(values.jacobian !== undefined ? { jacobian: values.jacobian } : {}),
      ...(domain ? { domain } : {}),
    }),
  );
  const doc = inspectDocument(result);
  io.out(fmt === 'json' ? JSON.stringify(doc, null, 2) + '\n' : inspectText(doc));
  return 0;
}

/** The JSON shape of `inspect` (documented in the README). */
function inspectDocument(r: AnalyzeResult): Record<string, unknown> {
  const a = r.analysis;
  return {
    point: a.point,
    value: a.value,
    gradient: a.gradient,
    gradientNorm: a.gradientNorm,
    hessian: a.hessian,
    eigenvalues: a.eigenvalues,
    eigenvectors: a.eigenvectors,
    curvature: a.curvature,
    critical: a.critical,
    kink: a.kink,
    derivatives: r.derivatives,
    convexity: r.convexity ?? null,
    ...(r.stability ? { stability: r.stability } : {}),
    ...(a.directionalDerivative ? { directionalDerivative: a.directionalDerivative } : {}),
    ...(r.taylor ? { taylor: r.taylor } : {}),
    ...(r.jacobian ? { jacobian: r.jacobian } : {}),
  };
}

function inspectText(doc: Record<string, unknown>): string {
  const n = (v: unknown): string => (typeof v === 'number' ? formatNumber(v, 4) : String(v));
  const vec = (v: unknown): string => (Array.isArray(v) ? `[${v.map(vec).join(', ')}]` : n(v));
  const lines: string[] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (value === null) continue;
    if (typeof value === 'object' && !Array.isArray(value)) {
      const inner = Object.entries(value as Record<string, unknown>)
        .map(
          ([k, v]) =>
            `${k} ${typeof v === 'object' && v !== null && !Array.isArray(v) ? JSON.stringify(v) : vec(v)}`,
        )
        .join(', ');
      lines.push(`${key}: ${inner}`);
    } else {
      lines.push(`${key}: ${vec(value)}`);
    }
  }
  return lines.join('\n') + '\n';
}

function version(): string {
  const require = createRequire(import.meta.url);
  const pkg = require('../../package.json') as { version: string };
  return pkg.version;
}

/** Runs the command line; returns the exit code (0 ok, 2 bad input, 1 internal failure). */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.out(HELP);
        return 0;
      case '--version':
        io.out(`descent ${version()}\n`);
        return 0;
      case 'solve':
        return await solve(rest, io);
      case 'inspect':
        return await inspect(rest, io);
      case 'render':
        return await render(rest, { ...io, isTTY: io === processIo && process.stderr.isTTY });
      default:
        throw new UsageError(
          `Unknown command '${command}'. Commands: solve, inspect, render (see --help).`,
        );
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`descent: ${error.message}\n`);
      return 2;
    }
    io.err(`descent: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
