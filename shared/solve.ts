/**
 * One run on a problem, as the solver worker computes it: on a model's loss with a minibatch
 * size smaller than the data, trained on sampled minibatches (model/trajectory.ts); otherwise
 * the optimizer on f itself (full batch, for a model). Shared by the worker's service, the start
 * page's sketches and the tests, so all three get the same path.
 */
import { minibatchTrajectory } from './model/trajectory.ts';
import type { MinibatchColumns } from './model/trajectory.ts';
import { runTrajectory } from './optim/trajectory.ts';
import type { Problem } from './problem.ts';
import type { RunSpec } from './schema.ts';
import type { Domain, Trajectory } from './types.ts';

/** @throws RangeError when the run cannot start (see runTrajectory). */
export function solveRun(
  problem: Problem,
  run: RunSpec,
  domain: Domain,
): Trajectory & { minibatch?: MinibatchColumns } {
  const training = problem.training;
  if (training && run.batch !== undefined && run.batch < training.data.y.length) {
    return minibatchTrajectory({
      ...training,
      objective: problem.objective,
      params: run.params,
      start: run.start,
      steps: run.steps,
      batch: run.batch,
      domain,
    });
  }
  return runTrajectory(problem.objective, run.params, run.start, run.steps, { domain });
}
