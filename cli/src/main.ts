/**
 * The `descent` command line: `solve` runs an optimizer on f and prints the step table,
 * `inspect` analyses f at a point, `render` (loaded only when asked for, with its browser
 * driver) records a scene. The solver runs in a worker thread.
 */
import { createRequire } from 'node:module';
import type { AnalyzeResult, RequestBody } from '../../shared/protocol.ts';
import { requestSchema } from '../../shared/protocol.ts';
import { MAX_STEPS } from '../../shared/schema.ts';
import { formatNumber, streamStepTable } from '../../shared/table.ts';
import type { TableFormat } from '../../shared/table.ts';
import {
  describeIssue,
  domainFrom,
  oneOf,
  optimizerFrom,
  parseFlags,
  parsePoint,
  problemFrom,
  stepsFrom,
  UsageError,
} from './args.ts';
import type { CommandSpec } from './args.ts';
import { HELP, INSPECT_HELP, SOLVE_HELP } from './help.ts';
import { jsonChunks, stepAt } from './solve-output.ts';
import { ask, runError, withSolver } from './solver.ts';
import type { SolverThread } from './solver-thread.ts';

/** Output streams, injectable so tests can capture them. `out` may ask the caller to wait. */
export interface Io {
  out: (text: string) => void | Promise<void>;
  err: (text: string) => void;
}

/** Writes to stdout, waiting for it to drain when a slow reader falls behind. */
function writeStdout(text: string): void | Promise<void> {
  if (process.stdout.write(text)) return;
  return new Promise((resolve) => process.stdout.once('drain', resolve));
}

const processIo: Io = {
  out: writeStdout,
  err: (text) => process.stderr.write(text),
};

let pipeGuarded = false;

/** `descent solve … | head` closes the pipe early: stop quietly rather than crash on EPIPE. */
function stopQuietlyOnClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

const SOLVE: CommandSpec = {
  name: 'solve',
  options: [
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
  ],
};

const INSPECT: CommandSpec = {
  name: 'inspect',
  options: ['f', 'surface', 'at', 'dir', 'taylor', 'jacobian', 'domain', 'format'],
};

/** Request fields → the flags they came from, for messages about a request's limits. */
const FLAG_OF_FIELD: Record<string, string> = {
  'problem.source': '--f',
  'problem.id': '--surface',
  at: '--at',
  direction: '--dir',
  taylorTo: '--taylor',
  jacobian: '--jacobian',
  domain: '--domain',
  'runs.0.start': '--start',
  'runs.0.steps': '--steps',
};

/**
 * Checks a request against the protocol's schema before any worker starts, so a limit (a
 * 2001-character --jacobian) is reported in words against the flag that broke it.
 */
function checkRequest(body: RequestBody): void {
  const parsed = requestSchema.safeParse({ seq: 0, ...body });
  if (parsed.success) return;
  const issue = parsed.error.issues[0];
  if (!issue) return;
  const path = issue.path.map(String).join('.');
  const field = Object.keys(FLAG_OF_FIELD).find((f) => path === f || path.startsWith(`${f}.`));
  throw new UsageError(describeIssue(field ? (FLAG_OF_FIELD[field] ?? path) : path, issue));
}

async function write(io: Io, pieces: Iterable<string>): Promise<void> {
  for (const piece of pieces) await io.out(piece);
}

async function solve(argv: readonly string[], io: Io, early?: SolverThread): Promise<number> {
  const { values } = parseFlags(argv, SOLVE);
  if (values.help) {
    await io.out(SOLVE_HELP);
    return 0;
  }
  const problem = problemFrom(values);
  if (values.start === undefined) throw new UsageError('Missing --start X[,Y].');
  const start = parsePoint('start', values.start);
  const params = optimizerFrom(values);
  const steps = stepsFrom(values, 50, MAX_STEPS);
  const domain = domainFrom(values);
  const fmt = oneOf<TableFormat | 'json'>('format', values.format ?? 'table', [
    'table',
    'json',
    'csv',
    'markdown',
    'latex',
  ]);
  const request = {
    type: 'trajectories' as const,
    problem,
    ...(domain ? { domain } : {}),
    runs: [{ id: 'cli', params, start, steps }],
  };
  checkRequest(request);

  const { info, run } = await withSolver(async (client) => {
    const info = await ask(client, { type: 'describe', problem });
    if (start.length !== info.dim) {
      throw new UsageError(
        `--start has ${start.length} coordinate(s) but f has ${info.dim} variable(s) (${info.variables.join(', ')}).`,
      );
    }
    const result = await ask(client, request);
    const run = result.trajectories[0];
    if (!run) throw new Error('solver returned no trajectory');
    return { info, run };
  }, early);
  // A run that cannot start (f undefined or infinite at --start) has no rows: say why.
  if (run.error !== null) throw new UsageError(runError(run.error, 'cli'));

  if (fmt === 'json') {
    const head = {
      expression: info.expression,
      variables: info.variables,
      optimizer: params.kind,
      lr: params.lr,
      params,
      status: run.status,
      divergedAt: run.divergedAt,
      convergedAt: run.convergedAt,
    };
    await write(
      io,
      jsonChunks(head, run.count, (k) => stepAt(run, info.dim, k)),
    );
    return 0;
  }
  await write(io, streamStepTable(run, info.variables, fmt));
  if (fmt === 'table') {
    const note =
      run.status === 'diverged'
        ? `diverged at step ${run.divergedAt} (left the bounded region or became non-finite)`
        : run.status === 'converged'
          ? `converged (|∇f| below tolerance from step ${run.convergedAt})`
          : 'still running (not converged)';
    await io.out(`f = ${info.expression}; ${params.kind}, η = ${params.lr}; ${note}\n`);
  }
  return 0;
}

async function inspect(argv: readonly string[], io: Io, early?: SolverThread): Promise<number> {
  const { values } = parseFlags(argv, INSPECT);
  if (values.help) {
    await io.out(INSPECT_HELP);
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
  const fmt = oneOf('format', values.format ?? 'table', ['table', 'json'] as const);
  const request = {
    type: 'analyze' as const,
    problem,
    at,
    convexity: true,
    ...(direction ? { direction } : {}),
    ...(taylorTo ? { taylorTo } : {}),
    ...(values.jacobian !== undefined ? { jacobian: values.jacobian } : {}),
    ...(domain ? { domain } : {}),
  };
  checkRequest(request);

  const result = await withSolver((client) => ask(client, request), early);
  const doc = inspectDocument(result);
  await io.out(fmt === 'json' ? JSON.stringify(doc, null, 2) + '\n' : inspectText(doc));
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
  // dist/cli/ and cli/src/ are both two folders below the repository root.
  const require = createRequire(import.meta.url);
  const pkg = require('../../package.json') as { version: string };
  return pkg.version;
}

/**
 * Runs the command line; returns the exit code (0 ok, 2 bad input, 1 internal, 130 cancelled).
 * `early` is a solver worker the entry (entry.ts) already started for `solve` or `inspect`.
 */
export async function main(
  argv: readonly string[],
  io: Io = processIo,
  early: SolverThread | null = null,
): Promise<number> {
  const [command, ...rest] = argv;
  if (io === processIo) stopQuietlyOnClosedPipe();
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        await io.out(HELP);
        return 0;
      case '--version':
        await io.out(`descent ${version()}\n`);
        return 0;
      case 'solve':
        return await solve(rest, io, early ?? undefined);
      case 'inspect':
        return await inspect(rest, io, early ?? undefined);
      case 'render': {
        // The render code (and playwright-core) loads only here, keeping other commands quick.
        const { render } = await import('./render/command.ts');
        return await render(rest, { ...io, isTTY: io === processIo && process.stderr.isTTY });
      }
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
