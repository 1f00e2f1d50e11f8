/** Optimizers, learning-rate schedules and trajectory runner. */
export { clipByNorm, norm2 } from './clip.ts';
export { createState, optimizerStep, type OptimizerState } from './optimizers.ts';
export { createRng, nextFloat, nextGaussian, nextUint32, type RngState } from './rng.ts';
export { learningRate } from './schedules.ts';
export {
  DEFAULT_TOLERANCE,
  defaultBound,
  runTrajectory,
  type TrajectoryOptions,
} from './trajectory.ts';
