/**
 * "Real models": data sets, small models with exact gradients, minibatch training on the
 * optimizers of shared/optim, and 2D slices of the resulting high-dimensional losses.
 */
export {
  BUILTIN_DATASETS,
  blobs,
  builtinDataset,
  datasetFromCsv,
  datasetFromJson,
  datasetSize,
  datasetToJson,
  moons,
  noisyLine,
  type BuiltinDatasetName,
  type CsvColumns,
  type CsvResult,
  type Dataset,
  type DatasetJson,
  type GeneratorOptions,
  type SkippedRow,
  type Task,
} from './data.ts';
export {
  crossEntropyFromLogit,
  fullLossObjective,
  linearClosedForm,
  linearModel,
  logisticModel,
  mlpFilters,
  mlpInit,
  mlpLayout,
  mlpModel,
  modelFilters,
  sigmoid,
  softplus,
  type Activation,
  type MlpModel,
  type MlpOptions,
  type Model,
  type ModelKind,
} from './models.ts';
export { batchesPerEpoch, epochOrder, fillEpochOrder, Minibatcher } from './minibatch.ts';
export { plannedSteps, train, type TrainOptions, type TrainResult } from './train.ts';
export {
  filterNormalizedDirections,
  pcaDirections,
  projectPath,
  sliceCoordinate,
  sliceGrid,
  sliceRows,
  type PcaDirections,
  type SliceSpec,
} from './slice.ts';
