/**
 * Solver benchmarks (issue 2's budgets). Method: every measurement is repeated and reported as
 * a median (and p95 where a budget asks for it), all in one process run so that ratios compare
 * numbers taken under the same machine load.
 *
 *  gradient   ns per gradient call (CPU time), typed expression vs the hand-written built-in
 *             (budget ≤ 1.5×); DESCENT_BENCH_GRADIENT=beale,… for some functions only
 *  worker     8 runs × 2000 steps on a typed expression, solved in a worker thread and
 *             transferred back: round-trip ms (budget p95 ≤ 3 ms)
 *  ceiling    plain GD steps per second on the built-in bowl
 *  model      8 runs × 2000 MINIBATCH steps on linear regression's loss, in the worker, against
 *             the typed-surface case above in the same process (issue 14's budget: within it)
 *  landscape  8 runs on an imported 512² landscape: the problem sent by name vs whole each time
 *  slice      a 2–8–1 MLP trained on two moons, its loss on a 64×64 slice through the trained
 *             weights (filter-normalised directions): ms (goal: under 2 s here)
 */
import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SolverClient } from '../shared/client.ts';
import { runTrajectory } from '../shared/optim/index.ts';
import { builtinDataset } from '../shared/model/data.ts';
import { mlpFilters, mlpInit, mlpModel } from '../shared/model/models.ts';
import { filterNormalizedDirections, sliceGrid } from '../shared/model/slice.ts';
import { train } from '../shared/model/train.ts';
import type { ProblemSpec, RunSpec } from '../shared/schema.ts';
import { getSurface } from '../shared/surfaces.ts';
import { DEFAULT_OPTIMIZER, OPTIMIZER_KINDS } from '../shared/types.ts';
import { median, quantile } from './stats.ts';

const REPEATS = 9;
/** Runs one gradient measurement in a fresh worker thread (its own V8 isolate and JIT state). */
function measureGradient(id: string, session: boolean): Promise<{ hand: number; typed: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./gradient-worker.mjs', import.meta.url), {
      workerData: { id, session },
    });
    worker.once('message', (m: { hand: number; typed: number }) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function gradientBench(): Promise<string[]> {
  const lines = [
    '| function | condition | hand-written ns/call | typed ns/call | typed / hand-written | budget |',
    '|---|---|---|---|---|---|',
  ];
  const ids = (process.env.DESCENT_BENCH_GRADIENT ?? 'rosenbrock,rastrigin,himmelblau,beale').split(
    ',',
  );
  for (const id of ids) {
    const surface = getSurface(id);
    if (!surface) throw new Error(`missing surface ${id}`);
    for (const session of [false, true]) {
      // Three isolates per condition; the median ratio is reported.
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await measureGradient(id, session));
      const h = median(runs.map((r) => r.hand));
      const t = median(runs.map((r) => r.typed));
      const ratio = median(runs.map((r) => r.typed / r.hand));
      const condition = session ? 'after 12 other expressions' : 'first expression compiled';
      lines.push(
        `| ${id}: \`${surface.expression}\` | ${condition} | ${h.toFixed(1)} | ${t.toFixed(1)} | ${ratio.toFixed(2)}× | ≤ 1.5× |`,
      );
    }
  }
  return lines;
}

/** 300 requests of 8 runs (after 30 warm-up ones) to a worker, η nudged each time. */
async function timeRequests(
  problem: ProblemSpec,
  runs: RunSpec[],
  script: URL = new URL('../cli/src/solver-worker.mjs', import.meta.url),
  /** Send a fresh copy of the problem each time (so a big one is never sent by name). */
  copies = false,
): Promise<{ roundTrip: number[]; inWorker: number[] }> {
  const worker = new Worker(script);
  const client = new SolverClient({
    post: (m, t) => worker.postMessage(m, t),
    listen: (h) => worker.on('message', h),
  });
  const roundTrip: number[] = [];
  const inWorker: number[] = [];
  for (let i = 0; i < ITER + 30; i++) {
    const body = {
      type: 'trajectories' as const,
      problem: copies ? structuredClone(problem) : problem,
      runs: runs.map((r) => ({ ...r, params: { ...r.params, lr: r.params.lr * (1 + i * 1e-4) } })),
    };
    const t0 = performance.now();
    const outcome = await client.request(body);
    const dt = performance.now() - t0;
    if (outcome.status !== 'ok')
      throw new Error(`worker request failed: ${JSON.stringify(outcome)}`);
    if (outcome.result.trajectories.length !== runs.length) throw new Error('runs missing');
    if (i >= 30) {
      roundTrip.push(dt);
      inWorker.push(outcome.result.elapsedMs);
    }
  }
  await worker.terminate();
  return { roundTrip, inWorker };
}

const ITER = 300;

/** The typed-surface budget's 8 runs: every optimizer plus noisy SGD, 2000 steps. */
function budgetRuns(start: number[], minibatch: number | null): RunSpec[] {
  const kinds = [...OPTIMIZER_KINDS, 'sgd' as const];
  return kinds.map((kind, i) => ({
    id: `r${i}`,
    params: {
      ...DEFAULT_OPTIMIZER,
      kind,
      lr: kind === 'adam' || kind === 'rmsprop' || kind === 'adagrad' ? 0.01 : 0.001,
      noise: i === 7 && minibatch === null ? 0.5 : 0,
      seed: i + 1,
    },
    start,
    steps: 2000,
    ...(minibatch !== null ? { batch: minibatch } : {}),
  }));
}

/**
 * The solver worker as one bundled file, the way the app ships it (Vite bundles the renderer's
 * worker). Under tsx every imported binding is a property read through a getter, which the
 * per-step loops pay for; a bundle has plain locals.
 */
async function bundledWorker(): Promise<{ url: URL; dispose: () => void }> {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'descent-bench-'));
  const outfile = join(dir, 'solver-worker.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('../cli/src/solver-worker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
  });
  return { url: pathToFileURL(outfile), dispose: () => rmSync(dir, { recursive: true }) };
}

/** One table row of {@link timeRequests}'s numbers. */
function row(what: string, t: { roundTrip: number[]; inWorker: number[] }): string {
  return `| ${what} | ${median(t.roundTrip).toFixed(2)} | ${quantile(t.roundTrip, 0.95).toFixed(2)} | ${median(t.inWorker).toFixed(2)} |`;
}

async function modelBench(): Promise<string[]> {
  const typedProblem: ProblemSpec = { kind: 'expression', source: '(1-x)^2 + 100(y-x^2)^2' };
  const modelProblem: ProblemSpec = {
    kind: 'model',
    model: 'linear',
    data: { kind: 'builtin', name: 'line', n: 200, seed: 1, noise: 0.5 },
  };
  const bundle = await bundledWorker();
  const lines = [
    '| 8 runs × 2000 steps, η nudged on each of 300 requests | round trip median ms | p95 ms | solve in worker median ms |',
    '|---|---|---|---|',
  ];
  try {
    for (const [where, script] of [
      ['bundled worker (as the app ships)', bundle.url],
      ['tsx worker (as the CLI runs)', undefined],
    ] as const) {
      const typed = await timeRequests(typedProblem, budgetRuns([-1.5, 2], null), script);
      const model = await timeRequests(modelProblem, budgetRuns([-2, 4], 8), script);
      lines.push(
        row(`${where}: typed Rosenbrock (the typed-surface budget, p95 ≤ 3 ms)`, typed),
        row(`${where}: linear regression on 200 points, minibatch 8`, model),
        `| ${where}: ratio, model / typed | median ${(median(model.roundTrip) / median(typed.roundTrip)).toFixed(2)}×, p95 ${(quantile(model.roundTrip, 0.95) / quantile(typed.roundTrip, 0.95)).toFixed(2)}× | | |`,
      );
    }
  } finally {
    bundle.dispose();
  }
  return lines;
}

/**
 * An imported 512 × 512 landscape (the largest the app opens), 8 runs × 2000 steps per request:
 * the problem sent once and then by name (what the app does), against a fresh copy each time,
 * which the client must send whole (what every request cost before names). The copy is made
 * outside the timed span.
 */
async function landscapeBench(): Promise<string[]> {
  const n = 512;
  const xs = Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
  const grid: ProblemSpec = {
    kind: 'grid',
    name: 'bench landscape',
    xs,
    ys: xs,
    values: xs.flatMap((y) => xs.map((x) => Math.log1p(x * x + 3 * y * y + 0.3 * Math.sin(9 * x)))),
  };
  const bundle = await bundledWorker();
  const runs = budgetRuns([0.8, 0.7], null);
  try {
    const named = await timeRequests(grid, runs, bundle.url);
    const whole = await timeRequests(grid, runs, bundle.url, true);
    return [
      '| 512² landscape, 8 runs × 2000 steps, bundled worker | round trip median ms | p95 ms | solve in worker median ms |',
      '|---|---|---|---|',
      row('problem sent once, then by name', named),
      row('problem sent whole with every request', whole),
    ];
  } finally {
    bundle.dispose();
  }
}

function sliceBench(): string[] {
  const data = builtinDataset('moons', { n: 300, seed: 1 });
  const model = mlpModel({ hidden: 8, activation: 'tanh' });
  const times: number[] = [];
  let trainMs = 0;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    const run = train(model, data, mlpInit(8, 1), {
      optimizer: { ...DEFAULT_OPTIMIZER, kind: 'adam', lr: 0.05 },
      batch: 32,
      epochs: 50,
      seed: 1,
    });
    const t1 = performance.now();
    const center = run.theta.slice(run.steps * model.dim);
    const [d1, d2] = filterNormalizedDirections(model, center, mlpFilters(8), 7);
    const grid = sliceGrid(model, data, center, d1, d2, {
      resolution: 64,
      alpha: [-1, 1],
      beta: [-1, 1],
    });
    const t2 = performance.now();
    if (grid.length !== 64 * 64) throw new Error('slice size');
    trainMs = t1 - t0;
    times.push(t2 - t1);
  }
  return [
    '| what | median ms | goal |',
    '|---|---|---|',
    `| 2–8–1 MLP, 300 moons points: training (Adam, batch 32, 50 epochs, 500 steps) | ${trainMs.toFixed(0)} (last run) | |`,
    `| its loss on a 64×64 filter-normalised slice through the trained weights | ${median(times).toFixed(0)} | < 2000 ms |`,
  ];
}

async function workerBench(): Promise<string[]> {
  const worker = new Worker(new URL('../cli/src/solver-worker.mjs', import.meta.url));
  const client = new SolverClient({
    post: (m, t) => worker.postMessage(m, t),
    listen: (h) => worker.on('message', h),
  });
  const source = '(1-x)^2 + 100(y-x^2)^2';
  const kinds = [...OPTIMIZER_KINDS, 'sgd' as const];
  const runs: RunSpec[] = kinds.map((kind, i) => ({
    id: `r${i}`,
    params: {
      ...DEFAULT_OPTIMIZER,
      kind,
      lr: kind === 'adam' || kind === 'rmsprop' || kind === 'adagrad' ? 0.01 : 0.001,
      noise: i === 7 ? 0.5 : 0,
      seed: i + 1,
    },
    start: [-1.5, 2],
    steps: 2000,
  }));
  const roundTrip: number[] = [];
  const inWorker: number[] = [];
  for (let i = 0; i < ITER + 30; i++) {
    // Vary η slightly each time, as a slider drag does, so no answer can be cached.
    const body = {
      type: 'trajectories' as const,
      problem: { kind: 'expression' as const, source },
      runs: runs.map((r) => ({ ...r, params: { ...r.params, lr: r.params.lr * (1 + i * 1e-4) } })),
    };
    const t0 = performance.now();
    const outcome = await client.request(body);
    const dt = performance.now() - t0;
    if (outcome.status !== 'ok')
      throw new Error(`worker request failed: ${JSON.stringify(outcome)}`);
    if (outcome.result.trajectories.length !== 8) throw new Error('expected 8 trajectories');
    if (i >= 30) {
      // The first requests include compiling f and the JIT warming up.
      roundTrip.push(dt);
      inWorker.push(outcome.result.elapsedMs);
    }
  }
  await worker.terminate();
  return [
    '| what | median ms | p95 ms | budget |',
    '|---|---|---|---|',
    `| round trip: request → 8 × 2000 steps solved in the worker → transferred back (${ITER} requests) | ${median(roundTrip).toFixed(2)} | ${quantile(roundTrip, 0.95).toFixed(2)} | p95 ≤ 3 ms |`,
    `| of which solving inside the worker | ${median(inWorker).toFixed(2)} | ${quantile(inWorker, 0.95).toFixed(2)} | |`,
  ];
}

function ceilingBench(): string[] {
  const bowl = getSurface('bowl');
  if (!bowl) throw new Error('missing bowl');
  const steps = 100_000;
  const out = new Float64Array((steps + 1) * 8);
  const rates: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    const t = runTrajectory(bowl.objective, { ...DEFAULT_OPTIMIZER, lr: 1e-6 }, [2, 1], steps, {
      out,
    });
    const ms = performance.now() - t0;
    if (t.count !== steps + 1) throw new Error('trajectory stopped early');
    rates.push(steps / (ms / 1000));
  }
  return [
    '| what | median steps/s |',
    '|---|---|',
    `| plain GD on the built-in bowl, 100 000 steps into one buffer | ${(median(rates) / 1e6).toFixed(1)} million |`,
  ];
}

/** Runs the named benchmarks (all when none is named) and prints Markdown tables. */
export async function runBenchmarks(names: readonly string[]): Promise<void> {
  const want = (n: string): boolean => names.length === 0 || names.includes(n);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `Machine: ${cpus().length} × ${cpu}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`,
  );
  if (want('gradient')) console.log((await gradientBench()).join('\n') + '\n');
  if (want('worker')) console.log((await workerBench()).join('\n') + '\n');
  if (want('ceiling')) console.log(ceilingBench().join('\n') + '\n');
  if (want('model')) console.log((await modelBench()).join('\n') + '\n');
  if (want('slice')) console.log(sliceBench().join('\n') + '\n');
  if (want('landscape')) console.log((await landscapeBench()).join('\n') + '\n');
}
