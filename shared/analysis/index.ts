/**
 * Point analysis for the readout panel and the `inspect` command: gradient, Hessian and its
 * eigen-decomposition, Taylor estimates, Jacobians of vector expressions, a sampled convexity
 * verdict and the GD stability limit on quadratics.
 */
export {
  analyzePoint,
  classifyCurvature,
  DEFAULT_CURVATURE_TOLERANCE,
  DEFAULT_GRADIENT_TOLERANCE,
} from './analyze.ts';
export type { AnalyzeOptions, CurvatureClass, PointAnalysis } from './analyze.ts';
export {
  convexityVerdict,
  DEFAULT_CONVEXITY_SAMPLES,
  DEFAULT_CONVEXITY_TOLERANCE,
} from './convexity.ts';
export type { ConvexityOptions, ConvexityVerdict } from './convexity.ts';
export { jacobian, splitTopLevel } from './jacobian.ts';
export type { JacobianResult, ListPiece } from './jacobian.ts';
export { dot, matVec, norm, symmetricEigen, symmetricEigen2, unpackSquare } from './linalg.ts';
export type { EigenDecomposition } from './linalg.ts';
export { stabilityLimit } from './stability.ts';
export type { StabilityLimit } from './stability.ts';
export { taylorEstimate } from './taylor.ts';
export type { TaylorEstimate } from './taylor.ts';
