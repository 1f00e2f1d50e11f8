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
 */
import { Worker } from 'node:worker_threads';
import { cpus } from 'node:os';
import { SolverClient } from '../shared/client.ts';
import { runTrajectory } from '../shared/optim/index.ts';
import type { RunSpec } from '../shared/schema.ts';
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
  const ITER = 300;
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
}
