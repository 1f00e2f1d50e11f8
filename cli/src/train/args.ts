/**
 * `descent train`'s arguments, read by the shared parser (../args.ts parseFlags) with the same
 * rules and wording as every subcommand: values after a space or `=`, negative numbers accepted
 * where a number is expected, every mistake a UsageError naming the flag as typed (exit code 2).
 * The optimizer flags are handed to the shared optimizerFrom, so they mean exactly what they
 * mean for `descent solve`.
 */
import { BUILTIN_DATASETS } from '../../../shared/model/data.ts';
import type { BuiltinDatasetName } from '../../../shared/model/data.ts';
import type { Activation, ModelKind } from '../../../shared/model/models.ts';
import type { OptimizerParams } from '../../../shared/types.ts';
import { oneOf, optimizerFrom, parseFlags, parseNumber, UsageError } from '../args.ts';
import type { CommandSpec, Values } from '../args.ts';

export const MODEL_KINDS: readonly ModelKind[] = ['linear', 'logistic', 'mlp'];
export const ACTIVATIONS: readonly Activation[] = ['tanh', 'relu'];
export const TRAIN_FORMATS = ['table', 'json', 'csv'] as const;
export type TrainFormat = (typeof TRAIN_FORMATS)[number];
export const DATASET_NAMES = Object.keys(BUILTIN_DATASETS) as BuiltinDatasetName[];

/** Defaults, also quoted by the help text. */
export const TRAIN_DEFAULTS = {
  batch: 32,
  epochs: 20,
  seed: 1,
  hidden: 8,
  activation: 'tanh' as Activation,
  /** Rows a table shows when --every is not given (plus row 0 and the last row). */
  tableRows: 20,
};

/** Most hidden units --hidden takes (the model allows more; a CLI run should stay quick). */
export const MAX_HIDDEN = 256;

/** Options of the optimizer, handed over to optimizerFrom. */
const OPTIMIZER_OPTIONS = [
  'optimizer',
  'lr',
  'momentum',
  'beta1',
  'beta2',
  'rho',
  'eps',
  'schedule',
  'warmup',
  'step-every',
  'step-factor',
  'gamma',
  'min-lr',
  'clip',
  'seed',
] as const;

/** `descent train` as the shared parser sees it (`--noise` is not taken: minibatches are the noise). */
export const TRAIN: CommandSpec = {
  name: 'train',
  options: [
    'model',
    'data',
    'x',
    'y',
    'batch',
    'epochs',
    'hidden',
    'activation',
    'start',
    'every',
    'format',
    'no-shuffle',
    'no-bias-correction',
    ...OPTIMIZER_OPTIONS,
  ],
};

/** Where the data comes from. */
export type DataSource =
  { kind: 'builtin'; name: BuiltinDatasetName } | { kind: 'csv'; path: string };

/** A CSV column picked by --x or --y: a header name, or a 0-based index. */
export type Column = string | number;

/** Everything `train` needs from its command line, parsed and checked (no file read yet). */
export interface TrainArgs {
  model: ModelKind;
  data: DataSource;
  /** --x: feature columns (CSV only); undefined = the default. */
  x?: Column[];
  /** --y: target column (CSV only); undefined = the default. */
  y?: Column;
  optimizer: OptimizerParams;
  /** --batch; undefined = min(32, n), known once the data is read. */
  batch?: number;
  epochs: number;
  seed: number;
  shuffle: boolean;
  hidden: number;
  activation: Activation;
  start?: number[];
  /** --every; undefined = the format's default. */
  every?: number;
  format: TrainFormat;
}

/** A whole number in [min, max] from --flag. */
export function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const n = parseNumber(flag, text);
  if (!Number.isInteger(n) || n < min || n > max) {
    const range = max === Infinity ? `${min} or more` : `from ${min} to ${max}`;
    throw new UsageError(`--${flag} expects a whole number ${range}, got '${text}'.`);
  }
  return n;
}

/** A column list: each item a 0-based index when it is all digits, else a header name. */
function columnsFrom(flag: string, text: string): Column[] {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '')) {
    throw new UsageError(
      `--${flag} expects column names or 0-based indices, comma-separated; got '${text}'.`,
    );
  }
  // A list mixes nothing: all indices or all names (a name may look like a number).
  const indices = parts.every((p) => /^\d+$/.test(p));
  return indices ? parts.map(Number) : parts;
}

/** --data NAME | FILE.csv */
function dataFrom(text: string): DataSource {
  if ((DATASET_NAMES as string[]).includes(text)) {
    return { kind: 'builtin', name: text as BuiltinDatasetName };
  }
  if (/\.(csv|tsv|txt)$/i.test(text)) return { kind: 'csv', path: text };
  throw new UsageError(
    `--data must be one of ${DATASET_NAMES.join(', ')} or a .csv file; got '${text}'.`,
  );
}

/**
 * Parses `descent train`'s arguments; 'help' when --help was asked for. Checks what can be
 * checked without the data (types, ranges, flags that do not fit the model).
 */
export function parseTrainArgs(argv: readonly string[]): TrainArgs | 'help' {
  const { values } = parseFlags(argv, TRAIN);
  if (values.help) return 'help';

  if (values.model === undefined) {
    throw new UsageError(`Missing --model: give one of ${MODEL_KINDS.join(', ')}.`);
  }
  const model = oneOf('model', values.model, MODEL_KINDS);
  if (values.data === undefined) {
    throw new UsageError(`Missing --data: give one of ${DATASET_NAMES.join(', ')} or a .csv file.`);
  }
  const data = dataFrom(values.data);
  if (data.kind === 'builtin' && (values.x !== undefined || values.y !== undefined)) {
    const flag = values.x !== undefined ? '--x' : '--y';
    throw new UsageError(
      `${flag} picks columns of a CSV file; the built-in data set '${data.name}' has fixed features.`,
    );
  }
  const x = values.x === undefined ? undefined : columnsFrom('x', values.x);
  let y: Column | undefined;
  if (values.y !== undefined) {
    const ys = columnsFrom('y', values.y);
    if (ys.length !== 1) throw new UsageError(`--y expects one column, got '${values.y}'.`);
    y = ys[0];
  }

  const optimizerValues: Values = {};
  for (const name of OPTIMIZER_OPTIONS) {
    const v = values[name];
    if (v !== undefined) optimizerValues[name] = v;
  }
  if (values['no-bias-correction']) optimizerValues['no-bias-correction'] = true;
  const optimizer = optimizerFrom(optimizerValues);

  const seed = values.seed === undefined ? TRAIN_DEFAULTS.seed : parseNumber('seed', values.seed);
  const batch =
    values.batch === undefined ? undefined : wholeNumber('batch', values.batch, 1, Infinity);
  const epochs =
    values.epochs === undefined
      ? TRAIN_DEFAULTS.epochs
      : wholeNumber('epochs', values.epochs, 1, Infinity);
  const every =
    values.every === undefined ? undefined : wholeNumber('every', values.every, 1, Infinity);
  const format = oneOf('format', values.format ?? 'table', TRAIN_FORMATS);

  if (model !== 'mlp') {
    for (const flag of ['hidden', 'activation'] as const) {
      if (values[flag] !== undefined) {
        throw new UsageError(`--${flag} only applies to --model mlp (got --model ${model}).`);
      }
    }
  }
  const hidden =
    values.hidden === undefined
      ? TRAIN_DEFAULTS.hidden
      : wholeNumber('hidden', values.hidden, 1, MAX_HIDDEN);
  const activation =
    values.activation === undefined
      ? TRAIN_DEFAULTS.activation
      : oneOf('activation', values.activation, ACTIVATIONS);

  let start: number[] | undefined;
  if (values.start !== undefined) {
    if (model === 'mlp') {
      throw new UsageError(
        '--start does not apply to --model mlp: its weights start from a seeded random draw (change --seed).',
      );
    }
    start = values.start.split(',').map((p) => parseNumber('start', p));
  }

  return {
    model,
    data,
    ...(x ? { x } : {}),
    ...(y !== undefined ? { y } : {}),
    optimizer,
    ...(batch !== undefined ? { batch } : {}),
    epochs,
    seed,
    shuffle: !values['no-shuffle'],
    hidden,
    activation,
    ...(start ? { start } : {}),
    ...(every !== undefined ? { every } : {}),
    format,
  };
}
