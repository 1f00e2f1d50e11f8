/**
 * One gradient measurement, run inside its own worker thread so that each measurement starts
 * with fresh JIT type feedback. "Session" mode first compiles and runs a dozen other typed
 * expressions, as a teaching session does: the compiler's closures are shared by every
 * compiled expression, so V8 sees many shapes and inlines less. That is the realistic case.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileExpression } from '../shared/expr/index.ts';
import { getSurface } from '../shared/surfaces.ts';
import type { Objective } from '../shared/types.ts';
import { median } from './stats.ts';

export interface GradientJob {
  id: string;
  session: boolean;
}

const OTHERS = [
  'x^2 + y^2',
  'x^2 - y^2',
  'x^2 + x*y',
  'sin(x) * cos(y)',
  'exp(-x^2 - y^2)',
  '(x^2 + y - 11)^2 + (x + y^2 - 7)^2',
  'log(1 + exp(x)) + 0.5y^2',
  'sigmoid(x + 2y) + tanh(x - y)',
  'relu(x) + abs(y)',
  'sqrt(x^2 + y^2 + 1)',
  '(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2',
  'x^3 - 3x*y^2',
];

const CALLS = 1_000_000;
const REPEATS = 7;

/**
 * Milliseconds of CPU time this process has used. While a measurement runs, the parent thread
 * only waits for its message, so this is the measuring thread's time (plus V8's background
 * threads, idle once warmed up). Unlike wall time it does not count the time other processes
 * hold the CPU, which on this shared 2-core machine swung the ratios by ±50 %.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function nsPerCall(objective: Objective): number {
  const p = new Float64Array(2);
  const g = new Float64Array(2);
  const times: number[] = [];
  let sink = 0;
  for (let r = 0; r < REPEATS; r++) {
    const t0 = cpuMs();
    for (let i = 0; i < CALLS; i++) {
      p[0] = -2 + (i % 1000) * 0.004;
      p[1] = -1 + (i % 777) * 0.004;
      objective.gradient(p, g);
      sink += g[0] ?? 0;
    }
    times.push(((cpuMs() - t0) * 1e6) / CALLS);
  }
  if (!Number.isFinite(sink)) throw new Error('gradient produced a non-finite value');
  return median(times);
}

const job = workerData as GradientJob;
const surface = getSurface(job.id);
if (!surface) throw new Error(`unknown surface ${job.id}`);
if (job.session) {
  for (const source of OTHERS) nsPerCall(compileExpression(source));
}
const typed = compileExpression(surface.expression);
// Alternate the two so that slow phases of a shared machine hit both alike.
const hand: number[] = [];
const tree: number[] = [];
for (let i = 0; i < 3; i++) {
  hand.push(nsPerCall(surface.objective));
  tree.push(nsPerCall(typed));
}
parentPort?.postMessage({ hand: median(hand), typed: median(tree) });
