/**
 * The `descent` command line: `solve` runs an optimizer on f and prints the step table,
 * `inspect` analyses f at a point, `graph` back-propagates through f's computation graph,
 * `integrate` compares a Riemann sum with the integral, `train` (loaded only when asked for)
 * fits a small model to data by minibatch descent, `render` (loaded only when asked for,
 * with its browser driver) records a scene. The solver runs in a worker thread; `graph` and
 * `integrate` are quick enough to run on the main thread and load their code only when asked for.
 */
import { createRequire } from 'node:module';
import { ExpressionError } from '../../shared/expr/errors.ts';
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
  parseNumber,
  parsePoint,
  problemFrom,
  stepsFrom,
  UsageError,
  wholeFrom,
} from './args.ts';
import type { CommandSpec, Values } from './args.ts';
import { GRAPH_HELP, HELP, INSPECT_HELP, INTEGRATE_HELP, SOLVE_HELP } from './help.ts';
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

const GRAPH: CommandSpec = { name: 'graph', options: ['f', 'at', 'format'] };

const INTEGRATE: CommandSpec = {
  name: 'integrate',
  options: ['f', 'from', 'to', 'n', 'rule', 'format'],
};

/** Most subintervals `integrate --n` takes (a sum of 10⁷ terms takes well under a second). */
const MAX_SUBINTERVALS = 10_000_000;

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

/** --f as an expression, with the compiler's message about it named after the flag. */
function expressionFrom(values: Values): string {
  if (values.f === undefined) throw new UsageError('Missing the function: give --f EXPR.');
  return values.f;
}

/** Runs `build`, turning the compiler's ExpressionError into a message about --f. */
function withExpression<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof ExpressionError) throw new UsageError(`--f: ${error.message}.`);
    throw error;
  }
}

/** Columns padded to their widest cell, two spaces apart. */
function aligned(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows
    .map((row) =>
      row
        .map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function graph(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseFlags(argv, GRAPH);
  if (values.help) {
    await io.out(GRAPH_HELP);
    return 0;
  }
  const source = expressionFrom(values);
  if (values.at === undefined) throw new UsageError('Missing --at X[,Y].');
  const at = parsePoint('at', values.at);
  const fmt = oneOf('format', values.format ?? 'table', ['table', 'json', 'dot'] as const);
  const { buildGraph, evaluateGraph, toDot } = await import('../../shared/graph/index.ts');
  const g = withExpression(() => buildGraph(source));
  if (at.length !== g.variables.length) {
    throw new UsageError(
      `--at has ${at.length} coordinate(s) but f has ${g.variables.length} variable(s) (${g.variables.join(', ')}).`,
    );
  }
  const ev = evaluateGraph(g, at);
  if (!Number.isFinite(ev.output)) {
    const what = Number.isNaN(ev.output) ? 'undefined' : 'infinite';
    throw new UsageError(`f is ${what} at --at ${values.at}.`);
  }
  if (fmt === 'dot') {
    await io.out(toDot(ev));
    return 0;
  }
  if (fmt === 'json') {
    const doc = {
      expression: g.source,
      variables: g.variables,
      point: ev.point,
      value: ev.output,
      gradient: ev.gradient,
      output: g.output,
      nodes: g.nodes.map((n, i) => ({
        id: n.id,
        op: n.op,
        label: n.label,
        text: n.text,
        value: ev.values[i],
        adjoint: ev.adjoints[i],
        inputs: n.inputs,
        outputs: n.outputs,
      })),
      edges: g.edges.map((e, k) => ({
        ...e,
        local: ev.local[k],
        contribution: ev.contributions[k],
      })),
      steps: ev.steps,
    };
    await io.out(JSON.stringify(doc, null, 2) + '\n');
    return 0;
  }
  const n = (v: number | undefined): string => formatNumber(v ?? NaN, 4);
  const names = g.variables.join(', ');
  const where =
    g.variables.length === 1 ? `${names} = ${at[0]}` : `(${names}) = (${at.join(', ')})`;
  const partials = g.variables.map((v, i) => `∂f/∂${v} = ${n(ev.gradient[i])}`).join(', ');
  const byId = new Map(g.nodes.map((node) => [node.id, node]));
  const name = (id: string): string => `${id} ${byId.get(id)?.label ?? ''}`;
  const nodes = aligned([
    ['node', 'op', 'value', 'adjoint', 'expression'],
    ...g.nodes.map((node, i) => [
      node.id,
      node.label,
      n(ev.values[i]),
      n(ev.adjoints[i]),
      node.text,
    ]),
  ]);
  const edges = aligned([
    ['edge', 'from', 'to', 'local ∂to/∂from', 'back (adjoint × local)'],
    ...g.edges.map((e, k) => [
      e.id,
      name(e.from),
      name(e.to),
      n(ev.local[k]),
      n(ev.contributions[k]),
    ]),
  ]);
  await io.out(
    `f = ${g.source} at ${where}: f = ${n(ev.output)}, ${partials}\n\n${nodes}\n\n${edges}\n`,
  );
  return 0;
}

async function integrate(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseFlags(argv, INTEGRATE);
  if (values.help) {
    await io.out(INTEGRATE_HELP);
    return 0;
  }
  const source = expressionFrom(values);
  if (values.from === undefined) throw new UsageError('Missing --from A.');
  if (values.to === undefined) throw new UsageError('Missing --to B.');
  const a = parseNumber('from', values.from);
  const b = parseNumber('to', values.to);
  const n = wholeFrom(values, 'n', 10, 1, MAX_SUBINTERVALS);
  const { IntegrationError, RIEMANN_RULES, compileIntegrand, integrate } =
    await import('../../shared/integrate/index.ts');
  const rule = oneOf('rule', values.rule ?? 'mid', RIEMANN_RULES);
  const fmt = oneOf('format', values.format ?? 'table', ['table', 'json'] as const);
  const integrand = withExpression(() => compileIntegrand(source));
  let r;
  try {
    r = integrate(integrand, { a, b, n, rule });
  } catch (error) {
    if (error instanceof IntegrationError) throw new UsageError(`${error.message}.`);
    throw error;
  }
  if (fmt === 'json') {
    const doc = {
      expression: r.source,
      variable: r.variable,
      from: a,
      to: b,
      n,
      rule,
      estimate: r.estimate,
      exact: r.exact,
      antiderivative: r.antiderivative,
      reference: r.reference,
      error: r.error,
    };
    await io.out(JSON.stringify(doc, null, 2) + '\n');
    return 0;
  }
  const num = (v: number): string => formatNumber(v, 6);
  const ref = r.reference;
  const lines = [
    `∫ ${r.source} d${r.variable} from ${a} to ${b}: ${rule} sum with n = ${n}`,
    `estimate: ${num(r.estimate)}`,
    ref.kind === 'exact'
      ? `exact: ${num(ref.value)} (antiderivative ${r.antiderivative})`
      : `exact: unknown (no antiderivative rule for f)`,
  ];
  if (ref.kind === 'quadrature') {
    const note = ref.converged ? '' : ', did not reach its tolerance';
    lines.push(
      `quadrature: ${num(ref.value)} (adaptive Gauss–Kronrod, error estimate ${(ref.errorEstimate ?? NaN).toExponential(1)}${note})`,
    );
  }
  const error = r.error === 0 ? '0' : r.error.toExponential(3);
  lines.push(`error: ${error} (estimate − ${ref.kind})`);
  await io.out(lines.join('\n') + '\n');
  return 0;
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
      case 'graph':
        return await graph(rest, io);
      case 'integrate':
        return await integrate(rest, io);
      case 'train': {
        // The model code (and the CSV reader) loads only here, like render's.
        const { trainCommand } = await import('./train/command.ts');
        return await trainCommand(rest, io);
      }
      case 'render': {
        // The render code (and playwright-core) loads only here, keeping other commands quick.
        const { render } = await import('./render/command.ts');
        return await render(rest, { ...io, isTTY: io === processIo && process.stderr.isTTY });
      }
      default:
        throw new UsageError(
          `Unknown command '${command}'. Commands: solve, inspect, graph, integrate, train, render (see --help).`,
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
